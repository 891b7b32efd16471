"""The demo catalog loads through the action API, passing every catalog rule, and is found."""
from __future__ import annotations

import pytest
from ckan.tests import helpers

from ckanext.dazhou.demo import loader


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
def test_demo_catalog_loads_and_is_searchable():
    summary = loader.load()
    catalog = loader.read_catalog()
    assert summary == {"organizations": len(catalog["organizations"]),
                       "datasets": len(catalog["datasets"])}
    assert summary["organizations"] >= 8 and summary["datasets"] >= 40
    everything = helpers.call_action("package_search", rows=0, include_private=True)
    assert everything["count"] == summary["datasets"]
    population = helpers.call_action("package_search", q="人口", include_private=True)
    assert "达州市人口基础信息库" in {d["title"] for d in population["results"]}
    shown = helpers.call_action("package_show", id="dz-population-base")
    assert shown["resource_code"].startswith("101/")
    assert any(code for code in shown["related_resource_codes"])
    # loading again changes nothing and breaks no rule (one data one source included)
    assert loader.load() == summary
