"""dazhou_violation_list: the bureau's (city-wide) and each department's supervision list."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import _

from ckanext.dazhou import deadlines
from ckanext.dazhou.access.roles import viewer_from_context
from ckanext.dazhou.supervision import calendar_table, violations
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


ACTIONS = {"dazhou_violation_list": violation_list}
AUTH = {"dazhou_violation_list": dazhou_violation_list_auth}
