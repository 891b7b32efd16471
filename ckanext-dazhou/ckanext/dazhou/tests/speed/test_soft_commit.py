"""Without CKAN's hard commit per create (ckan.search.solr_commit = false, as dev and
production run), Solr's own 1-second soft commit (solr/conf/solrconfig.xml) makes a new
dataset searchable: without it nothing would ever show (the 15-second hard autoCommit opens no
searcher). How soon is a figure printed here, not asserted (a loaded machine is slower)."""
from __future__ import annotations

import time

import pytest
from ckan.tests import helpers

from ckanext.dazhou.tests.factories import create_dataset, site_context


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
@pytest.mark.ckan_config("ckan.search.solr_commit", False)
def test_a_created_dataset_becomes_searchable_without_a_hard_commit():
    dataset = create_dataset(title="软提交测试数据集")
    created = time.monotonic()
    found = 0
    while not found and time.monotonic() - created < 20:
        found = helpers.call_action("package_search", site_context(),
                                    fq=f'name:"{dataset["name"]}"')["count"]
        if not found:
            time.sleep(0.05)  # polling Solr, not waiting a fixed time
    waited = time.monotonic() - created
    print(f"\nsearchable {waited:.2f} s after package_create returned")
    assert found == 1, "never searchable: is autoSoftCommit configured?"
