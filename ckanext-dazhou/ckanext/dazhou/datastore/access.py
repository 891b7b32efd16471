"""The DataStore doors obey the resource rule (Art. 18, 21, 26, 27).

`datastore_search`, `datastore_info`, `datastore_search_sql`, the dump
(/datastore/dump/<id>, which asks datastore_search) and the table preview (datatables, the
same) answer only those who may use the resource: the one rule of access/resources.py
(may_use, via usable_package_ids), as the redaction and resource_show apply it. CKAN's own
auth for these doors only asks whether the dataset is visible; ours replaces it.

datastore_search_sql: CKAN parses the statement (pglast) and hands every relation it names
to the auth function: joins, sub-queries, CTE bodies, views and `_table_metadata` alike.
Below the bureau every name must be the id of a resource the caller may use; anything else
(system and metadata tables, aliases, the name of a CTE) is refused, so the check can only
be stricter than the data, never looser. CKAN itself refuses other schemas, `pg_*` tables
and functions outside its allowlist.

Every use of conditional or not-shared data, allowed or refused, is written to the access
log with the caller and the door (datastore, download, preview): once per resource, outcome
and request (a dump or a preview asks datastore_search several times). The purpose is the
caller's grant for the dataset (dazhou_access_grant, its application's purpose).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import flask
import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.dazhou.access import log as access_log
from ckanext.dazhou.access import visibility
from ckanext.dazhou.access.resources import usable_package_ids
from ckanext.dazhou.access.roles import Viewer, viewer_from_context


@dataclass(frozen=True)
class Decision:
    name: str
    dataset: dict[str, Any] | None  # None: not an active resource's id
    visible: bool
    allowed: bool


def decide(viewer: Viewer, names: Iterable[str]) -> dict[str, Decision]:
    """The rule for every named table/resource id at once (three queries)."""
    names = {n for n in names if isinstance(n, str)}
    package_of = dict(model.Session.execute(
        sa.select(model.Resource.id, model.Resource.package_id)
        .where(model.Resource.id.in_(names), model.Resource.state == "active")).all()
    ) if names else {}
    current = visibility.current_datasets(package_of.values())
    visible = visibility.visible_ids(viewer, current.values())
    usable = usable_package_ids(viewer, [current[i] for i in visible])
    decisions = {}
    for name in names:
        dataset = current.get(package_of.get(name, ""))
        if dataset is None or dataset["state"] == "deleted" and not viewer.is_bureau:
            decisions[name] = Decision(name, None, False, False)
        else:
            decisions[name] = Decision(name, dataset, dataset["id"] in visible,
                                       dataset["id"] in usable)
    return decisions


def _door() -> str:
    path = flask.request.path if flask.has_request_context() else ""
    if path.startswith("/datastore/dump/"):
        return "download"
    if path.startswith("/datatables/"):
        return "preview"
    return "datastore"


def audit(context: dict, viewer: Viewer, decisions: Iterable[Decision]) -> None:
    """One access-log row per restricted resource, outcome and request."""
    if context.get("ignore_auth"):
        return
    done = None
    if flask.has_request_context():
        done = flask.g.setdefault("_dazhou_datastore_logged", set())
    for decision in decisions:
        dataset = decision.dataset
        if dataset is None or not decision.visible or not access_log.needs_logging(dataset):
            continue
        key = (decision.name, decision.allowed)
        if done is not None and key in done:
            continue
        access_log.record(viewer.user_id, dataset, decision.name, decision.allowed,
                          door=_door())
        if done is not None:
            done.add(key)


def _refuse(context: dict, viewer: Viewer, decisions: dict[str, Decision]) -> dict | None:
    """None when every decision allows; else the auth result (404 for what is invisible)."""
    refused = [d for d in decisions.values() if not d.allowed]
    if not refused:
        return None
    audit(context, viewer, refused)
    return {"success": False, "msg": tk._(
        "Using this resource needs an approved share or open application (Art. 18, 27)")}


def _resource_id(data_dict: dict) -> str:
    return str(data_dict.get("resource_id") or data_dict.get("id") or "")


def _one_resource(context, data_dict):
    viewer = viewer_from_context(context)
    if viewer.is_bureau:
        return {"success": True}
    name = _resource_id(data_dict)
    decision = decide(viewer, [name])[name]
    if not decision.visible:
        if _door() == "download":  # CKAN's dump view turns only NotAuthorized into its 404
            return {"success": False, "msg": tk._("Resource not found")}
        raise tk.ObjectNotFound(tk._("Resource not found"))
    refused = _refuse(context, viewer, {name: decision})
    if refused and _door() == "download":
        # CKAN's dump view would turn the refusal into "not found": a resource the viewer sees
        # is refused as its file download is, with the 403 page that says why and what to apply for
        tk.abort(403, refused["msg"])
    return refused or {"success": True}


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def datastore_search(next_auth, context, data_dict):
    return _one_resource(context, data_dict)


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def datastore_info(next_auth, context, data_dict):
    return _one_resource(context, data_dict)


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def datastore_search_sql(next_auth, context, data_dict):
    viewer = viewer_from_context(context)
    if viewer.is_bureau:
        return {"success": True}
    names = list(context.get("table_names") or [])
    decisions = decide(viewer, names)
    if any(d.dataset is None or not d.visible for d in decisions.values()):
        return {"success": False, "msg": tk._(
            "Only the tables of resources you may use can be queried")}
    return _refuse(context, viewer, decisions) or {"success": True}


AUTH = {f.__name__: f for f in (datastore_search, datastore_info, datastore_search_sql)}


def log_allowed(context: dict, names: Iterable[str]) -> None:
    """After a DataStore answer: log the restricted resources it read."""
    if context.get("ignore_auth"):
        return
    viewer = viewer_from_context(context)
    audit(context, viewer, [d for d in decide(viewer, names).values() if d.allowed])
