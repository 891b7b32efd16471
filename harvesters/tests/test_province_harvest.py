"""The dazhou_province harvester against a real local HTTP server serving a provincial feed."""
from __future__ import annotations

import json
import time

import province_feed as feed
import pytest
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.tests import helpers
from ckanext.dazhou.profiles import departments
from ckanext.dazhou.tests.factories import create_dataset, create_department, site_context
from ckanext.harvest.model import HarvestGatherError, HarvestObject, HarvestObjectError
from ckanext.harvest.tests.factories import HarvestJobObj, HarvestSourceObj
from ckanext.harvest.tests.lib import run_harvest_job
from dazhou_harvesters.province import DazhouProvinceHarvester


@pytest.fixture
def province(with_plugins, clean_db, clean_index):
    departments.forget()
    return create_department(name="sc-province", department_code="51000000")


def make_source(server, province, config=None):
    return HarvestSourceObj(url=f"{server.url}/catalog.ttl", source_type="dazhou_province",
                            owner_org=province["id"], config=json.dumps(config or {}))


def harvest(source):
    job = HarvestJobObj(source=source, run=False)
    results = run_harvest_job(job, DazhouProvinceHarvester())
    return job, results


def harvested_names(source) -> set[str]:
    rows = model.Session.query(model.Package.name).join(
        HarvestObject, HarvestObject.package_id == model.Package.id).filter(
        HarvestObject.harvest_source_id == source.id, HarvestObject.current.is_(True),
        model.Package.state == "active")
    return {name for (name,) in rows}


def harvested_rows(source) -> dict[str, tuple[str, str, str]]:
    """guid -> (package id, resource code, title) of the source's current datasets."""
    rows = model.Session.query(HarvestObject.guid, model.Package).join(
        model.Package, HarvestObject.package_id == model.Package.id).filter(
        HarvestObject.harvest_source_id == source.id, HarvestObject.current.is_(True),
        model.Package.state == "active")
    return {guid: (pkg.id, pkg.extras.get("resource_code"), pkg.title) for guid, pkg in rows}


def gather_errors(job) -> list[str]:
    return [e.message for e in model.Session.query(HarvestGatherError).filter_by(harvest_job_id=job.id)]


def object_errors(job) -> list[str]:
    return [e.message for e in model.Session.query(HarvestObjectError).join(HarvestObject)
            .filter(HarvestObject.harvest_job_id == job.id)]


def serve_two_pages(server, first=(1, 2), second=(3,)):
    server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(n) for n in first],
                                                    f"{server.url}/catalog.ttl?page=2"))
    server.routes["/catalog.ttl?page=2"] = (200, feed.page([feed.dataset(n) for n in second]))


class TestHarvest:
    def test_pulls_every_page_and_maps_codes_back(self, server, province):
        serve_two_pages(server)
        source = make_source(server, province)
        job, results = harvest(source)
        assert not gather_errors(job) and not object_errors(job)
        assert len(results) == 3
        dataset = next(iter(results.values()))["dataset"]
        assert dataset["owner_org"] == province["id"]
        assert dataset["open_type"] == "closed"          # access-right NON_PUBLIC
        assert dataset["update_cycle"] == "monthly"      # frequency MONTHLY
        assert dataset["share_type"] == "unconditional"
        assert dataset["resources"][0]["format"] == "csv"

    def test_a_reharvest_updates_the_same_datasets_in_place(self, server, province):
        serve_two_pages(server)
        source = make_source(server, province)
        harvest(source)
        before = harvested_rows(source)
        changed = feed.dataset(1).replace("省级数据集1\"", "省级数据集1（修订）\"")
        server.routes["/catalog.ttl"] = (200, feed.page([changed, feed.dataset(2)],
                                                        f"{server.url}/catalog.ttl?page=2"))
        job, _results = harvest(source)
        assert not gather_errors(job) and not object_errors(job)
        after = harvested_rows(source)
        assert {k: v[:2] for k, v in after.items()} == {k: v[:2] for k, v in before.items()}
        assert after["https://province.example.gov.cn/dataset/p-1"][2] == "省级数据集1（修订）"
        assert model.Session.query(model.Package).filter_by(state="deleted").count() == 0

    @pytest.mark.parametrize("config, open_type, review", [
        ({}, "open", "passed"),  # the province reviewed what it opened (Art. 26)
        ({"overrides": {"open_type": "closed"}}, "closed", "pending"),  # the city re-reviews
    ])
    def test_an_open_record_keeps_the_provinces_review_unless_overridden(
            self, server, province, config, open_type, review):
        public = feed.dataset(1).replace("access-right/NON_PUBLIC", "access-right/PUBLIC")
        server.routes["/catalog.ttl"] = (200, feed.page([public]))
        job, results = harvest(make_source(server, province, config))
        assert not object_errors(job)
        shown = helpers.call_action("package_show", site_context(),
                                    id=next(iter(results.values()))["dataset"]["id"])
        assert shown["open_type"] == open_type
        assert shown.get("confidentiality_review") == review
        if review == "passed":
            assert shown["confidentiality_reviewer"] == "省级平台"

    def test_harvested_datasets_become_searchable_through_solrs_own_commits(self, server,
                                                                           province):
        """Imports leave the commit to Solr's autoSoftCommit; nothing stays unsearchable and
        the site's own commit setting is back afterwards."""
        serve_two_pages(server)
        harvest(make_source(server, province))
        assert tk.config.get("ckan.search.solr_commit") is True
        deadline, count = time.monotonic() + 15, 0
        while count < 3 and time.monotonic() < deadline:
            time.sleep(0.25)
            count = helpers.call_action("package_search", site_context(), q="省级数据集",
                                        include_private=True)["count"]
        assert count == 3

    def test_records_provenance(self, server, province):
        serve_two_pages(server, (1,), ())
        server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(1)]))
        source = make_source(server, province)
        _job, results = harvest(source)
        obj = HarvestObject.get(next(iter(results.values()))["obj_id"])
        extras = {e.key: e.value for e in obj.extras}
        assert extras["original_uri"] == "https://province.example.gov.cn/dataset/p-1"
        assert extras["source_url"] == source.url
        assert extras["harvested_at"]

    def test_incremental_asks_for_modified_since_and_deletes_nothing(self, server, province):
        serve_two_pages(server)
        source = make_source(server, province, {"incremental": True})
        harvest(source)
        server.routes.clear()
        server.routes["/catalog.ttl?modified_since=*"] = (200, feed.page([feed.dataset(4)]))
        job, _results = harvest(source)
        assert not gather_errors(job)
        assert any("modified_since=" in path for path in server.requested)
        assert len(harvested_names(source)) == 4  # the unchanged three stay


class TestLocalData:
    def test_never_takes_over_a_local_dataset(self, server, province):
        local = create_dataset(name="local-owned")
        server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(1, code=local["resource_code"])]))
        job, _results = harvest(make_source(server, province))
        assert any("never takes over" in e for e in object_errors(job))
        shown = helpers.call_action("package_show", site_context(), id="local-owned")
        assert shown["owner_org"] == local["owner_org"] and shown["title"] == local["title"]

    def test_a_claim_on_a_local_authoritative_item_becomes_a_conflict(self, server, province):
        create_dataset(name="local-authority", data_items=[
            {"name": "省级信息项", "code": "DE00001", "data_type": "C", "authoritative": True}])
        server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(1, authoritative_item="省级信息项")]))
        job, results = harvest(make_source(server, province))
        assert any("one data one source" in e for e in object_errors(job))
        harvested = next(iter(results.values()))["dataset"]
        assert harvested["data_items"][0]["authoritative"] is False
        assert len(harvested_names(job.source)) == 1


class TestDeletion:
    def _harvest_three(self, server, province):
        serve_two_pages(server)
        source = make_source(server, province)
        harvest(source)
        assert len(harvested_names(source)) == 3
        return source

    def test_after_a_complete_gather_removed_datasets_go(self, server, province):
        source = self._harvest_three(server, province)
        serve_two_pages(server, (1, 2), (2,))
        server.routes["/catalog.ttl?page=2"] = (200, feed.page([]))
        server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(1), feed.dataset(2)]))
        harvest(source)
        assert len(harvested_names(source)) == 2

    @pytest.mark.ckan_config("ckanext.dazhou.province.timeout", 1)
    @pytest.mark.ckan_config("ckanext.dcat.max_file_size", 1)
    @pytest.mark.parametrize("failure", ["down", "http_500", "malformed", "second_page_fails",
                                         "empty", "timeout", "oversized"])
    def test_a_failed_partial_or_empty_gather_deletes_nothing(self, server, province, failure):
        source = self._harvest_three(server, province)
        if failure == "down":
            server.routes.clear()
            server.close()
        elif failure == "http_500":
            server.routes["/catalog.ttl"] = (500, "internal error")
        elif failure == "malformed":
            server.routes["/catalog.ttl"] = (200, "@prefix broken <<< .")
        elif failure == "second_page_fails":
            server.routes["/catalog.ttl"] = (200, feed.page(
                [feed.dataset(1)], f"{server.url}/catalog.ttl?page=2"))
            server.routes["/catalog.ttl?page=2"] = (503, "unavailable")
        elif failure == "empty":
            server.routes["/catalog.ttl"] = (200, feed.page([]))
        elif failure == "timeout":
            server.routes["/catalog.ttl"] = (200, feed.page(
                [feed.dataset(1)], f"{server.url}/slow/catalog.ttl?page=2"))
            server.routes["/slow/catalog.ttl?page=2"] = (200, feed.page([feed.dataset(2)]))
        elif failure == "oversized":  # above ckanext.dcat.max_file_size (1 MB here)
            padding = "# " + "x" * 1000 + "\n"
            server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(1)]) + padding * 1100)
        job, _results = harvest(source)
        assert len(harvested_names(source)) == 3, failure
        if failure != "empty":
            assert gather_errors(job), failure
        if failure == "down":
            server.__init__()  # the fixture closes it again

    def test_the_next_run_recovers(self, server, province):
        source = self._harvest_three(server, province)
        server.routes["/catalog.ttl"] = (500, "internal error")
        harvest(source)
        serve_two_pages(server, (1, 2, 4), (3,))
        job, _results = harvest(source)
        assert not gather_errors(job)
        assert len(harvested_names(source)) == 4
