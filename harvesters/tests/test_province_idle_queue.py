"""An idle harvest consumer outlives redis-py's 5-second socket timeout (real Redis)."""
from __future__ import annotations

import json
import threading
import time

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
            for _method, _header, body in consumer.consume(None):
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
