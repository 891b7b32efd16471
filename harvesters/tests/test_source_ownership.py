"""A source updates and deletes only the datasets it created (issue 11 §4): a second
department's source serving the same dataset URIs is a conflict listed for the bureau, never
a takeover of the first one's datasets."""
from __future__ import annotations

import json

import province_feed as feed
import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests import helpers
from ckanext.dazhou.model import HarvestConflict
from ckanext.dazhou.profiles import departments
from ckanext.dazhou.tests.factories import create_department, site_context
from ckanext.harvest.tests.factories import HarvestSourceObj
from test_province_harvest import harvest, harvested_rows, object_errors


@pytest.fixture
def two_sources(with_plugins, clean_db, clean_index, server):
    departments.forget()
    first_org = create_department(name="sc-province", department_code="51000000")
    second_org = create_department(name="sc-other", department_code="51000002")
    server.routes["/a.ttl"] = (200, feed.page([feed.dataset(1), feed.dataset(2)]))
    server.routes["/b.ttl"] = (200, feed.page([feed.dataset(1), feed.dataset(2)]))
    first = HarvestSourceObj(url=f"{server.url}/a.ttl", source_type="dazhou_province",
                             owner_org=first_org["id"], config=json.dumps({}), name="source-a")
    second = HarvestSourceObj(url=f"{server.url}/b.ttl", source_type="dazhou_province",
                              owner_org=second_org["id"], config=json.dumps({}), name="source-b")
    return first, second, first_org, second_org


def owners(rows) -> set[str]:
    return {helpers.call_action("package_show", site_context(), id=pid)["owner_org"]
            for pid, _code, _title in rows.values()}


def test_a_second_source_with_the_same_uris_takes_nothing_over(two_sources, server):
    first, second, first_org, second_org = two_sources
    harvest(first)
    before = harvested_rows(first)
    assert len(before) == 2 and owners(before) == {first_org["id"]}

    changed = feed.dataset(1).replace("省级数据集1\"", "被改写的标题\"")
    server.routes["/b.ttl"] = (200, feed.page([changed, feed.dataset(2)]))
    job, _results = harvest(second)
    assert sum("not taken over" in e for e in object_errors(job)) == 2
    model.Session.expire_all()
    after = harvested_rows(first)
    assert after == before and owners(after) == {first_org["id"]}  # same ids, titles, owner
    assert not harvested_rows(second)

    conflicts = list(model.Session.scalars(sa.select(HarvestConflict).where(
        HarvestConflict.harvest_source_id == second.id)))
    assert {c.identity for c in conflicts} == {
        f"dataset:https://province.example.gov.cn/dataset/p-{n}" for n in (1, 2)}
    assert {c.owner_package_id for c in conflicts} == {pid for pid, _c, _t in before.values()}
    listed = helpers.call_action("dazhou_harvest_conflict_list", site_context())
    assert listed["count"] >= 2


def test_the_second_sources_full_gather_deletes_nothing_of_the_first(two_sources, server):
    first, second, first_org, _second_org = two_sources
    harvest(first)
    harvest(second)
    server.routes["/b.ttl"] = (200, feed.page([feed.dataset(3)]))  # 1 and 2 "left" source b
    harvest(second)
    model.Session.expire_all()
    assert len(harvested_rows(first)) == 2
    assert model.Session.query(model.Package).filter_by(state="deleted").count() == 0
    job, _results = harvest(first)  # the first source still updates its own
    assert not object_errors(job)
    assert len(harvested_rows(first)) == 2
