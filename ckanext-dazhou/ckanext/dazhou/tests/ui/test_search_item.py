"""Search results show the resource code, provider, share/open badges and format labels."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan.lib.helpers import url_for

from ckanext.dazhou.tests.factories import create_dataset


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestSearchItem:
    def test_item_shows_catalog_badges(self, app):
        dataset = create_dataset(
            title="空气质量监测日报", share_type="conditional", share_conditions="仅限政务用途",
            open_type="open", update_cycle="weekly",
            resources=[{"url": "https://data.dazhou.gov.cn/api/air", "format": "api"}])
        response = app.get(url_for("dataset.search"))
        page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        item = page.select_one(".dataset-item")
        meta = item.select_one(".dz-item-meta").get_text(" ", strip=True)
        assert dataset["resource_code"] in meta and dataset["organization"]["title"] in meta
        assert item.select_one(".dz-badge-share-conditional").get_text(strip=True) == "有条件共享"
        assert item.select_one(".dz-badge-open-open").get_text(strip=True) == "无条件开放"
        assert "更新周期：每周" in meta
        assert item.select_one(".dataset-resources").get_text(strip=True) == "接口服务"
