"""Formats as CKAN clients send them are stored as one vocabulary key (issue 13)."""
from __future__ import annotations

import pytest
from ckan.plugins import toolkit as tk
from ckan.tests import helpers

from ckanext.dazhou import formats
from ckanext.dazhou.tests.factories import create_dataset, site_context


@pytest.mark.parametrize(("sent", "key"), [
    ("CSV", "csv"), ("csv", "csv"), (".csv", "csv"), ("text/csv", "csv"),
    ("text/csv; charset=utf-8", "csv"), ("JSON", "json"), ("PDF", "pdf"), ("XLSX", "xlsx"),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ("http://publications.europa.eu/resource/authority/file-type/CSV", "csv"),
    (".JPEG", "jpg"), ("GeoJSON", "geojson"), ("接口服务", "api"),
])
def test_canonical(sent, key):
    assert formats.canonical(sent) == key


@pytest.mark.parametrize("sent", ["", "nonsense", "电子表格", "text/html"])
def test_unknown_or_category_is_none(sent):
    assert formats.canonical(sent) is None


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestActions:
    @pytest.mark.parametrize("sent", ["CSV", "text/csv", ".csv", "Csv"])
    def test_package_create_stores_the_key(self, sent):
        dataset = create_dataset(resources=[{"url": "https://example.org/a.csv", "format": sent}])
        assert dataset["resources"][0]["format"] == "csv"

    def test_resource_create_and_package_patch(self):
        dataset = create_dataset()
        resource = helpers.call_action("resource_create", site_context(), package_id=dataset["id"],
                                       url="https://example.org/a.xlsx", format="XLSX")
        assert resource["format"] == "xlsx"
        patched = helpers.call_action("package_patch", site_context(), id=dataset["id"],
                                      resources=[{"url": "https://example.org/b.pdf",
                                                  "format": "application/pdf"}])
        assert patched["resources"][0]["format"] == "pdf"

    def test_unknown_format_refused_keyed_by_field(self):
        with pytest.raises(tk.ValidationError) as raised:
            create_dataset(resources=[{"url": "https://example.org/a", "format": "nonsense"}])
        assert "format" in raised.value.error_dict["resources"][0]

    def test_page_shows_the_vocabulary_label(self, app):
        dataset = create_dataset(resources=[{"url": "https://example.org/a.xlsx",
                                             "name": "表", "format": "xlsx"}])
        page = app.get(f"/dataset/{dataset['name']}/resource/{dataset['resources'][0]['id']}")
        assert "XLSX" in page.body
