"""harvest_job_create while the harvest queue (Redis) is down leaves no job that will never
run (issue 11 §5). The test runs its own redis-server and stops it."""
from __future__ import annotations

import socket
import subprocess
import time

import pytest
import redis
from ckan import model
from ckan.plugins import toolkit as tk
from ckan.tests import helpers
from ckanext.harvest.model import HarvestGatherError, HarvestJob
from test_province_harvest import make_source, province  # noqa: F401 - province is a fixture


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if redis.Redis.from_url(self.url).ping():
                    return
            except redis.exceptions.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@pytest.fixture
def queue_redis(monkeypatch):
    running = RedisServer()
    running.start()
    monkeypatch.setitem(tk.config, "ckan.redis.url", running.url)
    yield running
    running.stop()


def sysadmin_context():
    site_user = helpers.call_action("get_site_user", {"ignore_auth": True})
    return {"user": site_user["name"], "ignore_auth": True}


def jobs(source, *states):
    model.Session.expire_all()
    return model.Session.query(HarvestJob).filter(HarvestJob.source_id == source.id,
                                                  HarvestJob.status.in_(states)).all()


def test_a_job_created_during_an_outage_is_finished_with_the_reason(server, province,
                                                                     queue_redis):
    source = make_source(server, province)
    created = helpers.call_action("harvest_job_create", sysadmin_context(), source_id=source.id)
    assert created["status"] == "Running"  # the queue is up: queued as usual
    helpers.call_action("harvest_job_abort", sysadmin_context(), id=created["id"])

    queue_redis.stop()
    with pytest.raises(tk.ValidationError) as raised:
        helpers.call_action("harvest_job_create", sysadmin_context(), source_id=source.id)
    assert "queue" in raised.value.error_dict
    assert not jobs(source, "New", "Running")  # nothing waits for a queue that never got it
    failed = [job for job in jobs(source, "Finished") if job.id != created["id"]]
    assert len(failed) == 1 and failed[0].finished is not None
    errors = model.Session.query(HarvestGatherError).filter_by(harvest_job_id=failed[0].id)
    assert any("queue was unavailable" in e.message for e in errors)

    queue_redis.start()  # back: the source is not blocked by a stuck job
    again = helpers.call_action("harvest_job_create", sysadmin_context(), source_id=source.id)
    assert again["status"] == "Running"
    assert redis.Redis.from_url(queue_redis.url).llen(
        "ckanext-harvest:dazhou-test:harvest_job_id") == 1
