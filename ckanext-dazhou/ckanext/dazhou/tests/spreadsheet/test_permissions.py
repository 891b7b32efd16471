"""Staff import only into their own departments, and only where they may edit."""
from __future__ import annotations

import pytest
from ckan.tests import factories, helpers

from ckanext.dazhou.spreadsheet import importer
from ckanext.dazhou.tests.factories import site_context
from ckanext.dazhou.tests.spreadsheet.sample import catalog, exported_xlsx
from ckanext.dazhou.tests.spreadsheet.workbook import Workbook, problem_at, stored_state

MAIN = "信息资源目录"


def member(org: dict, role: str) -> dict:
    user = factories.User()
    helpers.call_action("organization_member_create", site_context(), id=org["id"],
                        username=user["name"], role=role)
    return user


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestPermissions:
    def test_another_departments_rows_are_refused(self):
        orgs = catalog()
        editor = member(orgs["health"], "editor")
        book = Workbook(exported_xlsx(org_id=orgs["police"]["id"]))
        row = book.row_of(MAIN, "网址名称", "dz-population")
        book.set(MAIN, row, "摘要", "卫健委改写的摘要")
        before = stored_state()
        report = importer.run(book.file(), editor["name"])
        assert not report.accepted
        assert "达州市公安局" in problem_at(report, MAIN, row, "提供方")
        assert stored_state() == before

    def test_moving_a_dataset_into_another_department_is_refused(self):
        orgs = catalog()
        editor = member(orgs["health"], "editor")
        book = Workbook(exported_xlsx(org_id=orgs["health"]["id"]))
        row = book.row_of(MAIN, "网址名称", "dz-clinics")
        book.set(MAIN, row, "提供方", "达州市公安局").set(MAIN, row, "提供方代码", "51170001")
        before = stored_state()
        report = importer.run(book.file(), editor["name"])
        assert "达州市公安局" in problem_at(report, MAIN, row, "提供方")
        assert stored_state() == before

    def test_a_member_without_edit_rights_is_refused(self):
        orgs = catalog()
        reader = member(orgs["health"], "member")
        book = Workbook(exported_xlsx(org_id=orgs["health"]["id"]))
        row = book.row_of(MAIN, "网址名称", "dz-clinics")
        book.set(MAIN, row, "摘要", "新的摘要")
        report = importer.run(book.file(), reader["name"])
        assert "医疗机构名录" in problem_at(report, MAIN, row, "提供方")

    def test_an_editor_updates_their_department(self):
        orgs = catalog()
        editor = member(orgs["health"], "editor")
        book = Workbook(exported_xlsx(org_id=orgs["health"]["id"]))
        book.set(MAIN, book.row_of(MAIN, "网址名称", "dz-clinics"), "摘要", "新的摘要")
        report = importer.run(book.file(), editor["name"])
        assert report.accepted, report.lines()
        assert report.updated == 1
        assert helpers.call_action("package_show", id="dz-clinics")["notes"] == "新的摘要"
        found = helpers.call_action("package_search", q="name:dz-clinics")["results"]
        assert found[0]["notes"] == "新的摘要"  # the search index follows
