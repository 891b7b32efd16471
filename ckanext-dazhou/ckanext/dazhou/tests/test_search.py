"""Search runs on the real Solr, with Chinese-aware analysis (solr/conf/chinese-text-types.xml)."""
from __future__ import annotations

import pytest
import requests
from ckan.plugins import toolkit as tk
from ckan.tests import helpers

from ckanext.dazhou.tests.factories import create_dataset


def _titles(q: str) -> set[str]:
    result = helpers.call_action("package_search", q=q, rows=100)
    return {d["title"] for d in result["results"]}


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestSearch:
    def test_created_dataset_is_found(self):
        dataset = create_dataset(title="企业登记注册信息")
        result = helpers.call_action("package_search", q=f"name:{dataset['name']}")
        assert [d["id"] for d in result["results"]] == [dataset["id"]]

    def test_chinese_words_inside_unspaced_titles(self):
        create_dataset(title="达州市人口基础信息库")
        create_dataset(title="空气质量监测日报")
        create_dataset(title="达州市GDP季度统计数据")
        assert "达州市人口基础信息库" in _titles("人口")
        assert "达州市人口基础信息库" in _titles("人口基础信息")
        assert "空气质量监测日报" in _titles("空气质量")
        assert "空气质量监测日报" not in _titles("人口")
        assert _titles("GDP 统计") == {"达州市GDP季度统计数据"}

    def test_a_word_is_a_phrase_not_any_of_its_bigrams(self):
        # 人口 and 质量 both occur, but 人口质量 occurs in neither title.
        create_dataset(title="达州市人口基础信息库")
        create_dataset(title="空气质量监测日报")
        assert _titles("人口质量") == set()

    def test_single_character_query_matches_inside_a_word(self):
        create_dataset(title="空气质量监测日报")
        create_dataset(title="企业登记注册信息")
        assert _titles("气") == {"空气质量监测日报"}

    def test_description_is_searched(self):
        create_dataset(title="监测日报", notes="全市各监测站点的细颗粒物浓度")
        assert _titles("细颗粒物") == {"监测日报"}


class TestRealSolr:
    def test_the_solr_that_answers_is_real(self):
        core_url = tk.config.get("solr_url")
        base = core_url.rsplit("/", 1)[0]
        info = requests.get(f"{base}/admin/info/system", params={"wt": "json"}, timeout=10).json()
        assert info["lucene"]["solr-spec-version"].startswith("9.10")
        assert info["lucene"]["lucene-spec-version"].startswith("9.")
        schema = requests.get(f"{core_url}/schema/name", params={"wt": "json"}, timeout=10).json()
        assert schema["name"] == "ckan-2.12"
