"""The table preview (Chinese search and language file) and the access log of DataStore uses."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.plugins import toolkit as tk
from ckan.tests import factories, helpers

from ckanext.dazhou.access import grants
from ckanext.dazhou.model import AccessLogEntry
from ckanext.dazhou.tests.datastore.conftest import run_load, uploaded_resource
from ckanext.dazhou.tests.factories import (
    as_user, create_dataset, create_department, department_user, site_context)

POPULATION = "区县,常住人口（万人）\n通川区,56.2\n达川区,43.8\n宣汉县,98.1\n"


def token_of(user) -> dict:
    token = helpers.call_action("api_token_create", site_context(), user=user["name"],
                                name="t")["token"]
    return {"Authorization": token}


@pytest.mark.usefixtures("with_plugins", "datastore")
class TestPreview:
    def test_chinese_search_paging_and_language(self, app):
        resource = uploaded_resource(POPULATION.encode("gb18030"))
        run_load(resource["id"])
        (view,) = [v for v in helpers.call_action("resource_view_list", site_context(),
                                                  id=resource["id"])
                   if v["view_type"] == "datatables_view"]
        headers = token_of(factories.Sysadmin())
        ask = lambda **form: json.loads(app.post(  # noqa: E731
            f"/datatables/ajax/{view['id']}", headers=headers,
            data={"draw": "1", "start": "0", "length": "2", "search[value]": "", **form}
        ).get_data(as_text=True))
        found = ask(**{"search[value]": "达川"})
        assert [r["区县"] for r in found["data"]] == ["达川区"]
        assert found["recordsTotal"] == 3 and found["recordsFiltered"] == 1
        page = ask(**{"order[0][column]": "2", "order[0][dir]": "desc"})
        assert [r["常住人口（万人）"] for r in page["data"]] == ["98.1", "56.2"]  # 2 a page
        shown = app.get(f"/dataset/{resource['package_id']}/resource/{resource['id']}/view/"
                        f"{view['id']}", headers=headers).get_data(as_text=True)
        assert "datatablesview/i18n/zh_CN.json" in shown

    def test_search_text_cannot_reach_tsquery_syntax(self):
        from ckanext.dazhou.datastore.views import full_text_query

        assert full_text_query("通川 区") == "通川:* & 区:*"
        assert full_text_query("a' | !b & (c") == "a:* & b:* & c:*"
        assert full_text_query("") == ""


@pytest.mark.usefixtures("with_plugins", "datastore")
class TestAccessLog:
    def test_uses_and_refusals_of_conditional_data_are_logged_with_door(self, app):
        owner, user_org, refused_org = create_department(), create_department(), create_department()
        dataset = create_dataset(owner_org=owner["id"], share_type="conditional",
                                 share_conditions="仅限政务用途", open_type="closed")
        resource = uploaded_resource(POPULATION.encode(), dataset=dataset)
        run_load(resource["id"])
        grants.create("share", dataset["id"], "organization", user_org["id"], "test")
        model.Session.commit()
        granted, other = department_user(user_org, "member"), department_user(refused_org)
        helpers.call_action("datastore_search", as_user(granted), resource_id=resource["id"])
        with pytest.raises(tk.NotAuthorized):
            helpers.call_action("datastore_search", as_user(other), resource_id=resource["id"])
        # a dump asks datastore_search once per chunk: one row per request
        assert app.get(f"/datastore/dump/{resource['id']}",
                       headers=token_of(granted)).status_code == 200
        rows = model.Session.execute(sa.select(
            AccessLogEntry.user_id, AccessLogEntry.allowed, AccessLogEntry.door)
            .where(AccessLogEntry.resource_id == resource["id"])
            .order_by(AccessLogEntry.id)).all()
        assert rows == [(granted["id"], True, "datastore"), (other["id"], False, "datastore"),
                        (granted["id"], True, "download")]

    def test_a_refused_dump_is_the_explained_403_of_a_download(self, app):
        dataset = create_dataset(owner_org=create_department()["id"], open_type="conditional",
                                 open_conditions="实名申请，说明用途")
        resource = uploaded_resource(POPULATION.encode(), dataset=dataset)
        run_load(resource["id"])
        response = app.get(f"/datastore/dump/{resource['id']}",
                           headers=token_of(factories.User()))
        body = response.get_data(as_text=True)
        assert response.status_code == 403 and "通川区" not in body
        assert "该资源为有条件开放" in body
        assert f'href="/dataset/{dataset["name"]}/open-apply"' in body

    def test_open_data_is_not_logged(self):
        resource = uploaded_resource(POPULATION.encode())
        run_load(resource["id"])
        helpers.call_action("datastore_search", {"user": "", "ignore_auth": False},
                            resource_id=resource["id"])
        assert model.Session.execute(sa.select(sa.func.count()).select_from(
            AccessLogEntry).where(AccessLogEntry.resource_id == resource["id"])).scalar() == 0
