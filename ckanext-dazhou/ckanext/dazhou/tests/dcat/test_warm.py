"""The DCAT cache warmed after a save (feeds/warm.py): the next crawl builds nothing, and the
entries are exactly the ones the feed builds itself."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ckan.lib import jobs
from ckan.tests import helpers
from rdflib.compare import isomorphic

from ckanext.dazhou.feeds import warm
from ckanext.dazhou.profiles import graph_cache
from ckanext.dazhou.tests.dcat.test_feeds import graph_of, names_in, world  # noqa: F401
from ckanext.dazhou.tests.dcat.test_graph_cache import cached_entries
from ckanext.dazhou.tests.factories import site_context

pytestmark = [pytest.mark.ckan_config("ckanext.dazhou.dcat_cache_seconds", "600")]


@pytest.fixture(autouse=True)
def _empty(reset_redis):
    reset_redis(graph_cache.PREFIX + "*")
    jobs.get_queue().empty()


def _queued_warm_ids() -> list[str]:
    ids = []
    for job in jobs.get_queue().jobs:
        if job.func_name == f"{warm.__name__}.warm":
            ids += job.args[0]
    return ids


def test_each_save_queues_its_datasets_and_the_job_builds_what_the_feeds_need(app, world,
                                                                             tmp_path):
    from ckanext.dazhou.feeds.export import export
    saved = {d["id"] for d in world["datasets"].values()}
    assert saved <= set(_queued_warm_ids())
    assert cached_entries() == 0
    # the job as the worker runs it: public feed (2 open datasets) + full export (all 4);
    # an open dataset the public sees unredacted shares its entry with the export
    assert warm.warm(sorted(saved)) == 2 + 4
    entries = cached_entries()
    assert 4 <= entries <= 6
    page = graph_of(app.get("/catalog.ttl"))  # every entry it needs is there: nothing built
    assert names_in(page) == {"f-unconditional-open", "f-conditional-conditional"}
    export({"user": site_context()["user"], "ignore_auth": True}, tmp_path / "all.nt",
           fmt="nt", rows=2)
    assert cached_entries() == entries


def test_warmed_entries_are_the_triples_built_without_cache(app, world, monkeypatch,
                                                           ckan_config):
    warm.warm(sorted(d["id"] for d in world["datasets"].values()))
    warmed = graph_of(app.get("/catalog.ttl"))
    monkeypatch.setitem(ckan_config, "ckanext.dazhou.dcat_cache_seconds", "0")
    built = graph_of(app.get("/catalog.ttl"))
    assert isomorphic(warmed, built)


def test_an_update_queues_the_dataset_again_and_nothing_when_the_cache_is_off(
        world, monkeypatch, ckan_config):
    jobs.get_queue().empty()
    dataset = world["datasets"]["f-unconditional-open"]
    helpers.call_action("package_patch", site_context(), id=dataset["id"], notes="新说明。")
    assert _queued_warm_ids() == [dataset["id"]]
    jobs.get_queue().empty()
    monkeypatch.setitem(ckan_config, "ckanext.dazhou.dcat_cache_seconds", "0")
    helpers.call_action("package_patch", site_context(), id=dataset["id"], notes="再改。")
    assert _queued_warm_ids() == []
    assert warm.warm([dataset["id"]]) == 0


def test_entries_the_worker_process_built_serve_the_web_process(app, world, tmp_path, request):
    """The job runs in the jobs worker, another process: its keys must be the web workers'
    (a key with a per-process part, such as hash() of a str, made each process build its own)."""
    ini = tmp_path / "worker.ini"
    ini.write_text(f"[app:main]\nuse = config:{Path(request.config.getoption('ckan_ini')).resolve()}\n"
                   "ckanext.dazhou.dcat_cache_seconds = 600\n")
    assert _queued_warm_ids()
    subprocess.run([str(Path(sys.executable).with_name("ckan")), "-c", str(ini), "jobs", "worker",
                    "--burst"], check=True, capture_output=True, timeout=300,
                   env={**os.environ, "PYTHONHASHSEED": "12345"})
    entries = cached_entries()
    assert entries >= 4
    page = graph_of(app.get("/catalog.ttl"))
    assert names_in(page) == {"f-unconditional-open", "f-conditional-conditional"}
    assert cached_entries() == entries  # nothing built: every key matched the worker's
