"""The search vocabulary applied at query time (search/synonyms.py) and served under /vocab/."""
from __future__ import annotations

import pytest
from ckan.tests import helpers

from ckanext.dazhou.tests.factories import create_dataset


def _search(q: str) -> dict:
    return helpers.call_action("package_search", q=q, rows=100)


def _titles(q: str) -> list[str]:
    return [d["title"] for d in _search(q)["results"]]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestPublicWords:
    @pytest.mark.parametrize("public, title", [
        ("社保", "城镇职工社会保险参保登记"), ("医保", "城乡居民医疗保障待遇"), ("公租房", "公共租赁住房分配名单"),
        ("低保", "农村最低生活保障对象"), ("公积金", "住房公积金缴存单位"), ("驾照", "机动车驾驶证考试合格人员"),
        ("户口", "户籍迁入登记"), ("营业执照", "市场主体登记注册信息"),
    ])
    def test_public_word_finds_catalog_term(self, public, title):
        create_dataset(title=title)
        create_dataset(title="空气质量日报")
        assert _titles(public) == [title]

    def test_catalog_term_finds_the_public_word_too(self):
        create_dataset(title="社保缴费明细")
        assert _titles("社会保险") == ["社保缴费明细"]

    def test_an_alternative_does_not_find_its_siblings(self):
        create_dataset(title="电梯维保单位")
        create_dataset(title="锅炉使用登记")
        create_dataset(title="特种设备安全检验")
        assert sorted(_titles("电梯")) == ["特种设备安全检验", "电梯维保单位"]

    def test_the_result_says_what_was_searched(self):
        create_dataset(title="城镇职工社会保险参保登记")
        result = _search("社保 参保")
        assert result["dazhou_rewritten_query"] == "社会保险 参保"
        assert result["dazhou_fallback"] is None
        assert _search("社会保险")["dazhou_rewritten_query"] is None


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestPlaces:
    def test_dazhou_x_finds_its_counties(self):
        create_dataset(title="渠县常住人口")
        create_dataset(title="达州市人口年报")
        create_dataset(title="宣汉县耕地保护")
        assert sorted(_titles("达州 人口")) == ["渠县常住人口", "达州市人口年报"]

    def test_a_county_is_not_the_whole_city(self):
        create_dataset(title="渠县常住人口")
        create_dataset(title="达州市人口年报")
        assert _titles("渠县 人口") == ["渠县常住人口"]


@pytest.mark.usefixtures("with_plugins")
class TestServed:
    def test_scheme_under_vocab(self, app):
        response = app.get("/vocab/search_synonyms.ttl")
        assert response.status_code == 200
        assert "公共租赁住房" in response.get_data(as_text=True)
