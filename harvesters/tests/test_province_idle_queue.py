"""An idle harvest consumer outlives redis-py's 5-second socket timeout (real Redis)."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from ckanext.harvest import queue
from dazhou_harvesters import idle_queue


@pytest.mark.usefixtures("with_plugins")
def test_an_idle_consumer_waits_past_the_socket_timeout():
    idle_queue.install()
    connection = queue.get_connection_redis()
    key = "dazhou-test:harvest_object_id"
    connection.delete(key)
    consumer = queue.RedisConsumer(connection, key)
    received, failed = [], []

    def run():
        try:
            for _method, _header, body in consumer.consume(queue=queue.get_fetch_queue_name()):
                received.append(body)
                return
        except Exception as error:  # the bug: TimeoutError after 5 s idle
            failed.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    time.sleep(6)
    queue.get_connection_redis().rpush(key, json.dumps({"harvest_object_id": "x"}))
    thread.join(timeout=10)
    connection.delete(key, f"{key}:x")
    assert not failed and received == [json.dumps({"harvest_object_id": "x"})]


@pytest.mark.parametrize("consumer", ["gather-consumer", "fetch-consumer"])
def test_the_consumer_commands_stay_up_while_idle(request, consumer):
    """The real CLI consumers, as production runs them (they once died on a wrong signature)."""
    ckan = str(Path(sys.executable).with_name("ckan"))
    ini = request.config.getoption("--ckan-ini")
    process = subprocess.Popen([ckan, "-c", ini, "harvester", consumer],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(12)  # CKAN's start-up, then more than redis-py's 5 s socket timeout idle
        assert process.poll() is None, process.stderr.read()[-2000:]
    finally:
        process.terminate()
        process.wait(timeout=30)
