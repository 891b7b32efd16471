"""ckanext-harvest 1.6.3 on CKAN 2.12: after a job, harvest_source_show lost source_type
(harvest_source_reindex cached the unvalidated dict), so `harvester run-test` raised KeyError
and harvest_source_patch failed (issue 13). sources.harvest_source_reindex indexes the
validated dict."""
from __future__ import annotations

import province_feed as feed
from ckan.cli.cli import ckan as ckan_cli
from ckan.tests import helpers
from ckanext.dazhou.tests.factories import site_context
from test_province_harvest import (  # noqa: F401 - province is a fixture
    harvest,
    harvested_names,
    make_source,
    province,
)


def shown(source) -> dict:
    return helpers.call_action("harvest_source_show", site_context(), id=source.id)


def test_after_a_job_the_source_keeps_its_type_and_can_be_patched_and_run(server, province,
                                                                          cli):
    server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(1)]))
    source = make_source(server, province)
    harvest(source)
    helpers.call_action("harvest_jobs_run", site_context(), source_id=source.id)  # reindexes
    after = shown(source)
    assert after["source_type"] == "dazhou_province"
    assert after["config"] == "{}"

    helpers.call_action("harvest_source_patch", site_context(), id=source.id,
                        title="省级目录（新）")
    assert shown(source)["source_type"] == "dazhou_province"

    server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(1), feed.dataset(2)]))
    result = cli.invoke(ckan_cli, ["harvester", "run-test", source.id])
    assert result.exit_code == 0, result.output
    assert len(harvested_names(source)) == 2
