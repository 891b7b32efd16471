"""No harvest job left Running when its queue is down (issue 11 §5).

ckanext-harvest marks a job Running, commits, then pushes it to the gather queue; with Redis
(or AMQP) down the push raises, and the job stays Running forever, which also blocks every
new job of its source ("There already is an unrun job"). Here the job is finished at once
with a gather error saying why, and the caller gets a validation error.
"""
from __future__ import annotations

import datetime as dt
import logging

import ckan.plugins.toolkit as tk
import redis
from ckan import model
from ckan.types import Context, DataDict
from ckanext.harvest.model import HarvestGatherError, HarvestJob

log = logging.getLogger(__name__)

QUEUE_ERRORS: tuple[type[BaseException], ...] = (redis.exceptions.RedisError, OSError)
try:  # AMQP backend, when pika is installed
    import pika.exceptions

    QUEUE_ERRORS += (pika.exceptions.AMQPError,)
except ImportError:  # pragma: no cover
    pass


def _fail(job_id: str) -> None:
    model.Session.rollback()
    job = HarvestJob.get(job_id)
    if job is None:
        return
    now = dt.datetime.utcnow()
    job.status, job.finished = "Finished", now
    job.gather_started = job.gather_started or now
    job.gather_finished = job.gather_finished or now
    model.Session.add(HarvestGatherError(
        message="the harvest queue was unavailable, so this job never ran; start it again "
                "once the queue is back", job=job))
    model.Session.commit()


@tk.chained_action
def harvest_send_job_to_gather_queue(original, context: Context, data_dict: DataDict):
    try:
        return original(context, data_dict)
    except QUEUE_ERRORS as error:
        log.error("harvest job %s not queued: %s", data_dict.get("id"), type(error).__name__)
        _fail(data_dict["id"])
        raise tk.ValidationError({"queue": [tk._(
            "The harvest queue is unavailable: the job was not started. Try again later.")]}) \
            from None
