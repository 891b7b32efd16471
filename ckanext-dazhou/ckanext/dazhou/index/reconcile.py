"""Re-index every dataset whose database state differs from its Solr entry; drop orphans.

CKAN indexes a dataset after its transaction commits; a process killed in between (or a Solr
outage) leaves the index saying what the database no longer says, e.g. a dataset closed in the
database still listed to the public with its URLs. `search-index rebuild -o` only adds what is
missing. Here the index's view (id, metadata_modified, private, state, paged through Solr with
a cursor) goes into a temporary table, and ONE query joins it with `package` to find:

- datasets missing from the index, or whose entry is older (metadata_modified) or says another
  visibility or state: re-indexed;
- entries of datasets that are deleted or no longer exist: removed.
"""
from __future__ import annotations

import dataclasses
import logging
from typing import Any, Iterator

import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import logic, model
from ckan.lib import search
from ckan.lib.search.common import make_connection

from ckanext.dazhou.index.visible import commit_and_wait

log = logging.getLogger(__name__)

PAGE = 5000

_CREATE = sa.text("""
    CREATE TEMPORARY TABLE dazhou_index_entry (
        id text PRIMARY KEY, modified timestamp, private boolean, state text
    ) ON COMMIT DROP
""")
_FILL = sa.text("""
    INSERT INTO dazhou_index_entry (id, modified, private, state)
    SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:modified AS timestamp[]),
                         CAST(:private AS boolean[]), CAST(:states AS text[]))
    ON CONFLICT (id) DO NOTHING
""")
# Solr keeps milliseconds: the database's time (UTC, no time zone) is compared at that precision.
_DIFFER = sa.text("""
    SELECT coalesce(p.id, i.id) AS id,
           (p.id IS NULL OR p.state = 'deleted') AS remove
    FROM package p FULL OUTER JOIN dazhou_index_entry i ON i.id = p.id
    WHERE (p.id IS NULL)
       OR (p.state = 'deleted' AND i.id IS NOT NULL)
       OR (p.state <> 'deleted' AND (
               i.id IS NULL
            OR i.modified IS NULL
            OR date_trunc('milliseconds', p.metadata_modified) > i.modified
            OR p.private IS DISTINCT FROM i.private
            OR p.state IS DISTINCT FROM i.state))
""")


@dataclasses.dataclass
class Outcome:
    reindexed: list[str] = dataclasses.field(default_factory=list)
    removed: list[str] = dataclasses.field(default_factory=list)
    failed: list[str] = dataclasses.field(default_factory=list)


def _utc(solr_date: str | None) -> str | None:
    return solr_date.rstrip("Z") if solr_date else None  # '2026-12-01T18:12:34.885Z'


def index_entries(page: int = PAGE) -> Iterator[list[dict[str, Any]]]:
    """This site's dataset entries in Solr, a page at a time (cursorMark: no deep paging)."""
    connection = make_connection(decode_dates=False)  # CKAN's decoder drops the milliseconds
    cursor = "*"
    while True:
        results = connection.search(
            q="*:*", fq=[f'+site_id:"{tk.config.get("ckan.site_id")}"', "+entity_type:package"],
            fl="id,capacity,state,metadata_modified", sort="index_id asc", rows=page,
            cursorMark=cursor)
        if results.docs:
            yield results.docs
        if not results.nextCursorMark or results.nextCursorMark == cursor:
            return
        cursor = results.nextCursorMark


def differences(page: int = PAGE) -> tuple[list[str], list[str]]:
    """(ids to re-index, ids to remove from the index), found in one query."""
    session = model.Session
    session.execute(_CREATE)
    try:
        for docs in index_entries(page):
            session.execute(_FILL, {
                "ids": [d["id"] for d in docs],
                "modified": [_utc(d.get("metadata_modified")) for d in docs],
                "private": [d.get("capacity") == "private" for d in docs],
                "states": [d.get("state") for d in docs],
            })
        rows = session.execute(_DIFFER).all()
    finally:
        session.rollback()  # drops the temporary table
    stale = sorted(r.id for r in rows if not r.remove)
    orphans = sorted(r.id for r in rows if r.remove)
    return stale, orphans


def reconcile(page: int = PAGE) -> Outcome:
    """Bring the index in line with the database; a dataset that fails to index is reported."""
    outcome = Outcome()
    stale, orphans = differences(page)
    index = search.index_for("Package")
    for package_id in orphans:
        index.delete_package({"id": package_id})
        outcome.removed.append(package_id)
    for start in range(0, len(stale), page):
        for package_id in stale[start:start + page]:
            try:
                logic.index_update_package({"ignore_auth": True}, package_id, True)
                outcome.reindexed.append(package_id)
            except Exception as error:  # one bad dataset must not stop the others
                log.error("index reconcile: cannot index %s: %s", package_id, error)
                outcome.failed.append(package_id)
        search.commit()
        model.Session.rollback()
    if stale or orphans:
        commit_and_wait()  # the outcome it reports is what a search now finds
    if stale or orphans:
        log.info("index reconcile: %d re-indexed, %d removed, %d failed",
                 len(outcome.reindexed), len(outcome.removed), len(outcome.failed))
    return outcome
