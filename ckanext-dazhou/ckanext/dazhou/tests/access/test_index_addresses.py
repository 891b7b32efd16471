"""A free-text search for a word of an address finds nothing (the index never holds addresses)."""
from __future__ import annotations

import pytest
from ckan.tests import helpers

from ckanext.dazhou.tests.factories import create_dataset


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestAddressesNotSearchable:
    def _conditional(self):
        return create_dataset(
            title="地址测试数据", open_type="conditional", open_conditions="科研用途，签署协议",
            share_methods=["api"], api_description="按代码查询",
            api_endpoint="https://gw.dazhou.gov.cn/zqxgateway/v1",
            resources=[{"name": "文件", "url": "https://files.dazhou.gov.cn/qmwxyfile/data.csv",
                        "format": "csv"}])

    @pytest.mark.parametrize("word", ["zqxgateway", "qmwxyfile", "gw.dazhou.gov.cn"])
    def test_anonymous_search_by_address_word_finds_nothing(self, word):
        dataset = self._conditional()
        found = helpers.call_action("package_search", {"user": ""}, q="地址测试数据")
        assert [d["id"] for d in found["results"]] == [dataset["id"]]  # the dataset is searchable
        assert helpers.call_action("package_search", {"user": ""}, q=word)["count"] == 0

    def test_stored_dataset_keeps_its_addresses(self):
        dataset = self._conditional()
        shown = helpers.call_action("package_show", {"ignore_auth": True}, id=dataset["id"])
        assert shown["api_endpoint"] == "https://gw.dazhou.gov.cn/zqxgateway/v1"
        assert shown["resources"][0]["url"].endswith("/qmwxyfile/data.csv")
