"""Suggestions while typing (dazhou_suggest) against the real Solr: Chinese, pinyin,
initials, vocabulary terms, and no title the caller may not see."""
from __future__ import annotations

import pytest
from ckan.plugins import toolkit as tk
from ckan.tests import factories, helpers

from ckanext.dazhou.tests.factories import create_dataset, create_department, department_user, site_context


def _suggest(q: str, user: dict | None = None, **params) -> dict:
    context = {"user": user["name"] if user else "", "ignore_auth": False}
    return helpers.call_action("dazhou_suggest", context, q=q, **params)


def _titles(q: str, user: dict | None = None) -> list[str]:
    return [d["title"] for d in _suggest(q, user)["datasets"]]


@pytest.fixture
def catalog(clean_db, clean_index):
    org = create_department()
    create_dataset(title="达州市第七次全国人口普查主要数据", owner_org=org["id"])
    create_dataset(title="人口基础信息库", owner_org=org["id"])
    create_dataset(title="空气质量监测日报", owner_org=org["id"])
    create_dataset(title="社会保险参保登记信息", owner_org=org["id"])
    closed = create_dataset(title="人口秘密档案清单", owner_org=org["id"], open_type="closed",
                            share_type="none", non_share_basis_type="law",
                            non_share_basis="《保守国家秘密法》")
    return {"org": org, "closed": closed}


@pytest.mark.usefixtures("with_plugins")
class TestSuggestMatches:
    def test_chinese_prefix_anywhere_in_the_title(self, catalog):
        titles = _titles("人口")
        assert set(titles) == {"人口基础信息库", "达州市第七次全国人口普查主要数据"}
        assert titles[0] == "人口基础信息库"  # title starting with it first

    def test_partly_typed_word(self, catalog):
        assert _titles("空气质") == ["空气质量监测日报"]

    def test_full_pinyin_and_its_prefix(self, catalog):
        assert "人口基础信息库" in _titles("renkou")
        assert "人口基础信息库" in _titles("renk")
        assert _titles("kongqizhi") == ["空气质量监测日报"]

    def test_initials(self, catalog):
        assert _titles("kqzl") == ["空气质量监测日报"]
        assert "达州市第七次全国人口普查主要数据" in _titles("rkpc")

    def test_full_width_and_case(self, catalog):
        assert _titles("ＫＱＺＬ") == ["空气质量监测日报"]

    def test_traditional_characters(self, catalog):
        assert "达州市第七次全国人口普查主要数据" in _titles("達州市第七次")
        assert _titles("空氣質") == ["空气质量监测日报"]

    def test_nothing_matches(self, catalog):
        assert _suggest("没有这个词")["datasets"] == []

    def test_vocabulary_terms_by_chinese_and_pinyin(self, catalog):
        assert "人口" in [t["label"] for t in _suggest("人口")["terms"]]
        terms = _suggest("rk")["terms"]
        assert any(t["label"] == "人口" and t["field"] == "resource_subcategory" for t in terms)

    def test_public_words_offer_the_catalog_term(self, catalog):
        # vocab search_synonyms: 社保 is an alternative label of 社会保险
        for q in ("社保", "shebao", "sheb"):
            first = _suggest(q)["terms"][0]
            assert (first["label"], first["alt"], first["field"]) == ("社会保险", "社保", "q")

    def test_deleted_datasets_are_not_titles(self, catalog):
        gone = create_dataset(title="人口迁移统计")
        assert "人口迁移统计" in _titles("人口")
        helpers.call_action("package_delete", site_context(), id=gone["id"])
        assert "人口迁移统计" not in _titles("人口")


@pytest.mark.usefixtures("with_plugins")
class TestSuggestVisibility:
    def test_closed_title_never_reaches_the_public(self, catalog):
        for q in ("人口", "人口秘", "renkoumi", "rkmm", "mimi"):
            assert "人口秘密档案清单" not in _titles(q)  # anonymous
            assert "人口秘密档案清单" not in _titles(q, factories.User())  # signed-in citizen

    def test_staff_and_bureau_see_the_closed_title(self, catalog):
        member = department_user(create_department(), "member")  # any department (Art. 18)
        assert "人口秘密档案清单" in _titles("rkmm", member)
        assert "人口秘密档案清单" in _titles("人口秘", factories.Sysadmin())

    def test_label_filter_is_what_hides_it(self, catalog):
        # the same query without the caller's labels finds the closed title: the filter matters
        from ckanext.dazhou.search import prefixes, suggest
        found = suggest.dataset_titles(prefixes.query_key("人口秘"), None, 10)
        assert [d["title"] for d in found] == ["人口秘密档案清单"]


@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestSuggestInput:
    def test_missing_q_is_an_error_keyed_by_q(self):
        with pytest.raises(tk.ValidationError) as error:
            helpers.call_action("dazhou_suggest", {"user": ""})
        assert "q" in error.value.error_dict

    def test_too_long_q(self):
        with pytest.raises(tk.ValidationError) as error:
            _suggest("人" * 51)
        assert "q" in error.value.error_dict

    def test_bad_rows(self):
        with pytest.raises(tk.ValidationError) as error:
            _suggest("人口", rows="-3")
        assert "rows" in error.value.error_dict

    def test_punctuation_only_suggests_nothing(self):
        assert _suggest("（）*:?") == {"q": "（）*:?", "terms": [], "datasets": []}

    def test_get_through_the_api_anonymously(self, app):
        response = app.get("/api/3/action/dazhou_suggest", params={"q": "人口"})
        assert response.status_code == 200
        assert response.json["success"] is True
        response = app.get("/api/3/action/dazhou_suggest", params={"q": ""})
        assert response.status_code == 409
        assert "q" in response.json["error"]
