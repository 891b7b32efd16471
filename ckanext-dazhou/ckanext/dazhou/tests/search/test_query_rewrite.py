"""Query normalisation and segmentation (search/query.py) through package_search on the real Solr."""
from __future__ import annotations

import pytest
from ckan.tests import helpers

from ckanext.dazhou.search import query
from ckanext.dazhou.tests.factories import create_dataset


def _titles(q: str, **params) -> list[str]:
    result = helpers.call_action("package_search", q=q, rows=100, **params)
    return [d["title"] for d in result["results"]]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestUnspacedWords:
    def test_compound_finds_its_words_apart(self):
        create_dataset(title="达州市第七次全国人口普查主要数据")
        create_dataset(title="中心城区公共停车场收费标准")
        create_dataset(title="失业保险金申领发放情况")
        assert _titles("人口普查数据") == ["达州市第七次全国人口普查主要数据"]
        assert _titles("公共停车场收费") == ["中心城区公共停车场收费标准"]
        assert _titles("失业保险金发放") == ["失业保险金申领发放情况"]

    def test_every_typed_word_is_required(self):
        create_dataset(title="渠县中小学学籍信息")
        create_dataset(title="渠县户籍人口信息")
        create_dataset(title="万源市学籍信息")
        create_dataset(title="渠县学籍管理办法目录")
        assert sorted(_titles("渠县 学籍 信息")) == ["渠县中小学学籍信息", "渠县学籍管理办法目录"]
        assert _titles("渠县 学籍 信息")[0] == "渠县中小学学籍信息"  # 信息 ranks, never decides

    def test_a_common_word_alone_still_searches(self):
        create_dataset(title="企业登记信息")
        create_dataset(title="空气质量日报")
        assert _titles("信息") == ["企业登记信息"]

    def test_title_match_ranks_above_description_match(self):
        create_dataset(title="道路运输车辆清单", notes="含公交线路的车辆")
        create_dataset(title="公交线路走向", notes="城区道路")
        assert _titles("公交线路")[0] == "公交线路走向"


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestNormalisation:
    def test_traditional_query_finds_simplified_title(self):
        create_dataset(title="达州市人口统计年报")
        assert _titles("達州 人口 統計") == ["达州市人口统计年报"]

    def test_simplified_query_finds_traditional_title(self):
        create_dataset(title="達州市戶籍人口統計")
        assert _titles("户籍人口") == ["達州市戶籍人口統計"]
        shown = helpers.call_action("package_search", q="户籍人口")["results"][0]
        assert shown["title"] == "達州市戶籍人口統計"  # what is shown stays as entered

    def test_full_width_and_mixed(self):
        create_dataset(title="达州市GDP季度统计")
        assert _titles("ＧＤＰ统计") == ["达州市GDP季度统计"]
        assert _titles("gdp") == ["达州市GDP季度统计"]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestUserSyntaxKeepsItsMeaning:
    def test_quotes_keep_a_phrase(self):
        create_dataset(title="人口普查公报")
        create_dataset(title="普查区人口分布")
        assert _titles('"人口普查"') == ["人口普查公报"]

    def test_minus_excludes(self):
        create_dataset(title="农业普查公报")
        create_dataset(title="人口普查公报")
        assert _titles("普查 -农业") == ["人口普查公报"]

    def test_or_and_not(self):
        create_dataset(title="农业普查公报")
        create_dataset(title="人口普查公报")
        create_dataset(title="户籍迁入登记")
        assert sorted(_titles("人口普查 OR 户籍")) == ["人口普查公报", "户籍迁入登记"]
        assert _titles("普查 AND 人口") == ["人口普查公报"]
        assert _titles("普查 NOT 农业") == ["人口普查公报"]

    def test_a_very_long_query_is_answered(self):
        create_dataset(title="社会保险参保登记")
        result = helpers.call_action("package_search", q="社保医保公租房低保公积金驾照户口营业执照" * 100)
        assert result["count"] == 0

    def test_fielded_queries_fq_and_everything(self):
        a = create_dataset(title="企业登记注册信息")
        create_dataset(title="空气质量日报")
        assert _titles(f"name:{a['name']}") == ["企业登记注册信息"]
        assert len(_titles("*:*")) == 2
        assert _titles("", fq=f"name:{a['name']}") == ["企业登记注册信息"]
        assert _titles("信息", fq=f"name:{a['name']}") == ["企业登记注册信息"]


class TestRewrite:
    def test_fielded_and_empty_queries_are_left_to_ckan(self):
        assert query.rewrite("name:x") is None
        assert query.rewrite("*:*") is None
        assert query.rewrite("") is None

    def test_a_word_ending_in_a_common_character_is_cut(self):
        assert query.rewrite("学籍统计表").q.count("+") == 1  # 学籍 decides; 统计 and 表 rank

    def test_common_words_optional_only_beside_others(self):
        assert query.rewrite("信息").q == '+"信息"'
        assert query.rewrite("渠县 信息").q == '+"渠县" ("信息" OR "渠县")'
