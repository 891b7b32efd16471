"""The DCAT cache filled when datasets are saved, so the next crawl or export finds them built.

After a transaction that saved datasets commits, one background job per transaction builds
their entries for the audiences every crawler shares: the public feed and the site user's full
export. It reads the datasets the way those feeds do (package_search as that audience) and
builds through the feeds' own function, so an entry is exactly what the feed would have built
and stored on its first visit (graph_cache.py: same key, same text). A closed dataset is not
in the public search, so it gets no public entry. The government feed answers each
department's user with their own view; its entries are built on first use, as before.

CKAN indexes a save right before its commit (package_create) or after it (a bulk batch), and
Solr shows it within its one-second soft commit: the job waits until the index holds the saved
version of each dataset (metadata_modified as in the database), at most WAIT_SECONDS.
"""
from __future__ import annotations

import logging
import time
from typing import Any

import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.dazhou.feeds import audience, serialize
from ckanext.dazhou.profiles import graph_cache

log = logging.getLogger(__name__)

_KEY = "dazhou_dcat_saved"
CHUNK = 100
WAIT_SECONDS = 30


def note_saved(package_id: str | None) -> None:
    if package_id and graph_cache.seconds():
        model.Session().info.setdefault(_KEY, set()).add(package_id)


def _after_commit(session) -> None:
    ids = session.info.pop(_KEY, None)
    if not ids:
        return
    try:
        tk.enqueue_job(warm, [sorted(ids)], title="dazhou dcat warm",
                       rq_kwargs={"timeout": 3600})
    except Exception as error:  # Redis down: the first crawl builds them, as without this
        log.warning("dcat warm not queued for %d datasets: %s", len(ids), error)


def _after_rollback(session) -> None:
    session.info.pop(_KEY, None)


def install() -> None:
    """Called by the plugin once per load; idempotent."""
    for event, handler in (("after_commit", _after_commit), ("after_rollback", _after_rollback)):
        if not sa.event.contains(model.Session, event, handler):
            sa.event.listen(model.Session, event, handler)


def _modified(ids: list[str]) -> dict[str, str]:
    rows = model.Session.execute(sa.text(
        "SELECT id, metadata_modified FROM package WHERE id = ANY(:ids) AND state = 'active'"),
        {"ids": ids})
    return {r.id: r.metadata_modified.isoformat()[:23] for r in rows}


def _search(context: dict[str, Any], ids: list[str]) -> list[dict[str, Any]]:
    return tk.get_action("package_search")(dict(context), {
        "q": "*:*", "fq": "id:(" + " OR ".join(f'"{i}"' for i in ids) + ")",
        "rows": len(ids), "include_private": True})["results"]


def _indexed(site: dict[str, Any], ids: list[str]) -> list[str]:
    """The ids whose index entry is the saved version (waits for the soft commit)."""
    saved = _modified(ids)
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        found = {d["id"]: d.get("metadata_modified", "")[:23]
                 for d in _search(site, list(saved))}
        current = [i for i, modified in saved.items() if found.get(i) == modified]
        if len(current) == len(saved) or time.monotonic() > deadline:
            return current
        time.sleep(0.5)


def warm(package_ids: list[str]) -> int:
    """Build the public and full-export entries of these datasets; returns datasets read."""
    if not graph_cache.seconds():
        return 0
    site, count = audience.site_context(), 0
    for start in range(0, len(package_ids), CHUNK):
        ids = _indexed(site, package_ids[start:start + CHUNK])
        model.Session.rollback()
        if not ids:
            continue
        for context in (audience.public_context(), site):
            datasets = _search(context, ids)
            serialize.dataset_ntriples(datasets)
            count += len(datasets)
    return count
