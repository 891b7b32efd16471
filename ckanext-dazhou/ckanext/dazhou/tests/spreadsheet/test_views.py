"""The web pages: downloads, the import form (with its CSRF token) and the report."""
from __future__ import annotations

import io
import re

import openpyxl
import pytest
from ckan import model
from ckan.common import config
from ckan.tests import factories, helpers

from ckanext.dazhou.tests.factories import site_context
from ckanext.dazhou.tests.spreadsheet.sample import catalog, exported_xlsx
from ckanext.dazhou.tests.spreadsheet.workbook import Workbook, stored_state

IMPORT = "/catalog/spreadsheet/import"
MAIN = "信息资源目录"


def csrf_token(html: str) -> str:
    return re.search(r'name="_csrf_token" value="([^"]+)"', html).group(1)


def log_in(app, user: dict) -> None:
    """A session cookie for the site's host (app.set_session_user writes it for localhost)."""
    with app.client.session_transaction(base_url=config["ckan.site_url"]) as session:
        session["_user_id"] = model.User.get(user["name"]).get_id()
        session["_fresh"] = True


def post_file(app, file: io.BytesIO, token: str | None):
    data = {"file": (file, "catalog.xlsx")}
    if token:
        data["_csrf_token"] = token
    return app.post(IMPORT, data=data, content_type="multipart/form-data")


@pytest.fixture
def editor(app):
    orgs = catalog()
    user = factories.User()
    helpers.call_action("organization_member_create", site_context(), id=orgs["health"]["id"],
                        username=user["name"], role="editor")
    log_in(app, user)
    return {"user": user, **orgs}


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestImportPage:
    def test_form_has_a_csrf_token_and_import_reports_success(self, app, editor):
        page = app.get(IMPORT)
        assert page.status_code == 200
        book = Workbook(exported_xlsx(org_id=editor["health"]["id"]))
        book.set(MAIN, 2, "摘要", "网页导入的摘要")
        response = post_file(app, book.file(), csrf_token(page.get_data(as_text=True)))
        assert response.status_code == 200
        body = response.get_data(as_text=True)
        assert "alert-success" in body and "更新 1 条" in body
        assert helpers.call_action("package_show", id="dz-clinics")["notes"] == "网页导入的摘要"

    def test_post_without_csrf_token_is_refused(self, app, editor):
        before = stored_state()
        response = post_file(app, exported_xlsx(org_id=editor["health"]["id"]), None)
        assert response.status_code == 400
        assert stored_state() == before

    def test_rejected_file_shows_the_report_table(self, app, editor):
        page = app.get(IMPORT)
        book = Workbook(exported_xlsx(org_id=editor["health"]["id"]))
        book.set(MAIN, 2, "共享类型", "偶尔共享")
        before = stored_state()
        response = post_file(app, book.file(), csrf_token(page.get_data(as_text=True)))
        body = response.get_data(as_text=True)
        assert "dazhou-import-report" in body and "偶尔共享" in body and "共享类型" in body
        assert stored_state() == before

    def test_anonymous_users_cannot_import(self, app):
        assert app.get(IMPORT).status_code == 403


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestDownloads:
    def test_department_download_and_the_organization_page_link(self, app):
        orgs = catalog()
        response = app.get("/catalog/spreadsheet/export.xlsx",
                           query_string={"org": orgs["health"]["name"]})
        assert response.status_code == 200
        assert "attachment" in response.headers["Content-Disposition"]
        book = openpyxl.load_workbook(io.BytesIO(response.data), read_only=True)
        assert book.sheetnames == ["信息资源目录", "信息项", "资源"]
        names = [r[15] for r in book["信息资源目录"].iter_rows(min_row=2, values_only=True)]
        assert names == ["dz-clinics"]
        page = app.get(f"/organization/{orgs['health']['name']}").get_data(as_text=True)
        assert "/catalog/spreadsheet/export.xlsx?org=" + orgs["health"]["name"] in page

    def test_anonymous_city_wide_csv_leaves_out_private_datasets(self, app):
        catalog()
        response = app.get("/catalog/spreadsheet/export.csv")
        assert response.status_code == 200
        text = response.data.decode("utf-8-sig")
        assert "dz-population" in text and "dz-case-records" not in text  # closed → private
