"""Login throttling: failed sign-ins counted per account and per client address in Redis.

After `login_max_failures` failures of one account (or `login_max_failures_per_address` from
one address) within `login_failure_window_seconds`, sign-ins for that account (address) are
refused for `login_lockout_seconds`, whatever password is given. When Redis is down the
counters are skipped (logged): an outage must not lock every user out.
"""
from __future__ import annotations

import logging

import redis

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.redis import connect_to_redis

log = logging.getLogger(__name__)

_PREFIX = "dazhou:login"


def account_key(login: str) -> str:
    """One key per account whether the user typed the name or the e-mail address."""
    login = (login or "").strip()
    user = model.User.by_name(login) or (model.User.by_email(login) if login else None)
    return f"user:{user.id}" if user else f"login:{login.lower()}"


def _subjects(login: str, address: str | None) -> list[tuple[str, int]]:
    return [(account_key(login), tk.config.get("ckanext.dazhou.login_max_failures")),
            (f"addr:{address or 'unknown'}",
             tk.config.get("ckanext.dazhou.login_max_failures_per_address"))]


def lockout_seconds(login: str, address: str | None) -> int:
    """Seconds left of the longest lockout on this account or address (0: not locked)."""
    try:
        conn = connect_to_redis()
        ttls = [conn.ttl(f"{_PREFIX}:lock:{subject}") for subject, _limit in _subjects(login, address)]
    except redis.RedisError:
        log.warning("login throttling skipped: Redis unavailable", exc_info=True)
        return 0
    return max([t for t in ttls if t and t > 0] or [0])


def record_failure(login: str, address: str | None) -> None:
    window = tk.config.get("ckanext.dazhou.login_failure_window_seconds")
    lockout = tk.config.get("ckanext.dazhou.login_lockout_seconds")
    try:
        conn = connect_to_redis()
        for subject, limit in _subjects(login, address):
            counter = f"{_PREFIX}:fail:{subject}"
            failures = conn.incr(counter)
            if failures == 1:  # the window starts with the first failure
                conn.expire(counter, window)
            if failures >= limit:
                conn.set(f"{_PREFIX}:lock:{subject}", 1, ex=lockout)
                conn.delete(counter)
                log.warning("sign-in locked for %ss: %s", lockout, subject)
    except redis.RedisError:
        log.warning("login throttling skipped: Redis unavailable", exc_info=True)


def record_success(login: str) -> None:
    """A correct sign-in forgets the account's earlier failures (not the address's)."""
    try:
        connect_to_redis().delete(f"{_PREFIX}:fail:{account_key(login)}")
    except redis.RedisError:
        log.warning("login throttling skipped: Redis unavailable", exc_info=True)
