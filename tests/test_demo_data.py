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


def test_generated_demo_files_are_current():
    """demo/files/ is what make_files.py writes from catalog.json (re-run it after a change)."""
    from ckanext.dazhou.demo import make_files
    catalog = loader.read_catalog()
    expected = {}
    for ds in catalog["datasets"]:
        expected.update(make_files.files_for(ds))
    on_disk = {str(p.relative_to(make_files.FILES)): p.read_bytes()
               for p in make_files.FILES.rglob("*") if p.is_file()}
    assert len(expected) >= 40
    assert on_disk.keys() == expected.keys()
    stale = [path for path, content in expected.items() if on_disk[path] != content]
    assert stale == []


# No request context, as in `ckan dazhou demo load`: an uploaded resource's URL is built with
# CKAN's stand-in context, whose teardown must not close the session (plugin.py).
@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_tabular_demo_resources_are_uploaded_and_load_into_the_datastore():
    from ckanext.dazhou.datastore import load as datastore_load
    loader.load()
    cpi = helpers.call_action("package_show", id="dz-cpi-monthly")
    resource = cpi["resources"][0]
    assert resource["url_type"] == "upload" and resource["url"].endswith(".csv")
    assert resource["size"] > 0 and resource["mimetype"] == "text/csv"
    # the GB18030 file arrives as Chinese text with its Chinese headers
    datastore_load.load_resource(resource["id"])
    rows = helpers.call_action("datastore_search", resource_id=resource["id"], limit=2)
    assert [f["id"] for f in rows["fields"]][1:3] == ["价格统计月份", "消费价格指数类别"]
    assert rows["total"] == 24 and rows["records"][0]["价格统计月份"] == "2025-01"
    # an API resource keeps its registered address
    population = helpers.call_action("package_show", id="dz-population-base")
    assert population["resources"][0]["url"].startswith("https://")
