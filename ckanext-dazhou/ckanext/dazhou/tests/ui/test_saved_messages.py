"""Saving the dataset and resource forms says so in Chinese on the next page."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan.lib.helpers import url_for
from ckan.tests import helpers
from werkzeug.datastructures import MultiDict

from ckanext.dazhou.tests.ui.forms import department_editor, form_data, post_new, submitted_fields

RESOURCE = {"url": "https://data.dazhou.gov.cn/files/sample.xlsx", "name": "采集样表", "format": "xlsx"}


def _next_page_message(app, user, response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:1000]
    page = app.get(response.headers["Location"], headers={"Authorization": user["token"]})
    alerts = BeautifulSoup(page.get_data(as_text=True), "html.parser").select(".flash-messages .alert")
    return " ".join(a.get_text(" ", strip=True) for a in alerts)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestSavedMessages:
    def test_create_add_resource_publish_edit(self, app):
        user, org = department_editor()
        auth = {"Authorization": user["token"]}
        data = form_data(org["id"])
        created = post_new(app, user, data, follow_redirects=False)
        assert "信息资源已保存，请继续添加资源" in _next_page_message(app, user, created)

        published = app.post(url_for("dataset_resource.new", id=data["name"]), headers=auth,
                             data={**RESOURCE, "id": "", "save": "go-metadata"}, follow_redirects=False)
        assert "信息资源已发布" in _next_page_message(app, user, published)

        edit_page = app.get(url_for("dataset.edit", id=data["name"]), headers=auth).get_data(as_text=True)
        updated = app.post(url_for("dataset.edit", id=data["name"]), headers=auth,
                           data=MultiDict(submitted_fields(edit_page) + [("save", "")]), follow_redirects=False)
        assert "信息资源已保存。" in _next_page_message(app, user, updated)

        added = app.post(url_for("dataset_resource.new", id=data["name"]), headers=auth,
                         data={**RESOURCE, "name": "第二个", "id": "", "save": "again"}, follow_redirects=False)
        assert "资源已添加" in _next_page_message(app, user, added)

        resource = helpers.call_action("package_show", id=data["name"])["resources"][0]
        edited = app.post(url_for("dataset_resource.edit", id=data["name"], resource_id=resource["id"]),
                          headers=auth, data={**RESOURCE, "id": resource["id"], "name": "改名", "save": ""},
                          follow_redirects=False)
        assert "资源已保存" in _next_page_message(app, user, edited)

    def test_a_refused_form_says_no_success(self, app):
        user, org = department_editor()
        response = post_new(app, user, form_data(org["id"], open_type=""), follow_redirects=False)
        assert response.status_code == 200
        assert "已保存" not in response.get_data(as_text=True)

    def test_api_saves_leave_no_message(self, app):
        user, org = department_editor()
        app.post("/api/3/action/package_create", headers={"Authorization": user["token"]},
                 json=form_data(org["id"]) | {"share_methods": ["file"]})
        page = app.get("/dataset/", headers={"Authorization": user["token"]}).get_data(as_text=True)
        assert "已保存" not in page
