"""Counting downloads and API calls without a database write per request.

A request that used a resource adds 1 to a Redis hash per day and kind (one HINCRBY, field =
resource id). `flush()` (the `ckan dazhou usage flush` job) renames each hash away, so counts
arriving meanwhile start a new one, adds them to dazhou_usage_count per dataset and day in
one statement per hash (resource ids joined to their datasets in SQL), and reindexes the
datasets whose figures changed in one Solr commit.
"""
from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any, Iterable

import redis
import sqlalchemy as sa
from ckan import model
from ckan.lib.redis import connect_to_redis

from ckanext.dazhou import dates

log = logging.getLogger(__name__)

KINDS = {"download": "downloads", "api": "api_calls"}
_PREFIX = "dazhou:usage:"


def _key(kind: str, day: dt.date) -> str:
    return f"{_PREFIX}{day.isoformat()}:{kind}"


def count(kind: str, resource_id: str, day: dt.date | None = None) -> None:
    """One use of a resource; a Redis failure loses the count, never the request."""
    if kind not in KINDS or not resource_id:
        return
    try:
        connect_to_redis().hincrby(_key(kind, day or dates.today()), resource_id, 1)
    except redis.RedisError as error:
        log.warning("usage count lost: %s", error)


_ADD = """
INSERT INTO dazhou_usage_count (package_id, day, {column})
SELECT r.package_id, :day, sum(c.n) FROM resource r
JOIN (SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:ns AS int[])) AS u(id, n)) c
  ON c.id = r.id
GROUP BY r.package_id
ON CONFLICT (package_id, day) DO UPDATE
  SET {column} = dazhou_usage_count.{column} + EXCLUDED.{column}
RETURNING package_id
"""


def flush() -> set[str]:
    """Move the counts from Redis to the table; reindex the changed datasets. Their ids."""
    conn = connect_to_redis()
    changed: set[str] = set()
    for key in conn.scan_iter(match=f"{_PREFIX}*"):
        key = key.decode() if isinstance(key, bytes) else key
        if key.count(":") != 3:
            continue  # a hash being flushed by another run: "...:flushing:<uuid>"
        day_text, kind = key[len(_PREFIX):].split(":")
        taken = f"{_PREFIX}flushing:{uuid.uuid4().hex}"
        try:
            conn.rename(key, taken)
        except redis.ResponseError:  # gone since the scan
            continue
        counts = {(k.decode() if isinstance(k, bytes) else k): int(v)
                  for k, v in conn.hgetall(taken).items()}
        if counts and kind in KINDS:
            rows = model.Session.execute(sa.text(_ADD.format(column=KINDS[kind])), {
                "day": dt.date.fromisoformat(day_text), "ids": list(counts),
                "ns": list(counts.values())}).scalars().all()
            changed.update(rows)
        model.Session.commit()
        conn.delete(taken)  # after the commit: a failed flush leaves the hash to retry by hand
    if changed:
        reindex(changed)
    return changed


def reindex(package_ids: Iterable[str]) -> None:
    from ckan.lib.search import commit, rebuild

    rebuild(package_ids=list(package_ids), defer_commit=True)
    commit()


def totals(package_ids: Iterable[str]) -> dict[str, dict[str, int]]:
    """{package id: {"downloads", "api_calls"}} over all days (one query)."""
    ids = list(set(package_ids))
    if not ids:
        return {}
    rows = model.Session.execute(sa.text(
        "SELECT package_id, sum(downloads), sum(api_calls) FROM dazhou_usage_count "
        "WHERE package_id = ANY(:ids) GROUP BY package_id"), {"ids": ids}).all()
    return {p: {"downloads": int(d), "api_calls": int(a)} for p, d, a in rows}


SORT_FIELD = "dazhou_downloads_sort"


def index_fields(pkg_dict: dict[str, Any]) -> dict[str, str]:
    """The sort field 最多下载: only open datasets carry their count, others 0, so neither
    order nor range queries tell anything about data the public may not use. Zero-padded:
    CKAN's schema indexes unknown fields as strings, and a new numeric field would need a
    schema change of the Solr core."""
    downloads = 0
    if pkg_dict.get("open_type") == "open":
        downloads = totals([pkg_dict["id"]]).get(pkg_dict["id"], {}).get("downloads", 0)
    return {SORT_FIELD: f"{downloads:012d}"}
