"""The web pages: downloads, the import form (with its CSRF token) and the report."""
from __future__ import annotations

import io
import re
import shutil

import openpyxl
import pytest
from ckan import model
from ckan.common import config
from ckan.lib import jobs
from ckan.tests import factories, helpers

from ckanext.dazhou.spreadsheet import background
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

    def test_anonymous_city_wide_csv_leaves_out_private_datasets(self, app, export_queue):
        catalog()
        text = city_wide(app, export_queue, "csv").data.decode("utf-8-sig")
        assert "dz-population" in text and "dz-case-records" not in text  # closed → private


CITY_CSV = "/catalog/spreadsheet/export.csv"


@pytest.fixture
def export_queue():
    """CKAN's job queue, empty, and no export files left from an earlier test."""
    shutil.rmtree(background.export_dir(), ignore_errors=True)
    queue = jobs.get_queue()
    queue.empty()
    yield queue
    queue.empty()


def run_queued(queue) -> int:
    """Run the queued builds here, as CKAN's worker would; returns how many ran."""
    queued = queue.jobs
    for job in queued:
        assert job.func_name == "ckanext.dazhou.spreadsheet.background.build"
        background.build(*job.args)
    queue.empty()
    return len(queued)


def city_wide(app, queue, fmt: str, headers=None):
    """Ask, get the waiting page and one queued build, run it, ask again: the file."""
    waiting = app.get(f"/catalog/spreadsheet/export.{fmt}", headers=headers)
    assert waiting.status_code == 202 and "正在生成全市目录" in waiting.get_data(as_text=True)
    assert run_queued(queue) == 1
    ready = app.get(f"/catalog/spreadsheet/export.{fmt}", headers=headers)
    assert ready.status_code == 200 and "attachment" in ready.headers["Content-Disposition"]
    if fmt == "csv":
        assert ready.headers["Content-Type"] == "text/csv; charset=utf-8"
    return ready


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestCityWideInTheBackground:
    def test_one_build_is_queued_however_often_it_is_asked(self, app, export_queue):
        catalog()
        for _ in range(3):
            assert app.get(CITY_CSV).status_code == 202
        assert len(export_queue.jobs) == 1

    def test_a_change_makes_the_file_stale_so_a_closed_dataset_leaves_it(self, app, export_queue):
        catalog()
        assert "dz-population" in city_wide(app, export_queue, "csv").data.decode("utf-8-sig")
        assert app.get(CITY_CSV).status_code == 200  # fresh: served again, nothing queued
        assert not export_queue.jobs
        helpers.call_action("package_patch", site_context(), id="dz-population",
                            open_type="closed", open_conditions="")
        text = city_wide(app, export_queue, "csv").data.decode("utf-8-sig")
        assert "dz-population" not in text

    def test_each_signed_in_user_has_their_own_file(self, app, export_queue):
        catalog()
        staff = factories.Sysadmin()
        as_staff = {"Authorization": factories.APIToken(user=staff["name"])["token"]}
        staff_text = city_wide(app, export_queue, "csv", as_staff).data.decode("utf-8-sig")
        assert "dz-case-records" in staff_text  # the sysadmin sees closed data
        assert app.get(CITY_CSV).status_code == 202  # the public never gets the staff file
        public_text = city_wide_after_queue(app, export_queue)
        assert "dz-case-records" not in public_text


def city_wide_after_queue(app, queue) -> str:
    assert run_queued(queue) == 1
    return app.get(CITY_CSV).data.decode("utf-8-sig")
