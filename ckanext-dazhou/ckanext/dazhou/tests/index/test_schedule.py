"""The reconciliation as the job worker's repeating job, and its command."""
from __future__ import annotations

import datetime as dt

import pytest
from ckan.cli.cli import ckan
from ckan.lib import jobs, search
from rq.registry import ScheduledJobRegistry

from ckanext.dazhou.index import schedule
from ckanext.dazhou.tests.factories import create_dataset


@pytest.fixture
def queue():
    queue = jobs.get_queue()
    queue.empty()
    registry = ScheduledJobRegistry(queue=queue)
    for job_id in registry.get_job_ids():
        registry.remove(job_id, delete_job=True)
    yield queue
    queue.empty()
    for job_id in registry.get_job_ids():
        registry.remove(job_id, delete_job=True)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestSchedule:
    def test_enqueue_twice_is_one_job(self, cli, queue):
        for _ in range(2):
            result = cli.invoke(ckan, ["dazhou", "index", "reconcile", "--enqueue"])
            assert result.exit_code == 0, result.output
        assert len(queue.job_ids) == 1

    def test_enqueue_replaces_the_scheduled_run(self, queue):
        schedule.run()  # nothing to do; schedules the next run
        registry = ScheduledJobRegistry(queue=queue)
        assert len(registry.get_job_ids()) == 1
        schedule.enqueue_now()
        assert registry.get_job_ids() == [] and len(queue.job_ids) == 1

    @pytest.mark.ckan_config("ckanext.dazhou.index_reconcile_minutes", 7)
    def test_the_job_reconciles_and_schedules_its_next_run(self, queue):
        dataset = create_dataset()
        search.index_for("Package").delete_package({"id": dataset["id"]})
        search.commit()
        schedule.run()
        assert dataset["id"] in search.query_for("Package").get_all_entity_ids()
        registry = ScheduledJobRegistry(queue=queue)
        [job_id] = registry.get_job_ids()
        when = registry.get_scheduled_time(job_id)
        left = when - dt.datetime.now(dt.timezone.utc)
        assert dt.timedelta(minutes=6) < left <= dt.timedelta(minutes=7)

    def test_command_reports_what_it_did(self, cli):
        dataset = create_dataset()
        search.index_for("Package").delete_package({"id": dataset["id"]})
        search.commit()
        result = cli.invoke(ckan, ["dazhou", "index", "reconcile"])
        assert result.exit_code == 0, result.output
        assert "1 re-indexed, 0 removed, 0 failed" in result.output
