"""Create many datasets through package_create, a batch per transaction and index update.

Every dataset goes through the whole action (schema, catalog rules, codes, claims, activity,
the index hook) as the given user, so nothing here can store what the API would refuse. What
the batch saves is per-dataset overhead: one commit and one index pass per batch instead of
per dataset (CKAN's defer_commit + return_id_only skip its dictize-and-index inside the
action), so a batch's datasets become searchable together right after its commit.

Each dataset is all or nothing. CKAN rolls the whole session back when it refuses one
(ValidationError), which takes the batch's earlier, valid datasets with it: the batch is then
replayed without the refused one, so a refusal costs one replay and loses nothing else.
"""
from __future__ import annotations

import dataclasses
import logging
from typing import Any, Iterable, Iterator

import flask
import pysolr
import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import logic, model
from ckan.lib import search

from ckanext.dazhou.bulk import solr_batch
from ckanext.dazhou.index.visible import commit_and_wait

log = logging.getLogger(__name__)

BATCH = 200


@dataclasses.dataclass
class Outcome:
    created: int = 0
    skipped: int = 0  # --skip-existing: the name is taken already
    refused: list[tuple[int, str, dict[str, Any]]] = dataclasses.field(default_factory=list)
    not_indexed: list[str] = dataclasses.field(default_factory=list)  # stored; reconcile indexes


def _batches(items: Iterable[tuple[int, dict[str, Any]]], size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _taken(names: list[str]) -> set[str]:
    rows = model.Session.execute(sa.text(
        "SELECT name FROM package WHERE name = ANY(:names)"), {"names": names})
    return {r.name for r in rows}


def _create_batch(batch, user: str, outcome: Outcome) -> list[str]:
    """The batch's valid datasets created in one transaction; refusals recorded. Ids created."""
    pending = list(batch)
    while True:
        user_obj = model.User.get(user)  # once per attempt, not per action and auth check
        # the request's signed-in user, as an API call by this user has it: CKAN's own
        # user lookups (7 per dataset: auth, validators, activity) are then answered from it
        # (access/request_cache.py)
        if flask.has_request_context():
            flask.g._login_user = user_obj
        ids: list[str] = []
        for line, data in pending:
            context = {"user": user, "auth_user_obj": user_obj, "defer_commit": True,
                       "return_id_only": True}
            try:
                ids.append(tk.get_action("package_create")(context, dict(data)))
            except Exception as error:
                if not isinstance(error, (tk.ValidationError, tk.NotAuthorized)):
                    model.Session.rollback()  # nothing of the open batch is kept
                    raise
                model.Session.rollback()  # CKAN's own refusal rolled back already; be sure
                errors = error.error_dict if isinstance(error, tk.ValidationError) else {
                    "owner_org": [str(error) or tk._("Not authorized")]}
                outcome.refused.append((line, data.get("name") or "", errors))
                pending = [item for item in pending if item[0] != line]
                break
        else:
            model.Session.commit()
            return ids


def _index(ids: list[str], outcome: Outcome) -> None:
    """One index pass for the batch, its documents in one Solr request; if Solr refuses that
    request, each dataset is indexed alone, so one that fails stays stored and is reported."""
    try:
        with solr_batch.collected() as docs:
            for package_id in ids:
                logic.index_update_package({"ignore_auth": True}, package_id, defer_commit=True)
        solr_batch.send(docs)
    except (search.SearchIndexError, pysolr.SolrError, OSError) as error:
        log.warning("bulk create: the batch's index request failed (%s); indexing one by one",
                    error)
        for package_id in ids:
            try:
                logic.index_update_package({"ignore_auth": True}, package_id, defer_commit=True)
            except search.SearchIndexError as one_error:
                log.error("bulk create: %s stored but not indexed: %s", package_id, one_error)
                outcome.not_indexed.append(package_id)
    model.Session.rollback()  # indexing only read


def create_all(datasets: Iterable[tuple[int, dict[str, Any]]], user: str,
               batch_size: int = BATCH, skip_existing: bool = False) -> Outcome:
    """datasets: (line number, package_create dict). Soft commit makes each batch findable."""
    outcome = Outcome()
    for batch in _batches(datasets, batch_size):
        if skip_existing:
            taken = _taken([data.get("name") or "" for _line, data in batch])
            outcome.skipped += sum(1 for _line, data in batch if data.get("name") in taken)
            batch = [(line, data) for line, data in batch if data.get("name") not in taken]
        ids = _create_batch(batch, user, outcome)
        outcome.created += len(ids)
        _index(ids, outcome)
        log.info("bulk create: %d created, %d refused", outcome.created, len(outcome.refused))
    if outcome.created:
        commit_and_wait()  # what the command reports as created can be found when it returns
    return outcome
