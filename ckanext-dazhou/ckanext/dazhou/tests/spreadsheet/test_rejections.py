"""Bad spreadsheets are rejected with a report naming row, column and rule; nothing is stored."""
from __future__ import annotations

import pytest
from ckan.plugins import toolkit as tk

from ckanext.dazhou import catalog_sync
from ckanext.dazhou.spreadsheet import importer
from ckanext.dazhou.tests.factories import site_context
from ckanext.dazhou.tests.spreadsheet.sample import catalog, exported_xlsx
from ckanext.dazhou.tests.spreadsheet.workbook import Workbook, problem_at, stored_state

MAIN, ITEMS = "信息资源目录", "信息项"


def rejected(book: Workbook):
    """Import the workbook; assert it is rejected and that nothing stored changed."""
    before = stored_state()
    report = importer.run(book.file(), site_context()["user"])
    assert not report.accepted
    assert stored_state() == before
    return report


def new_row(book: Workbook, name: str, **changes) -> int:
    """A new dataset: a copy of dz-clinics without code, data items or resources."""
    source = book.row_of(MAIN, "网址名称", "dz-clinics")
    cells = {"代码": None, "网址名称": name, "名称": f"新资源{name}", "信息项": None, "格式": None}
    return book.copy_row(MAIN, source, **{**cells, **changes})


@pytest.fixture
def book():
    catalog()
    return Workbook(exported_xlsx())


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestRejected:
    def test_missing_columns(self, book):
        book.delete_column(MAIN, "密级").delete_column(ITEMS, "数据类型")
        report = rejected(book)
        assert "密级" in problem_at(report, MAIN, 1, "密级")
        assert "数据类型" in problem_at(report, ITEMS, 1, "数据类型")

    def test_unknown_codes_name_the_code_list(self, book):
        row = book.row_of(MAIN, "网址名称", "dz-population")
        book.set(MAIN, row, "共享类型", "偶尔共享")
        item = book.row_of(ITEMS, "信息项名称", "姓名")
        book.set(ITEMS, item, "数据类型", "汉字型")
        report = rejected(book)
        message = problem_at(report, MAIN, row, "共享类型")
        assert "偶尔共享" in message and "共享类型" in message and "无条件共享" in message
        assert "第十二条" in message
        assert "汉字型" in problem_at(report, ITEMS, item, "数据类型")

    def test_duplicates_inside_the_file(self, book):
        row = book.row_of(MAIN, "网址名称", "dz-population")
        copy = book.copy_row(MAIN, row, 名称="人口库副本")
        report = rejected(book)
        assert str(row) in problem_at(report, MAIN, copy, "代码")
        assert str(row) in problem_at(report, MAIN, copy, "网址名称")

    def test_same_title_twice_for_one_provider(self, book):
        copy = new_row(book, "dz-clinics-2", 名称="医疗机构名录")
        report = rejected(book)
        assert "医疗机构名录" in problem_at(report, MAIN, copy, "名称")

    def test_one_source_against_the_catalog(self):
        health = catalog()["health"]
        book = Workbook(exported_xlsx(org_id=health["id"]))  # the department's own file
        new_row(book, "dz-id-copy")
        item = book.copy_row(ITEMS, book.row_of(ITEMS, "信息项名称", "公民身份号码"),
                             代码=None, 网址名称="dz-id-copy", 权威来源="是")
        report = rejected(book)
        message = problem_at(report, ITEMS, item, "权威来源")
        assert "第十四条" in message and "达州市人口基础信息库" in message

    def test_one_source_inside_the_file(self, book):
        new_row(book, "dz-plates-a")
        new_row(book, "dz-plates-b")
        first = book.copy_row(ITEMS, 2, 代码=None, 网址名称="dz-plates-a", 信息项名称="车牌号码",
                              数据元代码=None, 权威来源="是")
        second = book.copy_row(ITEMS, 2, 代码=None, 网址名称="dz-plates-b", 信息项名称="车牌号码",
                               数据元代码=None, 权威来源="是")
        report = rejected(book)
        message = problem_at(report, ITEMS, second, "权威来源")
        assert "第十四条" in message and str(first) in message

    def test_share_rule_and_no_code_drawn_for_valid_rows(self, book):
        new_row(book, "dz-valid-new")  # valid: its code would be drawn during validation
        row = book.row_of(MAIN, "网址名称", "dz-clinics")
        book.set(MAIN, row, "共享类型", "有条件共享").set(MAIN, row, "共享条件/不予共享依据", None)
        report = rejected(book)
        assert "第十八条" in problem_at(report, MAIN, row, "共享条件/不予共享依据")
        assert [p.row for p in report.problems] == [row]

    def test_not_an_xlsx_file(self):
        import io
        before = stored_state()
        report = importer.run(io.BytesIO(b"name,title\n"), site_context()["user"])
        assert not report.accepted and stored_state() == before


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestAllOrNothing:
    def test_a_failure_while_storing_rolls_back_every_row(self, book, monkeypatch):
        new_row(book, "dz-first-new")
        new_row(book, "dz-second-new")
        saved = catalog_sync.dataset_saved

        def fail_on_second(pkg_dict):
            if pkg_dict["name"] == "dz-second-new":  # e.g. a claim committed meanwhile
                raise tk.ValidationError({"data_items": ["并发冲突"]})
            saved(pkg_dict)

        monkeypatch.setattr(catalog_sync, "dataset_saved", fail_on_second)
        report = rejected(book)
        assert "并发冲突" in problem_at(report, MAIN, book.row_of(MAIN, "网址名称", "dz-second-new"),
                                    "信息项")
