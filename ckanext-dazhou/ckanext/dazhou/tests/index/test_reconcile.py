"""What the reconciler finds: missing, older, visibility changed, deleted, gone; paged."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from ckan import logic, model
from ckan.lib import search
from ckan.tests import helpers

from ckanext.dazhou.index import reconcile
from ckanext.dazhou.tests.factories import create_dataset


def _behind_the_index(statement: str, **params) -> None:
    """Change the database the way a killed process leaves it: committed, not indexed."""
    model.Session.execute(sa.text(statement), params)
    model.Session.commit()
    model.Session.remove()


def _indexed_names() -> set[str]:
    return set(search.query_for(model.Package).get_all_entity_ids(max_results=1000))


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestReconcile:
    def test_in_line_after_a_normal_create_nothing_to_do(self):
        create_dataset()
        assert reconcile.differences() == ([], [])

    def test_missing_entry_indexed(self):
        dataset = create_dataset()
        search.index_for("Package").delete_package({"id": dataset["id"]})
        search.commit()
        assert reconcile.differences() == ([dataset["id"]], [])
        assert reconcile.reconcile().reindexed == [dataset["id"]]
        assert dataset["id"] in _indexed_names()
        assert reconcile.differences() == ([], [])

    def test_newer_in_the_database_reindexed(self):
        dataset = create_dataset(title="旧标题")
        _behind_the_index("UPDATE package SET title = '新标题', metadata_modified = now() "
                          "AT TIME ZONE 'utc' WHERE id = :id", id=dataset["id"])
        assert reconcile.differences() == ([dataset["id"]], [])
        reconcile.reconcile()
        found = helpers.call_action("package_search", q="title:新标题")["results"]
        assert [d["id"] for d in found] == [dataset["id"]]

    def test_private_changed_without_a_newer_time_reindexed(self):
        dataset = create_dataset()
        _behind_the_index("UPDATE package SET private = true WHERE id = :id", id=dataset["id"])
        assert reconcile.differences() == ([dataset["id"]], [])
        reconcile.reconcile()
        anonymous = helpers.call_action("package_search", {"user": ""}, q="*:*")["results"]
        assert dataset["id"] not in [d["id"] for d in anonymous]

    def test_deleted_and_purged_entries_removed(self):
        deleted, purged, kept = create_dataset(), create_dataset(), create_dataset()
        _behind_the_index("UPDATE package SET state = 'deleted' WHERE id = :id", id=deleted["id"])
        entry = logic.package_show_default_and_custom_schemas({"ignore_auth": True}, purged["id"])
        helpers.call_action("dataset_purge", id=purged["id"])
        logic.index_update_package_dicts(entry)  # the index still holds the purged dataset
        assert reconcile.differences() == ([], sorted([deleted["id"], purged["id"]]))
        assert sorted(reconcile.reconcile().removed) == sorted([deleted["id"], purged["id"]])
        assert _indexed_names() == {kept["id"]}

    def test_paged_through_solr_with_a_cursor(self):
        datasets = [create_dataset() for _ in range(5)]
        for dataset in datasets[:3]:
            search.index_for("Package").delete_package({"id": dataset["id"]})
        search.commit()
        pages = list(reconcile.index_entries(page=1))
        assert [len(p) for p in pages] == [1, 1]
        assert reconcile.differences(page=1)[0] == sorted(d["id"] for d in datasets[:3])
