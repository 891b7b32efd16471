"""The triggers keep dazhou_dataset_summary equal to what package and resource say, whoever
writes them (actions or plain SQL), so the supervision page can read it instead of both tables."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests import helpers

from ckanext.dazhou.supervision import violations
from ckanext.dazhou.tests.factories import create_dataset, create_department, site_context

# The same figures computed from package and resource, as the page did before the table.
_FROM_SOURCE = """
SELECT p.id, p.owner_org, p.extras->>'update_cycle',
       coalesce(p.extras->>'share_type', 'unconditional'), p.extras->>'open_type',
       greatest(p.metadata_created, max(greatest(coalesce(r.last_modified, r.created), r.metadata_modified)))
FROM package p LEFT JOIN resource r ON r.package_id = p.id AND r.state = 'active'
WHERE p.state = 'active' AND p.type = 'dataset' GROUP BY p.id ORDER BY p.id
"""
_SUMMARY = """
SELECT package_id, owner_org, update_cycle, share_type, open_type, last_update
FROM dazhou_dataset_summary ORDER BY package_id
"""


def _rows(sql: str) -> list[tuple]:
    return [tuple(r) for r in model.Session.execute(sa.text(sql)).all()]


def _summary_matches_source() -> list[tuple]:
    summary = _rows(_SUMMARY)
    assert summary == _rows(_FROM_SOURCE)
    return summary


@pytest.fixture
def org(clean_db, clean_index, with_request_context):
    return create_department()


@pytest.mark.usefixtures("with_plugins")
class TestSummaryFollowsEveryWriter:
    def test_create_update_resource_change_delete_and_purge(self, org):
        dataset = create_dataset(owner_org=org["id"], update_cycle="weekly", share_type="none",
                                 non_share_basis_type="law", non_share_basis="《保密法》", resources=[{"name": "数据", "url": "https://x/a.csv"}])
        [row] = _summary_matches_source()
        assert row[2:5] == ("weekly", "none", dataset["open_type"])

        helpers.call_action("package_patch", site_context(), id=dataset["id"], update_cycle="monthly")
        assert _summary_matches_source()[0][2] == "monthly"

        resource_id = dataset["resources"][0]["id"]
        helpers.call_action("resource_patch", site_context(), id=resource_id,
                            last_modified="2030-01-02T03:04:05")
        assert _summary_matches_source()[0][5] == dt.datetime(2030, 1, 2, 3, 4, 5)

        helpers.call_action("resource_delete", site_context(), id=resource_id)
        assert _summary_matches_source()[0][5] < dt.datetime(2030, 1, 1)

        helpers.call_action("package_delete", site_context(), id=dataset["id"])
        assert _summary_matches_source() == []
        model.Session.execute(sa.text("update package set state = 'active' where id = :id"),
                              {"id": dataset["id"]})
        assert len(_summary_matches_source()) == 1

        helpers.call_action("dataset_purge", site_context(), id=dataset["id"])
        assert _summary_matches_source() == []

    def test_plain_sql_writes_are_followed_too(self, org):
        dataset = create_dataset(owner_org=org["id"], update_cycle="annual",
                                 resources=[{"name": "数据", "url": "https://x/a.csv"}])
        model.Session.execute(sa.text(
            "update package set metadata_created = '2020-01-01' where id = :id"), {"id": dataset["id"]})
        model.Session.execute(sa.text(
            "update resource set created = '2020-01-02', metadata_modified = '2020-01-03', "
            "last_modified = null where package_id = :id"), {"id": dataset["id"]})
        model.Session.commit()
        [row] = _summary_matches_source()
        assert row[5] == dt.datetime(2020, 1, 3)
        counts, _rows_ = violations.find(dt.date(2021, 2, 1), org_ids=[org["id"]])
        assert counts == {"stale_dataset": 1}

    def test_ratios_count_from_the_summary(self, org):
        create_dataset(owner_org=org["id"], share_type="none", non_share_basis_type="law", non_share_basis="《保密法》", open_type="closed")
        create_dataset(owner_org=org["id"], share_type="unconditional", open_type="open")
        [ratio] = violations.ratios([org["id"]])
        assert (ratio["datasets"], ratio["shared"], ratio["opened"]) == (2, 1, 1)
