"""The pages around suggestions: the search box carries them, a search without result
offers the nearest catalog words and the categories."""
from __future__ import annotations

import re

import pytest

from ckanext.dazhou.tests.factories import create_dataset


def _zero_block(body: str) -> str:
    match = re.search(r'<section class="module dz-zero-result".*?</section>', body, re.S)
    return match.group(0) if match else ""


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestZeroResultPage:
    def test_nearest_words_and_categories(self, app):
        create_dataset(title="空气质量监测日报")
        block = _zero_block(app.get("/dataset/", params={"q": "人口信息统计表格"}).body)
        assert "没有找到结果" in block
        assert "resource_subcategory=population" in block and ">人口<" in block  # nearest word
        for label in ("基础信息资源", "主题信息资源", "部门信息资源"):
            assert label in block
        assert "resource_category=basic" in block

    def test_a_homophone_typo_offers_the_word_it_sounds_like(self, app):
        create_dataset(title="空气质量监测日报")
        block = _zero_block(app.get("/dataset/", params={"q": "户藉"}).body)
        assert ">户籍<" in block

    def test_not_on_a_page_with_results_or_without_query(self, app):
        create_dataset(title="空气质量监测日报")
        assert _zero_block(app.get("/dataset/", params={"q": "空气质量"}).body) == ""
        assert _zero_block(app.get("/dataset/").body) == ""


@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestSearchBoxes:
    @pytest.mark.parametrize("path", ["/", "/dataset/"])
    def test_pages_load_the_suggestions_script_and_its_chinese_words(self, app, path):
        body = app.get(path).body
        assert 'id="dz-suggest-config"' in body
        assert 'data-url="/api/3/action/dazhou_suggest"' in body
        assert "用上下方向键选择" in body
        script = re.search(r'src="(/webassets/dazhou/[^"]*suggest\.js)"', body)
        assert script, "suggest.js not included"
        js = app.get(script.group(1)).body
        assert "aria-activedescendant" in js  # keyboard choice announced to screen readers
        assert not re.search(r"https?://", js)  # no outside code or service
