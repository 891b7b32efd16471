"""CSV export: one table, UTF-8 with BOM, the guide's headers first."""
from __future__ import annotations

import csv
import io

import pytest

from ckanext.dazhou.spreadsheet import columns, export
from ckanext.dazhou.tests.factories import site_context
from ckanext.dazhou.tests.spreadsheet.sample import catalog

GUIDE = ["信息资源分类", "名称", "代码", "提供方", "提供方代码", "摘要", "格式", "信息项", "共享类型",
         "共享条件/不予共享依据", "共享方式", "开放属性", "更新周期", "发布日期", "关联资源代码"]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestCsvExport:
    def test_opens_with_the_guide_headers_and_a_bom(self, tmp_path):
        catalog()
        path = tmp_path / "catalog.csv"
        assert export.export(site_context(), "csv", str(path)) == 3
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert rows[0][:15] == GUIDE
        assert rows[0] == [c.header for c in columns.CSV_COLUMNS] and rows[0][-1] == "资源"
        population = next(r for r in rows if "dz-population" in r)
        record = dict(zip(rows[0], population))
        assert record["共享类型"] == "有条件共享" and record["提供方"] == "达州市公安局"
        assert record["信息项"].split("\n")[0] == "公民身份号码 | DE00001 | 字符型 | 18 | 18位 | 是 | "  # last: 引用权威信息项
        assert len(record["资源"].split("\n")) == 2

    def test_formula_like_text_is_quoted(self, tmp_path):
        catalog()
        path = tmp_path / "catalog.csv"
        export.export(site_context(), "csv", str(path))
        assert "'=SUM(A1) 不是公式" in path.read_text(encoding="utf-8-sig")

    def test_department_export_holds_only_that_department(self, tmp_path):
        orgs = catalog()
        path = tmp_path / "health.csv"
        assert export.export(site_context(), "csv", str(path), orgs["health"]["id"]) == 1
