"""Imports refused before they cost the server: size, zip bomb, shared strings, rows, bad XML."""
from __future__ import annotations

import io
import zipfile

import pytest
from ckan.tests import factories

from ckanext.dazhou.spreadsheet import importer
from ckanext.dazhou.tests.factories import site_context
from ckanext.dazhou.tests.spreadsheet.generated import new_rows, template
from ckanext.dazhou.tests.spreadsheet.sample import exported_xlsx
from ckanext.dazhou.tests.spreadsheet.test_views import csrf_token, log_in, post_file
from ckanext.dazhou.tests.spreadsheet.workbook import Workbook, stored_state

MAIN = "信息资源目录"
MB = 1024 * 1024


def _import(app, file) -> list[str]:
    with app.flask_app.test_request_context():
        report = importer.run(file, site_context()["user"])
    assert not report.accepted
    return [p.message for p in report.problems]


def _padded(megabytes: float) -> io.BytesIO:
    """A valid export whose first sheet's XML carries `megabytes` of blanks (tiny when zipped)."""
    export = exported_xlsx()
    sheet = zipfile.ZipFile(export).read("xl/worksheets/sheet1.xml")
    padding = b" " * int(megabytes * MB)
    export.seek(0)
    return _replace_member(export, "xl/worksheets/sheet1.xml",
                           sheet.replace(b"</worksheet>", padding + b"</worksheet>"))


def _with_shared_strings(megabytes: float) -> io.BytesIO:
    strings = b"<si><t>" + b"x" * 1000 + b"</t></si>"
    table = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats'
             b'.org/spreadsheetml/2006/main">' + strings * int(megabytes * MB / len(strings))
             + b"</sst>")
    return _replace_member(exported_xlsx(), "xl/sharedStrings.xml", table)


def _replace_member(file: io.BytesIO, name: str, content: bytes) -> io.BytesIO:
    source = zipfile.ZipFile(file)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            if member.filename != name:
                target.writestr(member.filename, source.read(member))
        target.writestr(name, content)
    out.seek(0)
    return out


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestLimits:
    @pytest.mark.ckan_config("ckanext.dazhou.import_max_mb", 1)
    def test_upload_larger_than_the_limit(self, app):
        assert _import(app, io.BytesIO(b"PK" + b"\0" * MB)) == ["文件超过 1 MB，不予导入"]

    @pytest.mark.ckan_config("ckanext.dazhou.import_max_unzipped_mb", 2)
    def test_zip_bomb_refused_before_parsing(self, app):
        template()
        bomb = _padded(3)
        assert len(bomb.getvalue()) < 200 * 1024
        before = stored_state()
        assert _import(app, bomb) == ["工作簿解压后超过 2 MB，不予导入"]
        assert stored_state() == before

    @pytest.mark.ckan_config("ckanext.dazhou.import_max_shared_strings_mb", 1)
    def test_shared_strings_larger_than_the_limit(self, app):
        template()
        assert _import(app, _with_shared_strings(1.5)) == ["工作簿的共享文本表超过 1 MB，不予导入"]

    @pytest.mark.ckan_config("ckanext.dazhou.import_max_rows", 3)
    def test_more_rows_than_the_limit(self, app):
        template()
        before = stored_state()
        assert _import(app, new_rows(4)) == ["工作表“信息资源目录”超过 3 行，请分批导入"]
        assert stored_state() == before

    def test_defaults_fit_a_large_catalog(self, app):
        template()
        with app.flask_app.test_request_context():
            report = importer.run(new_rows(3), site_context()["user"])
        assert report.accepted, report.lines()


DAMAGED = "工作簿已损坏（其中的 XML 无法读取）：请用 Excel 或 WPS 重新保存，或重新导出目录"


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestDamagedXml:
    @pytest.mark.parametrize("member, content", [
        ("xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row><c"),
        ("xl/worksheets/sheet1.xml",  # entity expansion (billion laughs) is refused
         b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
         b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
         b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>'
         b"</sheetData></worksheet>"),
        ("xl/workbook.xml", b"not xml at all"),
    ])
    def test_a_clear_error_not_a_500(self, app, member, content):
        template()
        damaged = _replace_member(exported_xlsx(), member, content)
        assert _import(app, damaged) == [DAMAGED]

    def test_the_import_page_shows_it_in_chinese(self, app):
        department = template()
        user = factories.Sysadmin()
        log_in(app, user)
        page = app.get("/catalog/spreadsheet/import")
        damaged = _replace_member(exported_xlsx(org_id=department["id"]),
                                  "xl/worksheets/sheet1.xml", b"<worksheet><sheetData>")
        before = stored_state()
        response = post_file(app, damaged, csrf_token(page.get_data(as_text=True)))
        assert response.status_code == 200
        assert DAMAGED in response.get_data(as_text=True)
        assert stored_state() == before
