"""Readable Latin names from Chinese titles (names.py, issue 13)."""
from __future__ import annotations

import pytest
from ckan.tests import helpers

from ckanext.dazhou import names
from ckanext.dazhou.tests.factories import (
    create_dataset,
    create_department,
    dataset_fields,
    site_context,
)


def test_slug_is_pinyin_cut_at_a_syllable():
    assert names.slug("达州市人口基础信息库") == "da-zhou-shi-ren-kou-ji-chu-xin-xi-ku"
    assert names.slug("达州市人口（2024年）", max_length=60) == "da-zhou-shi-ren-kou-2024-nian"
    cut = names.slug("达州市人口基础信息库", max_length=14)
    assert cut == "da-zhou-shi"  # never half a syllable


def test_slug_without_letters_falls_back():
    assert names.slug("？？") == names.FALLBACK


@pytest.mark.parametrize(("value", "expected"), [
    ("https://data.sc.gov.cn/dataset/population-base", "population-base"),
    ("ABC_123", "abc_123"), ("人口库", None), ("2024", None), ("", None),
])
def test_latin_slug(value, expected):
    assert names.latin_slug(value) == expected


@pytest.mark.parametrize(("name", "munged"), [
    ("__", True), ("__-139", True), ("_-_", True), ("da-zhou", False), ("2024", False),
])
def test_is_munged(name, munged):
    assert names.is_munged(name) is munged


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestDefaultName:
    def _create(self, title):
        fields = dataset_fields(title=title, owner_org=create_department()["id"])
        del fields["name"]
        return helpers.call_action("package_create", site_context(), **fields)

    def test_omitted_name_is_the_titles_pinyin_with_a_suffix_when_taken(self):
        first = self._create("人口基础信息库")
        second = self._create("人口基础信息库")
        third = self._create("人口基础信息库")
        assert first["name"] == "ren-kou-ji-chu-xin-xi-ku"
        assert second["name"] == "ren-kou-ji-chu-xin-xi-ku-2"
        assert third["name"] == "ren-kou-ji-chu-xin-xi-ku-3"

    def test_given_name_is_kept(self):
        assert create_dataset(name="dz-population")["name"] == "dz-population"

    def test_update_without_name_keeps_it(self):
        dataset = self._create("法人信息")
        fields = {k: v for k, v in dataset.items() if k != "name"}
        updated = helpers.call_action("package_update", site_context(), **fields)
        assert updated["name"] == dataset["name"] == "fa-ren-xin-xi"
