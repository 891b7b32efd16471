"""Supervision actions: the violation list (Art. 31), the evaluation report (Art. 28) and the
harvest conflicts of one data, one source (Art. 14), for the bureau and each department."""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import _

from ckanext.dazhou import deadlines
from ckanext.dazhou.access.roles import viewer_from_context
from ckanext.dazhou.supervision import calendar_table, conflicts, evaluation, violations
from ckanext.dazhou.logic import params
from ckanext.dazhou.workflows.common import actor, validate


def dazhou_violation_list_auth(context, data_dict):
    if viewer_from_context(context).is_staff:
        return {"success": True}
    return {"success": False, "msg": _("Supervision lists are for the bureau and departments (Art. 31)")}


def _evidence_url(row: dict[str, Any]) -> str:
    if row["kind"] == "share_reply_overdue":
        return tk.url_for("dazhou_sharing.show", id=row["item_id"], _external=True)
    if row["package_name"]:
        return tk.url_for("dataset.read", id=row["package_name"], _external=True)
    return tk.url_for("organization.read", id=row["org_name"], _external=True)


@tk.validator_args
def _violation_list_schema(ignore_missing, one_of):
    return {"organization": params.text(),
            "kind": [ignore_missing, one_of(list(violations.KINDS))], **params.paging()}


@tk.validator_args
def _evaluation_schema():
    return {"organization": params.text(), **params.period()}


@tk.side_effect_free
def violation_list(context, data_dict):
    """Overdue obligations and each department's share and open ratios (Art. 31).

    The bureau sees the whole city (optionally one ``organization``); a department sees only
    its own obligations.

    :param organization: id or name of one department
    :param kind: share_reply_overdue, feedback_reply_overdue, open_reply_overdue,
        shared_data_not_updated, catalog_not_updated or stale_dataset
    :param page: 1-based page
    :param rows: rows per page (default 20, at most ``ckanext.dazhou.list_max_rows``)
    """
    tk.check_access("dazhou_violation_list", context, data_dict)
    data = validate(data_dict, _violation_list_schema(), context)
    viewer = viewer_from_context(context)
    org_ids = None if viewer.is_bureau else set(viewer.org_ids)
    if data.get("organization"):
        org = model.Group.get(data["organization"])
        if org is None or (org_ids is not None and org.id not in org_ids):
            raise tk.NotAuthorized(_("You can see only your own department's obligations"))
        org_ids = {org.id}
    kind = data.get("kind") or None
    calendar_table.ensure()
    today = deadlines.today()
    counts, results = violations.find(today, org_ids, kind, params.offset(data), data["rows"])
    for row in results:
        row["evidence_url"] = _evidence_url(row)
    return {"date": today.isoformat(), "count": sum(counts.values()), "counts": counts,
            "page": data["page"], "rows": data["rows"],
            "results": results, "ratios": violations.ratios(org_ids)}


def _org_scope(context, data_dict) -> str | None:
    """The one department a caller asks about; departments may ask only about their own."""
    viewer = viewer_from_context(context)
    if not data_dict.get("organization"):
        if viewer.is_bureau:
            return None
        if len(viewer.org_ids) == 1:
            return next(iter(viewer.org_ids))
        raise tk.ValidationError({"organization": [_("Choose one of your departments")]})
    org = model.Group.get(data_dict["organization"])
    if org is None or not (viewer.is_bureau or org.id in viewer.org_ids):
        raise tk.NotAuthorized(_("You can see only your own department's evaluation"))
    return org.id


@tk.side_effect_free
def evaluation_report(context, data_dict):
    """The Art. 28 evaluation for a department or the whole city over a past period.

    :param organization: id or name of a department (default: the city, for the bureau)
    :param start: first day, YYYY-MM-DD (default: 1 January of this year)
    :param end: last day, YYYY-MM-DD (default: today)
    """
    tk.check_access("dazhou_evaluation_report", context, data_dict)
    data = validate(data_dict, _evaluation_schema(), context)
    org_id = _org_scope(context, data)
    today = deadlines.today()
    data["start"] = data.get("start") or dt.date(today.year, 1, 1)
    data["end"] = data.get("end") or today
    params.check_period(data)
    start, end = data["start"], data["end"]
    calendar_table.ensure()
    return evaluation.report(start, end, org_id)


# harvest conflicts (Art. 14)

def dazhou_harvest_conflict_list_auth(context, data_dict):
    if viewer_from_context(context).is_staff:
        return {"success": True}
    return {"success": False, "msg": _("Harvest conflicts are for the bureau and the departments "
                                       "that own the data items (Art. 14)")}


def dazhou_harvest_conflict_resolve_auth(context, data_dict):
    if viewer_from_context(context).is_bureau:
        return {"success": True}
    return {"success": False, "msg": _("Only the bureau resolves harvest conflicts (Art. 14)")}


@tk.validator_args
def _conflict_list_schema(ignore_missing, one_of):
    return {
        "state": [ignore_missing, one_of(list(conflicts.STATES))],
        "harvest_source_id": params.text(),
        "owner_org": params.text(),
        **params.paging(),
    }


@tk.validator_args
def _conflict_resolve_schema(not_empty, ignore_missing, unicode_safe):
    return {"id": [not_empty, unicode_safe, params.bounded_text],
            "note": [ignore_missing, unicode_safe]}


@tk.side_effect_free
def harvest_conflict_list(context, data_dict):
    """Harvested authoritative claims on data items a local dataset owns (Art. 14), paged:
    open ones first, then the most recently seen.

    The bureau sees every conflict; a department sees those about its own datasets.

    :param state: open, resolved or cleared
    :param harvest_source_id: id or name of one harvest source
    :param owner_org: id or name of the department that owns the items
    :param page: 1-based page
    :param rows: rows per page (at most 100)
    """
    tk.check_access("dazhou_harvest_conflict_list", context, data_dict)
    data = validate(data_dict, _conflict_list_schema(), context)
    viewer = viewer_from_context(context)
    org_ids = None if viewer.is_bureau else set(viewer.org_ids)
    if data.get("owner_org"):
        org = model.Group.get(data["owner_org"])
        if org is None:
            raise tk.ObjectNotFound(_("Department not found"))
        if org_ids is not None and org.id not in org_ids:
            raise tk.NotAuthorized(
                _("You can see only the conflicts about your own department's data"))
        org_ids = {org.id}
    source_id = data.get("harvest_source_id")
    if source_id:
        source = model.Package.get(source_id)
        source_id = source.id if source is not None else source_id
    total, results = conflicts.page(org_ids, data.get("state"), source_id, params.offset(data),
                                    data["rows"])
    return {"count": total, "page": data["page"], "rows": data["rows"], "results": results}


def harvest_conflict_resolve(context, data_dict):
    """Mark an open harvest conflict resolved, with what the bureau decided (Art. 14).

    :param id: the conflict
    :param note: how it was resolved (required)
    """
    tk.check_access("dazhou_harvest_conflict_resolve", context, data_dict)
    params.refuse_nul(data_dict)
    data, errors = tk.navl_validate(data_dict, _conflict_resolve_schema(), context)
    note = (data.get("note") or "").strip() if isinstance(data.get("note"), str) else ""
    if not note:
        errors["note"] = [_("State how the conflict was resolved")]
    if errors:
        raise tk.ValidationError(errors)
    conflict = conflicts.get(data["id"])
    if conflict is None:
        raise tk.ObjectNotFound(_("Harvest conflict not found"))
    if conflict.state != conflicts.OPEN:
        raise tk.ValidationError({"id": [_("Only an open conflict can be resolved")]})
    conflicts.resolve(conflict, actor(context).id, note)
    return conflicts.one(conflict.id)


ACTIONS = {"dazhou_violation_list": violation_list, "dazhou_evaluation_report": evaluation_report,
           "dazhou_harvest_conflict_list": harvest_conflict_list,
           "dazhou_harvest_conflict_resolve": harvest_conflict_resolve}
AUTH = {"dazhou_violation_list": dazhou_violation_list_auth,
        "dazhou_evaluation_report": dazhou_violation_list_auth,
        "dazhou_harvest_conflict_list": dazhou_harvest_conflict_list_auth,
        "dazhou_harvest_conflict_resolve": dazhou_harvest_conflict_resolve_auth}
