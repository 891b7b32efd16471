"""Withdrawing a published dataset (撤回发布) and publishing it again (恢复发布).

Art. 13 and 25 make departments keep their catalogs current, and Art. 26 forbids opening data
found to touch secrets or privacy: a department must be able to take an entry out of the
catalog at once, saying why. A withdrawn dataset keeps its record in the state `withdrawn`
(not CKAN's `draft`, whose forms are the creation wizard): only its department and the bureau
see it (access/labels.py), searches leave it out (CKAN asks Solr for `state:active`), and the
change is an activity of its own type carrying the reason, which the bureau lists.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

import ckan.plugins.toolkit as tk
from ckan import authz, model
from ckan.common import _
from ckan.lib import search
from ckan.types import Context, DataDict
from ckanext.activity.model import Activity

from ckanext.dazhou import dates
from ckanext.dazhou.access import labels
from ckanext.dazhou.access.roles import viewer_from_context
from ckanext.dazhou.logic import params

WITHDRAWN = "withdrawn"
WITHDREW = "withdrawn package"
REPUBLISHED = "republished package"
REASON_MAX = 500


def _package_or_404(id_or_name: Any) -> model.Package:
    package = model.Package.get(id_or_name) if isinstance(id_or_name, str) and id_or_name else None
    if package is None or package.state == "deleted" or package.type != "dataset":
        raise tk.ObjectNotFound(_("Dataset not found"))
    return package


def _reason(data_dict: DataDict) -> str:
    reason = data_dict.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise tk.ValidationError({"reason": [_("Please give the reason for withdrawing")]})
    if len(reason.strip()) > REASON_MAX:
        raise tk.ValidationError({"reason": [_("The reason is at most {max} characters").format(max=REASON_MAX)]})
    return reason.strip()


def _change_state(context: Context, package: model.Package, state: str, activity_type: str,
                  extra: dict[str, Any]) -> None:
    """The state, one activity of our type, the search index; no form validation in between,
    so an entry that must go (Art. 26) is never held back by an unrelated field."""
    user = model.User.get(context.get("user") or "")
    package.state = state
    package.metadata_modified = dt.datetime.utcnow()
    model.Session.flush()
    shown = tk.get_action("package_show")({"ignore_auth": True, "for_view": False}, {"id": package.id})
    model.Session.add(Activity(
        user.id if user else None, package.id, activity_type,
        {"package": shown, "actor": user.name if user else None, **extra},
        permission_labels=labels.dataset_labels(package)))
    model.repo.commit()
    search.rebuild(package.id)


def dazhou_dataset_withdraw(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Withdraw a published dataset from the catalog (whoever may edit it: its department's editors, sysadmins).

    :param id: the dataset's id or name
    :param reason: why (required, at most 500 characters)
    :returns: ``{"id", "name", "state": "withdrawn", "reason"}``
    """
    params.refuse_nul(data_dict)
    reason = _reason(data_dict)
    package = _package_or_404(data_dict.get("id"))
    tk.check_access("dazhou_dataset_withdraw", context, {"id": package.id})
    if package.state != "active":
        raise tk.ValidationError({"id": [_("Only a published dataset can be withdrawn")]})
    _change_state(context, package, WITHDRAWN, WITHDREW, {"reason": reason})
    return {"id": package.id, "name": package.name, "state": WITHDRAWN, "reason": reason}


def dazhou_dataset_republish(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Publish a withdrawn dataset again (whoever may edit it: its department's editors, sysadmins).

    :param id: the dataset's id or name
    :returns: ``{"id", "name", "state": "active"}``
    """
    params.refuse_nul(data_dict)
    package = _package_or_404(data_dict.get("id"))
    tk.check_access("dazhou_dataset_withdraw", context, {"id": package.id})
    if package.state != WITHDRAWN:
        raise tk.ValidationError({"id": [_("Only a withdrawn dataset can be published again")]})
    _change_state(context, package, "active", REPUBLISHED, {})
    return {"id": package.id, "name": package.name, "state": "active"}


def dazhou_withdrawal_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Withdrawals, newest first: every department's for the bureau, one's own for its staff.

    :param page: page number (default 1)
    :param rows: rows per page (default 20)
    :returns: ``{"count", "page", "results": [{package_id, package_name, package_title,
        owner_org_id, org_title, state, reason, user, at}]}``
    """
    data = params.validate(data_dict, params.paging(), context)
    tk.check_access("dazhou_withdrawal_list", context, data_dict)
    viewer = viewer_from_context(context)
    query = (sa.select(Activity.timestamp, sa.cast(Activity.data, JSONB)["reason"].astext.label("reason"),
                       model.Package.id, model.Package.name, model.Package.title, model.Package.state,
                       model.Package.owner_org, model.Group.title.label("org_title"),
                       sa.func.coalesce(sa.func.nullif(model.User.fullname, ""), model.User.name).label("user"))
             .join(model.Package, model.Package.id == Activity.object_id)
             .outerjoin(model.Group, model.Group.id == model.Package.owner_org)
             .outerjoin(model.User, model.User.id == Activity.user_id)
             .where(Activity.activity_type == WITHDREW, model.Package.state != "deleted"))
    if not viewer.is_bureau:
        query = query.where(model.Package.owner_org.in_(sorted(viewer.org_ids)))
    total = model.Session.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    rows = model.Session.execute(
        query.order_by(Activity.timestamp.desc()).limit(data["rows"]).offset(params.offset(data))).all()
    return {"count": total, "page": data["page"], "results": [{
        "package_id": r.id, "package_name": r.name, "package_title": r.title or r.name,
        "owner_org_id": r.owner_org, "org_title": r.org_title or "", "state": r.state,
        "reason": r.reason or "", "user": r.user or "",
        "at": dates.time_text(r.timestamp),
    } for r in rows]}


def withdraw_auth(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Those who may edit the dataset (its department's editors and admins, sysadmins)."""
    return authz.is_authorized("package_update", context, data_dict)


def withdrawal_list_auth(context: Context, data_dict: DataDict) -> dict[str, Any]:
    if viewer_from_context(context).is_staff:
        return {"success": True}
    return {"success": False, "msg": _("Only department staff and the bureau can see withdrawals")}


ACTIONS = {"dazhou_dataset_withdraw": dazhou_dataset_withdraw,
           "dazhou_dataset_republish": dazhou_dataset_republish,
           "dazhou_withdrawal_list": dazhou_withdrawal_list}
AUTH = {"dazhou_dataset_withdraw": withdraw_auth, "dazhou_withdrawal_list": withdrawal_list_auth}


def latest(package_id: str) -> dict[str, Any] | None:
    row = model.Session.execute(
        sa.select(Activity.timestamp, sa.cast(Activity.data, JSONB)["reason"].astext.label("reason"))
        .where(Activity.object_id == package_id, Activity.activity_type == WITHDREW)
        .order_by(Activity.timestamp.desc()).limit(1)).first()
    return {"reason": row.reason or "", "at": dates.time_text(row.timestamp)} if row else None
