"""dazhou_violation_list: the bureau's (city-wide) and each department's supervision list."""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import _

from ckanext.dazhou import deadlines
from ckanext.dazhou.access.roles import viewer_from_context
from ckanext.dazhou.supervision import calendar_table, evaluation, violations
from ckanext.dazhou.workflows.common import paging


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


@tk.side_effect_free
def violation_list(context, data_dict):
    """Overdue obligations and each department's share and open ratios (Art. 31).

    The bureau sees the whole city (optionally one ``organization``); a department sees only
    its own obligations.

    :param organization: id or name of one department
    :param kind: share_reply_overdue, feedback_reply_overdue, open_reply_overdue,
        shared_data_not_updated, catalog_not_updated or stale_dataset
    :param page: 1-based page
    :param rows: rows per page (at most 100)
    """
    tk.check_access("dazhou_violation_list", context, data_dict)
    viewer = viewer_from_context(context)
    org_ids = None if viewer.is_bureau else set(viewer.org_ids)
    if data_dict.get("organization"):
        org = model.Group.get(data_dict["organization"])
        if org is None or (org_ids is not None and org.id not in org_ids):
            raise tk.NotAuthorized(_("You can see only your own department's obligations"))
        org_ids = {org.id}
    kind = data_dict.get("kind") or None
    if kind and kind not in violations.KINDS:
        raise tk.ValidationError({"kind": [_("Unknown kind: {kind}").format(kind=kind)]})
    calendar_table.ensure()
    offset, rows = paging(data_dict)
    today = deadlines.today()
    counts, results = violations.find(today, org_ids, kind, offset, rows)
    for row in results:
        row["evidence_url"] = _evidence_url(row)
    return {"date": today.isoformat(), "count": sum(counts.values()), "counts": counts,
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
    org_id = _org_scope(context, data_dict)
    today = deadlines.today()
    try:
        start = dt.date.fromisoformat(data_dict.get("start") or f"{today.year}-01-01")
        end = dt.date.fromisoformat(data_dict.get("end") or today.isoformat())
    except ValueError:
        raise tk.ValidationError({"start": [_("Dates are written YYYY-MM-DD")]})
    if end < start:
        raise tk.ValidationError({"end": [_("The period ends before it starts")]})
    calendar_table.ensure()
    return evaluation.report(start, end, org_id)


ACTIONS = {"dazhou_violation_list": violation_list, "dazhou_evaluation_report": evaluation_report}
AUTH = {"dazhou_violation_list": dazhou_violation_list_auth,
        "dazhou_evaluation_report": dazhou_violation_list_auth}
