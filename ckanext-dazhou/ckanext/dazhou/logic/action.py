"""The dazhou_* actions (API contract). Registered by plugin.get_actions."""
from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import _
from ckan.types import Context, DataDict

from ckanext.dazhou import dates
from ckanext.dazhou.access import grants
from ckanext.dazhou.access.roles import viewer_from_context
from ckanext.dazhou.logic import params
from ckanext.dazhou.logic import schema as schemas
from ckanext.dazhou.model import AccessGrant, AccessLogEntry, OpenApplication, ShareApplication
from ckanext.dazhou.sharing import applications, queries, states

_validate = params.validate


def _package_or_404(id_or_name: str) -> model.Package:
    package = model.Package.get(id_or_name)
    if package is None or package.state == "deleted":
        raise tk.ObjectNotFound(_("Dataset not found"))
    return package


def _user(context: Context) -> model.User:
    user = context.get("auth_user_obj") or model.User.get(context.get("user") or "")
    if user is None:
        raise tk.NotAuthorized(_("Please log in"))
    return user


def dazhou_share_application_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Apply, as a department, to use a conditional-share dataset (Art. 18, 21).

    :param package_id: the dataset
    :param purpose: what the data will be used for (用途; kept, Art. 21)
    :param scope: scope of use (使用范围)
    :param legal_basis: the legal basis of the use (依据)
    :param resource_ids: the resources wanted (default: all)
    :param organization_id: the applying department, when the user belongs to several
    """
    data = _validate(data_dict, schemas.share_application_create(), context)
    tk.check_access("dazhou_share_application_create", context, data)
    viewer = viewer_from_context(context)
    dataset = tk.get_action("package_show")(dict(context), {"id": data["package_id"]})
    org_id = data.get("organization_id")
    if org_id:
        org = model.Group.get(org_id)
        org_id = org.id if org is not None else None
    elif len(viewer.org_ids) == 1:
        org_id = next(iter(viewer.org_ids))
    if not org_id or org_id not in viewer.org_ids:
        raise tk.ValidationError({"organization_id": [
            _("Choose the department you apply for; you must belong to it")]})
    if dataset.get("share_type") != "conditional":
        message = (_("This dataset is shared unconditionally: use it directly (Art. 18)")
                   if dataset.get("share_type") == "unconditional"
                   else _("This dataset is not shared; its basis is stated in the catalog (Art. 18)"))
        raise tk.ValidationError({"package_id": [message]})
    if org_id == dataset["owner_org"]:
        raise tk.ValidationError({"organization_id": [_("A department does not apply for its own data")]})
    resource_ids = data.get("resource_ids") or [r["id"] for r in dataset.get("resources", [])]
    unknown = set(resource_ids) - {r["id"] for r in dataset.get("resources", [])}
    if unknown:
        raise tk.ValidationError({"resource_ids": [_("Not resources of this dataset: {ids}").format(
            ids=", ".join(sorted(unknown)))]})
    total, _rows = queries.page(applicant_org_ids=[org_id], package_id=dataset["id"],
                                state=states.SUBMITTED, limit=1)
    if total:
        raise tk.ValidationError({"package_id": [
            _("Your department already has an unanswered application for this dataset")]})
    application = applications.create(dataset, _user(context), org_id, data["purpose"],
                                      data["scope"], data["legal_basis"], resource_ids)
    return queries.one(application.id)


def dazhou_share_application_decide(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Approve or refuse (with a reason) an application; the bureau decides escalated ones.

    :param id: the application
    :param decision: ``approve`` or ``refuse``
    :param reason: required when refusing
    :param expires: optional last day (YYYY-MM-DD) of the grant an approval creates
    """
    data = _validate(data_dict, schemas.share_application_decide(), context)
    tk.check_access("dazhou_share_application_decide", context, data)
    application = applications.get_or_404(data["id"])
    approve = data["decision"] == "approve"
    reason = (data.get("reason") or "").strip()
    if not approve and not reason:
        raise tk.ValidationError({"reason": [_("A refusal states its reason (Art. 18)")]})
    expires = data.get("expires")
    if expires is not None:
        # the grant lasts to the end of that day in Shanghai, so it shows as that day
        expires = dates.end_of_day(expires.date() if isinstance(expires, dt.datetime) else expires)
    applications.decide(application, _user(context), approve, reason, expires)
    return queries.one(application.id)


def dazhou_share_application_escalate(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Ask the bureau to coordinate a refused application (Art. 23).

    :param id: the application
    :param reason: why the refusal should be reconsidered
    """
    data = _validate(data_dict, schemas.share_application_escalate(), context)
    tk.check_access("dazhou_share_application_escalate", context, data)
    application = applications.get_or_404(data["id"])
    if application.state != states.REFUSED:
        raise tk.ValidationError({"id": [_("Only a refused application can be escalated (Art. 23)")]})
    applications.escalate(application, _user(context), data["reason"])
    return queries.one(application.id)


@tk.side_effect_free
def dazhou_share_application_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Applications, paged: ``applicant`` (my departments'), ``owner`` (incoming), ``bureau`` (all).

    :param role: applicant (default), owner or bureau
    :param state: submitted, approved, refused or escalated
    :param package_id: only this dataset's
    :param page: 1-based page (default 1)
    :param rows: rows per page (default 20, at most ``ckanext.dazhou.list_max_rows``)
    """
    tk.check_access("dazhou_share_application_list", context, data_dict)
    data = _validate(data_dict, schemas.share_application_list(), context)
    viewer = viewer_from_context(context)
    role = data.get("role", "applicant")
    rows, page = data["rows"], data["page"]
    filters: dict[str, Any] = {"state": data.get("state"), "package_id": data.get("package_id")}
    if role == "applicant":
        filters["applicant_org_ids"] = viewer.org_ids
    elif role == "owner":
        filters["owner_org_ids"] = viewer.editable_org_ids if not viewer.is_bureau else viewer.org_ids
    elif not viewer.is_bureau:
        raise tk.NotAuthorized(_("Only the bureau lists every application"))
    total, results = queries.page(offset=(page - 1) * rows, limit=rows, **filters)
    return {"count": total, "page": page, "rows": rows, "results": results}


@tk.side_effect_free
def dazhou_share_application_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One application with its full history (who changed what, when).

    :param id: the application
    """
    data = _validate(data_dict, schemas.by_id(), context)
    tk.check_access("dazhou_share_application_show", context, data)
    result = queries.one(data["id"])
    if result is None:  # sysadmins pass the auth function without its lookup
        raise tk.ObjectNotFound(_("Share application not found"))
    events = applications.events(result["id"])
    people = {row.id: row for row in model.Session.execute(
        sa.select(model.User.id, model.User.name, model.User.fullname)
        .where(model.User.id.in_({e.actor_id for e in events}))).all()}

    def _names(actor_id: str) -> tuple[str, str]:
        person = people.get(actor_id)
        return (person.name, person.fullname or person.name) if person else (actor_id, actor_id)

    result["events"] = [
        {"from_state": e.from_state, "to_state": e.to_state, "actor_id": e.actor_id,
         "actor_name": _names(e.actor_id)[0], "actor_display_name": _names(e.actor_id)[1],
         "at": e.at.isoformat(), "note": e.note}
        for e in events]
    grant = grants.get(result["grant_id"]) if result.get("grant_id") else None
    result["grant"] = grants.as_dict(grant) if grant else None
    return result


def dazhou_grant_revoke(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Revoke a grant (share or open), with a reason.

    :param id: the grant
    :param reason: why
    """
    data = _validate(data_dict, schemas.grant_revoke(), context)
    tk.check_access("dazhou_grant_revoke", context, data)
    grant = grants.get(data["id"])
    if grant is None:  # sysadmins pass the auth function without its lookup
        raise tk.ObjectNotFound(_("Grant not found"))
    if grant.revoked_at is not None:
        raise tk.ValidationError({"id": [_("This grant is already revoked")]})
    grants.revoke(grant, _user(context).id, data["reason"])
    model.Session.commit()
    return grants.as_dict(grant)


@tk.side_effect_free
def dazhou_grant_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """The grants of a dataset, newest first.

    :param package_id: the dataset
    """
    data = _validate(data_dict, schemas.grant_list(), context)
    tk.check_access("dazhou_grant_list", context, data)
    package = _package_or_404(data["package_id"])
    return [grants.as_dict(g) for g in grants.for_package(package.id)]


@tk.side_effect_free
def dazhou_access_log_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Accesses to resources of conditional or not-shared datasets, newest first, paged.

    :param package_id: one dataset (required unless the caller is the bureau)
    :param page: 1-based page
    :param rows: rows per page (default 20, at most ``ckanext.dazhou.list_max_rows``)

    Anonymous attempts are one entry per resource, door, outcome and day, with ``hits``.
    """
    data = _validate(data_dict, schemas.access_log_list(), context)
    tk.check_access("dazhou_access_log_list", context, data)
    rows, page = data["rows"], data["page"]
    # the purpose of a use is its grant's application (share or open), Art. 21
    purpose = sa.func.coalesce(ShareApplication.purpose, OpenApplication.purpose)
    query = (sa.select(AccessLogEntry, model.User.name, purpose)
             .outerjoin(model.User, model.User.id == AccessLogEntry.user_id)
             .outerjoin(AccessGrant, AccessGrant.id == AccessLogEntry.grant_id)
             .outerjoin(ShareApplication, sa.and_(AccessGrant.kind == "share",
                                                  ShareApplication.id == AccessGrant.application_id))
             .outerjoin(OpenApplication, sa.and_(AccessGrant.kind == "open",
                                                 OpenApplication.id == AccessGrant.application_id)))
    if data.get("package_id"):
        package = _package_or_404(data["package_id"])
        query = query.where(AccessLogEntry.package_id == package.id)
    total = model.Session.execute(
        sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    entries = model.Session.execute(
        query.order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc())
        .offset((page - 1) * rows).limit(rows)).all()
    return {"count": total, "page": page, "rows": rows, "results": [
        {"at": e.at.isoformat(), "user_id": e.user_id, "user_name": name,
         "package_id": e.package_id, "resource_id": e.resource_id, "allowed": e.allowed,
         "door": e.door, "hits": e.hits, "grant_id": e.grant_id, "purpose": why}
        for e, name, why in entries]}


def get_actions() -> dict[str, Any]:
    """The actions of this module and of the workflow and supervision modules."""
    from ckanext.dazhou.supervision import actions as supervision
    from ckanext.dazhou.workflows import data_changes, feedback, open_applications

    own = {name: fn for name, fn in globals().items()
           if name.startswith("dazhou_") and callable(fn)}
    for module in (feedback, open_applications, data_changes, supervision):
        own.update(module.ACTIONS)
    return own
