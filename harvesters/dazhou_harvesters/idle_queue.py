"""Keeps ckanext-harvest's idle Redis consumers alive.

RedisConsumer.consume blocks in `blpop(key)` with no timeout, but redis-py (8.x, CKAN 2.12's
pin) reads with a 5-second socket timeout, so an idle gather or fetch consumer dies with
TimeoutError after 5 s. The replacement blocks for less than that and loops, and rides out
a connection drop instead of dying.
"""
from __future__ import annotations

import datetime as dt
import logging
import time

import redis
from ckanext.harvest import queue as harvest_queue

log = logging.getLogger(__name__)

BLOCK_SECONDS = 2  # below redis-py's 5 s socket timeout
RETRY_SECONDS = 1.0


def consume(self, queue=None):  # noqa: ARG001 - ckanext-harvest passes queue= by name
    while True:
        try:
            popped = self.redis.blpop(self.routing_key, timeout=BLOCK_SECONDS)
        except (redis.exceptions.TimeoutError, redis.exceptions.ConnectionError) as error:
            log.warning("harvest queue %s: %s; retrying", self.routing_key, error)
            time.sleep(RETRY_SECONDS)
            continue
        if popped is None:  # idle: nothing queued yet
            continue
        _key, body = popped
        try:
            self.redis.set(self.persistance_key(body), str(dt.datetime.now()))
        except Exception as error:  # as upstream: skip a message it cannot track
            log.error("Redis Exception: %s", error)
            continue
        yield (harvest_queue.FakeMethod(body), self, body)


def install() -> None:
    if harvest_queue.RedisConsumer.consume is not consume:
        harvest_queue.RedisConsumer.consume = consume
