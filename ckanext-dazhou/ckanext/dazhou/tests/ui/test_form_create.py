"""A valid dataset form creates the entry; the form shows its sections, help and conditions."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan import model
from ckan.lib.helpers import url_for
from ckan.tests import helpers

from ckanext.dazhou.tests.ui.forms import department_editor, form_data, post_new


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestCreateThroughTheForm:
    def test_good_post_creates_the_dataset_then_its_resource(self, app):
        user, org = department_editor()
        items = [{"name": "统一社会信用代码", "code": "DE01001", "data_type": "C",
                  "length": "18", "authoritative": True}]
        data = form_data(org["id"], data_items=items, share_methods=["file", "table"])
        response = post_new(app, user, data, follow_redirects=False)
        assert response.status_code == 302
        assert response.headers["location"].endswith(f"/dataset/{data['name']}/resource/new")

        dataset = helpers.call_action("package_show", id=data["name"])
        assert dataset["state"] == "draft"
        assert dataset["resource_code"] == f"300/{org['extras'][0]['value']}-00001"
        assert sorted(dataset["share_methods"]) == ["file", "table"]
        assert dataset["data_items"][0]["authoritative"] is True

        app.post(url_for("dataset_resource.new", id=data["name"]),
                 headers={"Authorization": user["token"]},
                 data={"id": "", "url": "https://data.dazhou.gov.cn/files/sample.xlsx",
                       "name": "采集样表", "format": "xlsx", "collection_sample": "true",
                       "save": "go-metadata"})
        assert model.Package.by_name(data["name"]).state == "active"


@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestFormLayout:
    def _form(self, app) -> BeautifulSoup:
        user, _org = department_editor()
        response = app.get(url_for("dataset.new"), headers={"Authorization": user["token"]})
        return BeautifulSoup(response.get_data(as_text=True), "html.parser")

    def test_sections_with_chinese_headings_hold_their_fields(self, app):
        form = self._form(app)
        legends = [s.legend.get_text(strip=True) for s in form.select("fieldset.dz-form-section")]
        assert legends == ["基本信息", "信息项", "共享属性", "开放属性", "更新与采集"]
        share = form.find(id="dz-section-share")
        for control in ("field-share_type", "field-share_conditions", "field-non_share_basis",
                        "field-api_endpoint", "field-cross_department_approval"):
            assert share.find(id=control) is not None, control
        assert form.find(id="dz-section-open").find(id="field-confidentiality_reviewer")
        assert form.find(id="dz-section-update").find(id="field-collection_legal_basis")

    def test_every_field_cites_its_article(self, app):
        form = self._form(app)
        for group in form.select("fieldset.dz-form-section .form-group"):
            if group.select_one(".dz-visibility-note"):
                continue  # where CKAN's visibility switch was, not a catalog field
            help_text = group.select_one(".info-block")
            assert help_text is not None and "第" in help_text.get_text(), group.label

    def test_visibility_is_explained_not_chosen(self, app):
        """Visibility follows 开放属性 on the server, so the form offers no switch to contradict it."""
        form = self._form(app)
        assert form.find(id="field-private") is None and not form.select("[name=private]")
        assert "开放属性" in form.select_one(".dz-visibility-note").get_text()

    def test_conditionally_required_fields_say_when(self, app):
        form = self._form(app)
        group = form.find(id="field-share_conditions").find_parent(class_="form-group")
        assert "有条件共享" in group.select_one(".dz-required-when").get_text()
        assert "条件必填" in group.select_one(".dz-required-when").get_text()
