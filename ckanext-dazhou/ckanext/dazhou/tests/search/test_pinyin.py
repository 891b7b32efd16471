"""Pinyin: Latin queries read as pinyin or initials, and the zero-result pinyin retry."""
from __future__ import annotations

import pytest
from ckan.tests import helpers

from ckanext.dazhou.search import pinyin
from ckanext.dazhou.tests.factories import create_dataset


def _search(q: str) -> dict:
    return helpers.call_action("package_search", q=q, rows=100)


def _titles(q: str) -> list[str]:
    return [d["title"] for d in _search(q)["results"]]


class TestHelpers:
    def test_full_and_initials(self):
        assert pinyin.full("住房公积金") == "zhu fang gong ji jin"
        assert pinyin.initials("住房公积金") == "zfgjj"

    def test_syllables(self):
        assert pinyin.syllables("gongjijin") == ("gong", "ji", "jin")
        assert pinyin.syllables("xi'an") == ("xi", "an")
        assert pinyin.syllables("gdp") is None


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestLatinQueries:
    @pytest.mark.parametrize("q", ["renkou", "rk", "RenKou"])
    def test_pinyin_and_initials_of_title_words(self, q):
        create_dataset(title="达州市人口基础信息")
        create_dataset(title="空气质量日报")
        assert _titles(q) == ["达州市人口基础信息"]

    def test_spaced_syllables(self):
        create_dataset(title="达州市人口基础信息")
        create_dataset(title="任务清单口径说明")  # ren … kou apart: not 人口
        assert _titles("ren kou") == ["达州市人口基础信息"]

    @pytest.mark.parametrize("q", ["gongjijin", "gjj", "shebao", "sb"])
    def test_pinyin_of_synonyms_in_the_title(self, q):
        create_dataset(title="住房公积金缴存单位")
        create_dataset(title="社会保险参保登记")
        create_dataset(title="空气质量日报")
        expected = "住房公积金缴存单位" if q.startswith("g") else "社会保险参保登记"
        assert _titles(q) == [expected]

    def test_pinyin_of_tags(self):
        create_dataset(title="年度报表", tags=[{"name": "人口"}])
        assert _titles("renkou") == ["年度报表"]

    def test_real_latin_words_keep_working(self):
        create_dataset(title="达州市GDP季度统计")
        create_dataset(title="政务服务API目录", notes="CSV 格式")
        assert _titles("GDP") == ["达州市GDP季度统计"]
        assert _titles("API") == ["政务服务API目录"]
        assert _titles("csv") == ["政务服务API目录"]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestHomophoneFallback:
    def test_typo_is_retried_by_pinyin_and_says_so(self):
        create_dataset(title="渠县户籍人口统计")
        create_dataset(title="城乡居民养老保险参保")
        result = _search("户藉")
        assert [d["title"] for d in result["results"]] == ["渠县户籍人口统计"]
        assert result["dazhou_fallback"] == "pinyin"
        assert result["dazhou_rewritten_query"] == "户籍"
        assert "_dazhou_han" not in result
        assert _titles("养老保线") == ["城乡居民养老保险参保"]

    def test_later_pages_are_retried_alike(self):
        for n in range(3):
            create_dataset(title=f"渠县户籍人口统计{n}")
        page = helpers.call_action("package_search", q="户藉", rows=2, start=2)
        assert page["count"] == 3 and len(page["results"]) == 1
        assert page["dazhou_fallback"] == "pinyin"

    def test_no_retry_when_something_was_found(self):
        create_dataset(title="渠县户籍人口统计")
        result = _search("户籍")
        assert result["dazhou_fallback"] is None

    def test_nothing_sounds_alike(self):
        create_dataset(title="渠县户籍人口统计")
        result = _search("火箭发射")
        assert result["count"] == 0 and result["dazhou_fallback"] is None


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestFallbackSeesOnlyWhatTheCallerMay:
    def test_closed_dataset_not_found_or_named_by_the_retry(self):
        from ckan.tests import factories

        create_dataset(title="渠县户籍人口统计", share_type="none", open_type="closed",
                       non_share_basis_type="law", non_share_basis="《中华人民共和国统计法》第九条")
        citizen = factories.User()
        for context in ({"user": ""}, {"user": citizen["name"]}):
            result = helpers.call_action("package_search", context, q="户藉")
            assert result["count"] == 0 and result["results"] == []
            assert result["dazhou_fallback"] is None
            assert "户籍" not in (result["dazhou_rewritten_query"] or "")
        staff = helpers.call_action("package_search", q="户藉", include_private=True)
        assert staff["dazhou_rewritten_query"] == "户籍"  # the site user may see it
