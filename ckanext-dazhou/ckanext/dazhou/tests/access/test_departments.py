"""Only the bureau makes departments; a department is an organization with a valid code."""
from __future__ import annotations

import pytest
from ckan import model
from ckan.plugins import toolkit as tk
from ckan.tests import factories, helpers

from ckanext.dazhou.tests.factories import (
    as_user, create_dataset, create_department, department_user, site_context)


def bureau_member(capacity: str = "member", code: str | None = None) -> dict:
    bureau = create_department(code, name="dz-dsjj", title="达州市大数据局")
    return department_user(bureau, capacity)


def token_of(user: dict) -> dict:
    token = helpers.call_action("api_token_create", site_context(), user=user["name"], name="t")
    return {"Authorization": token["token"]}


def code_error(excinfo) -> str:
    return " ".join(excinfo.value.error_dict["department_code"])


@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestOnlyTheBureauCreates:
    @pytest.mark.ckan_config("ckan.auth.user_create_organizations", "true")
    @pytest.mark.ckan_config("ckan.auth.user_create_groups", "true")
    def test_registered_visitor_cannot_create_by_api_even_if_config_allows(self, app):
        visitor = factories.User()
        for action in ("organization_create", "group_create"):
            with pytest.raises(tk.NotAuthorized):
                helpers.call_action(action, as_user(visitor), name=f"self-made-{action[:5]}",
                                    department_code="51170899")
            response = app.post(f"/api/3/action/{action}", headers=token_of(visitor),
                                json={"name": "self-made", "department_code": "51170898"})
            assert response.status_code == 403
        assert helpers.call_action("organization_list", site_context()) == []
        assert helpers.call_action("group_list", site_context()) == []

    def test_registered_visitor_cannot_open_the_new_pages(self, app):
        headers = token_of(factories.User())
        assert app.get("/organization/new", headers=headers).status_code == 403
        assert app.get("/group/new", headers=headers).status_code == 403
        posted = app.post("/organization/new", headers=headers, data={
            "title": "自封的局", "name": "self-made", "department_code": "51170899", "save": ""})
        assert posted.status_code == 403
        assert helpers.call_action("organization_list", site_context()) == []

    def test_department_admin_cannot_create_or_delete_departments(self):
        org = create_department()
        admin = department_user(org, "admin")
        with pytest.raises(tk.NotAuthorized):
            helpers.call_action("organization_create", as_user(admin), name="another",
                                department_code="51170897")
        with pytest.raises(tk.NotAuthorized):
            helpers.call_action("organization_delete", as_user(admin), id=org["id"])

    def test_bureau_member_creates_and_deletes(self):
        member = bureau_member()
        created = helpers.call_action("organization_create", as_user(member), name="dz-new",
                                      title="达州市新设局", department_code="51170099")
        assert {"key": "department_code", "value": "51170099"} in created["extras"]
        group = helpers.call_action("group_create", as_user(member), name="theme")
        helpers.call_action("group_delete", as_user(member), id=group["id"])
        helpers.call_action("organization_delete", as_user(member), id=created["id"])

    def test_bureau_member_creates_on_the_page(self, app):
        headers = token_of(bureau_member())
        form = app.get("/organization/new", headers=headers)
        page = form.get_data(as_text=True)
        assert "部门代码" in page and "问题描述" not in page
        bad = app.post("/organization/new", headers=headers, data={
            "title": "达州市新设局", "name": "dz-new", "department_code": "abc", "save": ""})
        assert "部门代码须为8位数字" in bad.get_data(as_text=True)
        assert helpers.call_action("organization_list", site_context()) == ["dz-dsjj"]
        app.post("/organization/new", headers=headers, data={
            "title": "达州市新设局", "name": "dz-new", "department_code": "51170099", "save": ""})
        shown = helpers.call_action("organization_show", site_context(), id="dz-new")
        assert {"key": "department_code", "value": "51170099"} in shown["extras"]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestStaffMeansDepartment:
    def closed_dataset(self):
        return create_dataset(owner_org=create_department()["id"], open_type="closed",
                              share_type="unconditional")

    def test_member_of_organization_without_code_is_no_staff(self):
        dataset = self.closed_dataset()
        slipped_in = factories.Organization()  # made by a sysadmin, no department code
        user = department_user(slipped_in, "admin")
        with pytest.raises(tk.ObjectNotFound):
            helpers.call_action("package_show", as_user(user), id=dataset["id"])
        found = helpers.call_action("package_search", as_user(user), q="*:*", include_private=True)
        assert dataset["id"] not in [d["id"] for d in found["results"]]

    def test_member_of_organization_with_invalid_code_is_no_staff(self):
        dataset = self.closed_dataset()
        org = factories.Organization()
        group = model.Group.get(org["id"])
        group.extras = {"department_code": "fake"}  # as a site from before the check has it
        model.Session.commit()
        user = department_user(org, "admin")
        with pytest.raises(tk.ObjectNotFound):
            helpers.call_action("package_show", as_user(user), id=dataset["id"])

    def test_member_of_a_department_is_staff(self):
        dataset = self.closed_dataset()
        user = department_user(create_department(), "member")
        assert helpers.call_action("package_show", as_user(user), id=dataset["id"])["id"] == dataset["id"]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestDepartmentCode:
    def test_format_checked_with_error_keyed_by_field(self):
        member = bureau_member()
        for code in ("5117001", "5117000A", "x"):
            with pytest.raises(tk.ValidationError) as excinfo:
                helpers.call_action("organization_create", as_user(member), name="dz-new",
                                    department_code=code)
            assert code_error(excinfo)
        assert "dz-new" not in helpers.call_action("organization_list", site_context())

    def test_code_given_as_extra_is_checked_too(self):
        with pytest.raises(tk.ValidationError) as excinfo:
            helpers.call_action("organization_create", as_user(bureau_member()), name="dz-new",
                                extras=[{"key": "department_code", "value": "12"}])
        assert code_error(excinfo)

    def test_code_required_from_the_bureau(self):
        with pytest.raises(tk.ValidationError) as excinfo:
            helpers.call_action("organization_create", as_user(bureau_member()), name="dz-new")
        assert code_error(excinfo)

    @pytest.mark.ckan_config("ckanext.dazhou.department_code_pattern", r"^DZ\d{3}$")
    @pytest.mark.ckan_config("ckanext.dazhou.department_code_format", "DZ加3位数字")
    def test_format_is_configurable(self):
        member = bureau_member(code="DZ000")
        with pytest.raises(tk.ValidationError) as excinfo:
            helpers.call_action("organization_create", as_user(member), name="dz-a", department_code="51170001")
        assert "DZ加3位数字" in code_error(excinfo)
        helpers.call_action("organization_create", as_user(member), name="dz-b", department_code="DZ001")

    def test_unique(self):
        taken = create_department(department_code="51170042", title="达州市某局")
        with pytest.raises(tk.ValidationError) as excinfo:
            helpers.call_action("organization_create", as_user(bureau_member()), name="dz-new",
                                department_code="51170042")
        assert "达州市某局" in code_error(excinfo)
        other = create_department()
        with pytest.raises(tk.ValidationError):
            helpers.call_action("organization_patch", site_context(), id=other["id"],
                                department_code="51170042")
        assert taken["name"] in helpers.call_action("organization_list", site_context())

    def test_department_admin_cannot_change_it_but_edits_the_rest(self):
        org = create_department(department_code="51170050")
        admin = department_user(org, "admin")
        with pytest.raises(tk.ValidationError) as excinfo:
            helpers.call_action("organization_patch", as_user(admin), id=org["id"],
                                department_code="51170051")
        assert "Big Data Bureau" in code_error(excinfo)
        with pytest.raises(tk.ValidationError):
            helpers.call_action("organization_patch", as_user(admin), id=org["id"],
                                extras=[{"key": "department_code", "value": "51170051"}])
        helpers.call_action("organization_update", as_user(admin), id=org["id"], name=org["name"],
                            title="改名后的局")  # no extras: the code stays
        shown = helpers.call_action("organization_show", site_context(), id=org["id"])
        assert shown["title"] == "改名后的局"
        assert {"key": "department_code", "value": "51170050"} in shown["extras"]

    def test_admin_of_an_organization_without_code_still_edits_it(self):
        org = factories.Organization()  # from before codes: only the bureau can give it one
        admin = department_user(org, "admin")
        helpers.call_action("organization_patch", as_user(admin), id=org["id"], title="新名称")
        with pytest.raises(tk.ValidationError):
            helpers.call_action("organization_patch", as_user(bureau_member()), id=org["id"],
                                title="再改名")

    def test_other_department_cannot_edit_at_all(self):
        org = create_department()
        outsider = department_user(create_department(), "admin")
        with pytest.raises(tk.NotAuthorized):
            helpers.call_action("organization_patch", as_user(outsider), id=org["id"],
                                department_code="51170077")

    def test_bureau_changes_it_and_issued_codes_stay(self):
        org = create_department(department_code="51170060")
        dataset = create_dataset(owner_org=org["id"])
        issued = dataset["resource_code"]
        assert "/51170060-" in issued
        helpers.call_action("organization_patch", as_user(bureau_member()), id=org["id"],
                            department_code="51170061")
        assert helpers.call_action("package_show", site_context(), id=dataset["id"])["resource_code"] == issued
        helpers.call_action("package_patch", site_context(), id=dataset["id"], notes="改了摘要")
        assert helpers.call_action("package_show", site_context(), id=dataset["id"])["resource_code"] == issued
        newer = create_dataset(owner_org=org["id"])
        assert "/51170061-" in newer["resource_code"]


@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestDepartmentEditPage:
    def test_admin_sees_the_code_read_only_and_saves_the_rest(self, app):
        org = create_department(department_code="51170070")
        headers = token_of(department_user(org, "admin"))
        page = app.get(f"/organization/edit/{org['name']}", headers=headers).get_data(as_text=True)
        assert "部门代码" in page and "问题描述" not in page
        assert 'id="field-department-code"' in page and 'readonly' in page.split('id="field-department-code"')[1][:300]
        saved = app.post(f"/organization/edit/{org['name']}", headers=headers, follow_redirects=False,
                         data={"title": "改名后的局", "name": org["name"], "department_code": "51170070",
                               "description": "", "save": ""})
        assert saved.status_code == 302
        shown = helpers.call_action("organization_show", site_context(), id=org["id"])
        assert shown["title"] == "改名后的局"
        assert {"key": "department_code", "value": "51170070"} in shown["extras"]

    def test_admin_changing_the_code_gets_the_error_next_to_it(self, app):
        org = create_department(department_code="51170071")
        headers = token_of(department_user(org, "admin"))
        refused = app.post(f"/organization/edit/{org['name']}", headers=headers,
                           data={"title": org["title"], "name": org["name"], "department_code": "51170072",
                                 "description": "", "save": ""})
        assert "只有市大数据局可以设定或修改部门代码" in refused.get_data(as_text=True)
        shown = helpers.call_action("organization_show", site_context(), id=org["id"])
        assert {"key": "department_code", "value": "51170071"} in shown["extras"]
