"""Export → import gives back the same catalog, every schema field included."""
from __future__ import annotations

import pytest
from ckan.tests import helpers

from ckanext.dazhou.spreadsheet import importer
from ckanext.dazhou.tests.factories import site_context
from ckanext.dazhou.tests.spreadsheet.sample import catalog, catalog_view, exported_xlsx


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestRoundTrip:
    def test_import_into_an_empty_catalog_recreates_every_field(self):
        catalog()
        before = catalog_view()
        workbook = exported_xlsx()
        for name in before:
            helpers.call_action("dataset_purge", site_context(), id=name)
        assert catalog_view() == {}
        report = importer.run(workbook, site_context()["user"])
        assert report.accepted, report.lines()
        assert report.created == len(before)
        after = catalog_view()
        assert after.keys() == before.keys()
        for name in before:
            assert after[name] == before[name], name

    def test_import_of_an_unchanged_export_changes_nothing(self):
        catalog()
        before = catalog_view()
        report = importer.run(exported_xlsx(), site_context()["user"])
        assert report.accepted, report.lines()
        assert (report.created, report.updated, report.unchanged) == (0, 0, len(before))
        assert catalog_view() == before
