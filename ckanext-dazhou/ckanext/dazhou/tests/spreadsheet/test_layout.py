"""The layout carries every schema field; coded cells take labels, keys or notations."""
from __future__ import annotations

import pytest
from ckan.tests import helpers
from ckanext.scheming.helpers import scheming_get_dataset_schema

from ckanext.dazhou.spreadsheet import columns, importer, share_text
from ckanext.dazhou.tests.factories import site_context
from ckanext.dazhou.tests.spreadsheet.sample import catalog, exported_xlsx
from ckanext.dazhou.tests.spreadsheet.workbook import Workbook

MAIN, ITEMS, RESOURCES = "信息资源目录", "信息项", "资源"


@pytest.mark.usefixtures("with_plugins")
class TestLayout:
    def test_every_schema_field_has_a_column(self):
        schema = scheming_get_dataset_schema("dataset")
        fields = {f["field_name"] for f in schema["dataset_fields"]}
        assert fields - columns.covered_fields() == set()
        items = next(f for f in schema["dataset_fields"] if f["field_name"] == "data_items")
        assert {s["field_name"] for s in items["repeating_subfields"]} == {
            c.field for c in columns.ITEM_FIELDS}
        assert {f["field_name"] for f in schema["resource_fields"]} == {
            c.field for c in columns.RESOURCE_FIELDS}

    def test_guide_columns_come_first_in_order(self):
        assert [c.header for c in columns.MAIN_COLUMNS[:15]] == [
            "信息资源分类", "名称", "代码", "提供方", "提供方代码", "摘要", "格式", "信息项", "共享类型",
            "共享条件/不予共享依据", "共享方式", "开放属性", "更新周期", "发布日期", "关联资源代码"]

    @pytest.mark.parametrize("dataset", [
        {"share_type": "conditional", "share_conditions": "仅限政务用途"},
        {"share_type": "none", "non_share_basis": "《统计法》", "share_conditions": "旧条件"},
        {"share_type": "unconditional", "share_conditions": "共享条件：看起来像标签"},
        {"share_type": "none", "non_share_basis": "第一行\n不予共享依据：第二行"},
    ])
    def test_share_text_cell_round_trips(self, dataset):
        cell = share_text.encode(dataset)
        expected = {f: dataset[f] for f in columns.SHARE_TEXT_FIELDS if dataset.get(f)}
        assert share_text.decode(cell, dataset["share_type"]) == expected


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestSpellings:
    def test_labels_keys_and_notations_are_the_same_value(self):
        catalog()
        book = Workbook(exported_xlsx())
        row = book.row_of(MAIN, "网址名称", "dz-population")
        book.set(MAIN, row, "共享类型", "2").set(MAIN, row, "更新周期", "daily")
        book.set(MAIN, row, "开放属性", "Conditionally open").set(MAIN, row, "共享方式", "api,3")
        book.set(MAIN, row, "资源子类", "101").set(MAIN, row, "跨部门并联审批", "true")
        book.set(ITEMS, book.row_of(ITEMS, "信息项名称", "姓名"), "数据类型", "C")
        book.set(RESOURCES, book.row_of(RESOURCES, "资源名称", "样表"), "格式", "202")
        report = importer.run(book.file(), site_context()["user"])
        assert report.accepted, report.lines()
        assert (report.updated, report.unchanged) == (0, 3)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestUpdates:
    def test_items_resources_and_tags_are_replaced_and_resource_ids_kept(self):
        catalog()
        before = helpers.call_action("package_show", site_context(), id="dz-population")
        book = Workbook(exported_xlsx())
        book.set(ITEMS, book.row_of(ITEMS, "信息项名称", "出生日期"), "描述", "公历")
        book.book[RESOURCES].delete_rows(book.row_of(RESOURCES, "资源名称", "人口核验接口"))
        row = book.row_of(MAIN, "网址名称", "dz-population")
        book.set(MAIN, row, "关键词", "人口、身份").set(MAIN, row, "格式", "XLSX")
        report = importer.run(book.file(), site_context()["user"])
        assert report.accepted, report.lines()
        assert report.updated == 1
        after = helpers.call_action("package_show", site_context(), id="dz-population")
        assert after["data_items"][2]["description"] == "公历"
        assert [r["id"] for r in after["resources"]] == [before["resources"][1]["id"]]
        assert sorted(t["name"] for t in after["tags"]) == ["人口", "身份"]
        assert after["resource_code"] == before["resource_code"]

    def test_a_new_row_without_code_gets_one(self):
        orgs = catalog()
        book = Workbook(exported_xlsx(org_id=orgs["health"]["id"]))
        book.copy_row(MAIN, 2, 代码="", 网址名称="dz-new", 名称="新资源", 信息项="", 格式="")
        report = importer.run(book.file(), site_context()["user"])
        assert report.accepted, report.lines()
        assert report.created == 1
        created = helpers.call_action("package_show", site_context(), id="dz-new")
        assert created["resource_code"] == "201/51170004-00002"
