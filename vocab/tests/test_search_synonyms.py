"""The search vocabulary (schemes/search_synonyms.ttl) and its check."""
from __future__ import annotations

import shutil

import pytest

from dazhou_vocab import check, loader


@pytest.fixture
def schemes_copy(tmp_path):
    target = tmp_path / "schemes"
    shutil.copytree(loader.SCHEMES_DIR, target)
    return target


def _break(schemes_copy, old: str, new: str) -> list[str]:
    path = schemes_copy / "search_synonyms.ttl"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return check.check(schemes_copy)


class TestShipped:
    def test_seeded_with_government_words_and_places(self):
        scheme = loader.scheme("search_synonyms")
        assert len(scheme.concepts) >= 100
        by_pref = {c.label_zh: c for c in scheme.concepts}
        for public, catalog in [("社保", "社会保险"), ("医保", "医疗保障"), ("公租房", "公共租赁住房"),
                                ("低保", "最低生活保障"), ("公积金", "住房公积金"), ("驾照", "机动车驾驶证"),
                                ("户口", "户籍"), ("营业执照", "市场主体登记")]:
            assert public in by_pref[catalog].alt_labels
        assert {c.label_zh for c in scheme.narrower("dazhou")} == {
            "通川区", "达川区", "万源市", "宣汉县", "开江县", "大竹县", "渠县"}


class TestBrokenFileFails:
    def test_label_of_two_concepts(self, schemes_copy):
        problems = _break(schemes_copy, 'skos:altLabel "医保"@zh', 'skos:altLabel "社保"@zh')
        assert any("'社保' belongs to two concepts" in p for p in problems)

    def test_duplicate_label_in_one_concept(self, schemes_copy):
        problems = _break(schemes_copy, 'skos:hiddenLabel "社保险"@zh', 'skos:hiddenLabel "社保"@zh')
        assert any("'社保' given 2 times" in p for p in problems)

    def test_missing_pref_label(self, schemes_copy):
        problems = _break(schemes_copy, 'skos:prefLabel "社会保险"@zh ;', "")
        assert any("social_insurance: needs one skos:prefLabel in @zh" in p for p in problems)

    def test_broader_outside_the_scheme(self, schemes_copy):
        problems = _break(schemes_copy, "skos:broader <https://data.dazhou.gov.cn/vocab/search_synonyms/dazhou>",
                          "skos:broader <https://data.dazhou.gov.cn/vocab/search_synonyms/nowhere>")
        assert any("nowhere is not a concept of this scheme" in p for p in problems)

    def test_cli_exits_non_zero(self, schemes_copy, cli):
        from ckan.cli.cli import ckan

        _break(schemes_copy, 'skos:altLabel "医保"@zh', 'skos:altLabel "社保"@zh')
        result = cli.invoke(ckan, ["dazhou", "vocab", "check", "--dir", str(schemes_copy)])
        assert result.exit_code != 0
        assert "belongs to two concepts" in result.output
