"""The vocabulary files and `ckan dazhou vocab check`."""
from __future__ import annotations

import shutil

import pytest

from dazhou_vocab import check, loader


@pytest.fixture
def schemes_copy(tmp_path):
    target = tmp_path / "schemes"
    shutil.copytree(loader.SCHEMES_DIR, target)
    return target


class TestShippedVocabularies:
    def test_they_pass_the_check(self):
        assert check.check() == []

    def test_every_code_list_of_the_catalog_is_there(self):
        assert set(loader.schemes()) == {
            "resource_category", "share_type", "non_share_basis_type", "share_method",
            "open_type", "update_cycle", "format", "item_data_type", "security_level",
            "search_synonyms"}

    def test_article_11_categories(self):
        scheme = loader.scheme("resource_category")
        assert [c.label_zh for c in scheme.narrower("basic")] == [
            "人口", "法人", "自然资源和空间地理", "电子证照", "社会信用"]
        assert len(scheme.narrower("thematic")) == 10
        assert scheme.narrower("departmental") == []

    def test_eu_mappings(self):
        assert loader.scheme("open_type").by_key["closed"].exact_match == (
            "http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC",)
        assert loader.scheme("update_cycle").by_key["semiannual"].exact_match[0].endswith("/ANNUAL_2")
        assert loader.scheme("share_type").by_key["unconditional"].notation == "1"

    def test_base_uri_is_configurable(self):
        graph = loader.scheme_graph("share_type", "https://example.gov.cn/v/")
        subjects = {str(s) for s in graph.subjects()}
        assert "https://example.gov.cn/v/share_type/conditional" in subjects
        assert not any(s.startswith(loader.DEFAULT_BASE_URI) for s in subjects)


class TestCheckFindsBrokenFiles:
    def test_missing_english_label(self, schemes_copy):
        path = schemes_copy / "share_type.ttl"
        path.write_text(path.read_text().replace('"Conditional sharing"@en', '"x"@fr'))
        problems = check.check(schemes_copy)
        assert any("share_type.ttl" in p and "@en" in p for p in problems)

    def test_duplicate_notation(self, schemes_copy):
        path = schemes_copy / "security_level.ttl"
        path.write_text(path.read_text().replace('skos:notation "2"', 'skos:notation "1"'))
        assert any("notation '1' used 2 times" in p for p in check.check(schemes_copy))

    def test_not_turtle(self, schemes_copy):
        (schemes_copy / "open_type.ttl").write_text("this is not turtle <")
        assert any("open_type.ttl: not valid Turtle" in p for p in check.check(schemes_copy))

    def test_cli_exits_non_zero(self, schemes_copy, cli):
        from ckan.cli.cli import ckan
        (schemes_copy / "open_type.ttl").write_text("this is not turtle <")
        result = cli.invoke(ckan, ["dazhou", "vocab", "check", "--dir", str(schemes_copy)])
        assert result.exit_code != 0
        assert "open_type.ttl" in result.output
