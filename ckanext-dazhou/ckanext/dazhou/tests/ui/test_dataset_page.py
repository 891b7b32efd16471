"""The dataset page shows every catalog attribute in Chinese: labels, data items, resources."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan.lib.helpers import url_for

from ckanext.dazhou.tests.factories import create_dataset

ITEMS = [
    {"name": "公民身份号码", "code": "DE00001", "data_type": "C", "length": "18",
     "description": "18位公民身份号码", "authoritative": True},
    {"name": "出生日期", "data_type": "D", "authoritative": False},
]


def _page(app, name: str) -> BeautifulSoup:
    response = app.get(url_for("dataset.read", id=name))
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _cells(row) -> list[str]:
    return [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])]


@pytest.fixture
def dataset():
    related = create_dataset(title="社会保险参保信息")
    return create_dataset(
        title="人口基础信息库", resource_category="basic", resource_subcategory="population",
        share_type="conditional", share_conditions="仅限政务用途",
        share_methods=["api", "file"], update_cycle="daily", cross_department_approval=False,
        api_description="按身份证号查询，返回JSON", api_endpoint="https://data.dazhou.gov.cn/api/x/v1",
        open_type="conditional", open_conditions="科研用途，须签订保密协议", security_level="sensitive",
        data_items=ITEMS, related_resource_codes=[related["resource_code"]],
        resources=[
            {"url": "https://data.dazhou.gov.cn/files/sample.xlsx", "name": "采集样表",
             "format": "xlsx", "collection_sample": True},
            {"url": "https://data.dazhou.gov.cn/api/x/v1", "name": "核验接口", "format": "api"},
        ],
    ) | {"related": related}


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestDatasetPage:
    def test_resource_code_is_prominent(self, app, dataset):
        page = _page(app, dataset["name"])
        summary = page.select_one(".dz-catalog-summary")
        assert dataset["resource_code"] in summary.select_one(".dz-resource-code").get_text()
        badges = summary.get_text(" ", strip=True)
        for label in ("基础信息资源 · 人口", "有条件共享", "有条件开放", "每日", "敏感"):
            assert label in badges

    def test_coded_values_show_their_chinese_labels(self, app, dataset):
        page = _page(app, dataset["name"])
        share = page.find(id="dz-info-share").get_text(" ", strip=True)
        for text in ("共享类型 有条件共享", "共享条件 仅限政务用途", "接口", "文件",
                     "用于跨部门并联审批 否"):
            assert text in share
        opening = page.find(id="dz-info-open").get_text(" ", strip=True)
        for text in ("开放属性 有条件开放", "密级 敏感", "保密审查 审查通过", "保密审查人 张三"):
            assert text in opening
        info = page.select_one(".dz-catalog-info").get_text(" ", strip=True)
        assert "更新周期 每日" in info and "信息资源分类 基础信息资源" in info
        for key in ("conditional", "sensitive", "daily", "population"):
            assert f" {key} " not in f" {info} "

    def test_data_items_table(self, app, dataset):
        table = _page(app, dataset["name"]).select_one("table.dz-data-items")
        rows = table.find_all("tr")
        assert _cells(rows[0]) == ["#", "信息项名称", "数据元代码", "数据类型", "数据长度", "描述", "权威来源", "引用权威信息项"]
        assert _cells(rows[1]) == ["1", "公民身份号码", "DE00001", "字符型", "18", "18位公民身份号码", "是", ""]
        assert _cells(rows[2]) == ["2", "出生日期", "", "日期型", "", "", "否", ""]

    def test_resources_show_format_labels_and_the_sample_badge(self, app, dataset):
        page = _page(app, dataset["name"])
        sample, interface = page.select(".resource-item")
        assert "XLSX" in sample.get_text() and "采集格式样本" in sample.get_text()
        assert "接口服务" in interface.get_text() and "采集格式样本" not in interface.get_text()

    def test_related_resource_codes_link_to_their_datasets(self, app, dataset):
        related = _page(app, dataset["name"]).select_one(".dz-related-codes")
        assert dataset["related"]["resource_code"] in related.get_text()
        link = related.find("a")
        assert link.get_text(strip=True) == "社会保险参保信息"
        assert link["href"].endswith("/dataset/" + dataset["related"]["name"])

    def test_a_related_dataset_the_visitor_may_not_see_is_not_named(self, app):
        hidden = create_dataset(title="不予开放的内部资源", open_type="closed", private=True)
        dataset = create_dataset(related_resource_codes=[hidden["resource_code"]])
        related = _page(app, dataset["name"]).select_one(".dz-related-codes")
        assert hidden["resource_code"] in related.get_text()
        assert related.find("a") is None and "不予开放的内部资源" not in related.get_text()
