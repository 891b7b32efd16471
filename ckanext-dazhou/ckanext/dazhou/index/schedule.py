"""The reconciliation as a job of CKAN's worker, repeating itself every few minutes.

`ckan jobs worker` runs rq's scheduler, so a job can queue its next run with `enqueue_in`.
Each run has its own job id (a job's key expires after it finished, so reusing the id of the
running job would lose the next run); `enqueue_now` keeps a single cycle: it replaces a pending
scheduled run by one right now, and does nothing while a run is already waiting in the queue.
"""
from __future__ import annotations

import datetime as dt
import logging

import ckan.plugins.toolkit as tk
from ckan.lib import jobs
from rq.job import Job
from rq.registry import ScheduledJobRegistry

from ckanext.dazhou.index import reconcile

log = logging.getLogger(__name__)

TITLE = "dazhou index reconcile"


def _period() -> dt.timedelta:
    return dt.timedelta(minutes=max(1, tk.config.get("ckanext.dazhou.index_reconcile_minutes")))


def _ours(queue, job_ids) -> list[Job]:
    found = Job.fetch_many(list(job_ids), connection=queue.connection)
    return [job for job in found if job is not None and (job.meta or {}).get("title") == TITLE]


def enqueue_now() -> Job:
    queue = jobs.get_queue()
    waiting = _ours(queue, queue.job_ids)
    if waiting:
        return waiting[0]
    registry = ScheduledJobRegistry(queue=queue)
    for job in _ours(queue, registry.get_job_ids()):
        registry.remove(job, delete_job=True)  # the next run is now
    return queue.enqueue_call(run, meta={"title": TITLE})


def run() -> None:
    """The job: reconcile, then queue the next run (also after a failure)."""
    try:
        reconcile.reconcile()
    finally:
        jobs.get_queue().enqueue_in(_period(), run, meta={"title": TITLE})
