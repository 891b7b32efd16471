"""No exception of any kind ends a gather or fetch consumer (issue 11 §4): the real
consumer callbacks of ckanext-harvest, fed through the real Redis queue, with feeds that
used to kill them (a redirect to file://: InvalidSchema; a body cut short:
ChunkedEncodingError); the job finishes with errors and nothing stays Running."""
from __future__ import annotations

import province_feed as feed
import pytest
from ckan import model
from ckan.tests import helpers
from ckanext.dazhou.tests.factories import site_context
from ckanext.harvest import queue
from ckanext.harvest.model import HarvestJob, HarvestObject
from test_province_harvest import gather_errors, make_source, object_errors
from test_province_harvest import province  # noqa: F401 - a fixture
from test_safe_gather import cut_chunked, redirect_to


@pytest.fixture
def queues(reset_redis):
    queue.purge_queues()
    yield
    queue.purge_queues()


def site_user_context():
    user = helpers.call_action("get_site_user", {"ignore_auth": True})
    return {"user": user["name"], "ignore_auth": True}


def consume_all(get_consumer, callback) -> int:
    """Run the consumer's own callback on every queued message, as the CLI loop does."""
    consumer, handled = get_consumer(), 0
    while (body := consumer.redis.lpop(consumer.routing_key)) is not None:
        callback(consumer, queue.FakeMethod(body), None, body)
        handled += 1
    return handled


def run_job(source) -> HarvestJob:
    job = helpers.call_action("harvest_job_create", site_user_context(), source_id=source.id)
    assert consume_all(queue.get_gather_consumer, queue.gather_callback) == 1
    consume_all(queue.get_fetch_consumer, queue.fetch_callback)
    helpers.call_action("harvest_jobs_run", site_user_context(), source_id=source.id)
    model.Session.expire_all()
    return model.Session.get(HarvestJob, job["id"])


@pytest.mark.usefixtures("queues")
@pytest.mark.parametrize("fault", ["redirect_to_file", "chunked_cut"])
def test_the_consumers_survive_and_the_job_finishes(server, province, fault):
    good = feed.page([feed.dataset(1)])
    if fault == "redirect_to_file":
        server.routes["/catalog.ttl"] = redirect_to("file:///etc/passwd")
    else:
        server.routes["/catalog.ttl"] = cut_chunked(good)
    source = make_source(server, province)
    job = run_job(source)  # raises if a callback raised: the consumer would be dead
    assert job.status == "Finished", fault
    assert gather_errors(job) or object_errors(job), fault
    assert not [o for o in model.Session.query(HarvestObject).filter_by(harvest_job_id=job.id)
                if o.state not in ("COMPLETE", "ERROR")], fault

    server.routes["/catalog.ttl"] = (200, good)  # the same consumers take the next job
    job = run_job(source)
    assert job.status == "Finished" and not gather_errors(job) and not object_errors(job)
