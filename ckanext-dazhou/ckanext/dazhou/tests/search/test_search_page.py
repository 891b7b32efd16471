"""The search page says how the query was searched (templates/package/search.html)."""
from __future__ import annotations

import pytest

from ckanext.dazhou.tests.factories import create_dataset


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestSearchPageNotes:
    def test_synonym_rewrite(self, app):
        create_dataset(title="城镇职工社会保险参保登记")
        page = app.get("/dataset/", query_string={"q": "社保"}).get_data(as_text=True)
        assert "已按 社会保险 检索" in page
        assert "城镇职工社会保险参保登记" in page

    def test_pinyin_fallback(self, app):
        create_dataset(title="渠县户籍人口统计")
        page = app.get("/dataset/", query_string={"q": "户藉"}).get_data(as_text=True)
        assert "以下是 户籍 的结果" in page
        assert "渠县户籍人口统计" in page

    def test_plain_query_says_nothing(self, app):
        create_dataset(title="渠县户籍人口统计")
        page = app.get("/dataset/", query_string={"q": "户籍"}).get_data(as_text=True)
        assert "dazhou-search-note" not in page
