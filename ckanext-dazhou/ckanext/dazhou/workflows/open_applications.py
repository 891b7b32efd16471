"""Open-data applications (Art. 27): anyone registered asks for data outside the open catalog.

For a conditional-open dataset, approval grants the applicant its resources (an "open" grant).
For a closed dataset or a free description, approval records the department's decision to open;
the opening itself is a normal dataset update, so the confidentiality-review rule applies.
"""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import _

from ckanext.dazhou import deadlines
from ckanext.dazhou.access import grants
from ckanext.dazhou.access.roles import viewer_from_context
from ckanext.dazhou.logic import params
from ckanext.dazhou.model import OpenApplication
from ckanext.dazhou.sharing import notify
from ckanext.dazhou.workflows.common import actor, list_schema, log_event, role_page, validate

SUBMITTED, APPROVED, REFUSED = "submitted", "approved", "refused"


@tk.validator_args
def _create_schema(not_empty, unicode_safe, ignore_missing):
    return {"package_id": [ignore_missing, unicode_safe, params.bounded_text],
            "organization_id": [ignore_missing, unicode_safe, params.bounded_text],
            "purpose": [not_empty, unicode_safe], "description": [ignore_missing, unicode_safe]}


@tk.validator_args
def _decide_schema(not_empty, unicode_safe, one_of, ignore_missing):
    return {"id": [not_empty, unicode_safe, params.bounded_text],
            "decision": [not_empty, one_of(["approve", "refuse"])],
            "reason": [ignore_missing, unicode_safe]}


def as_dict(a: OpenApplication) -> dict[str, Any]:
    return {
        "id": a.id, "package_id": a.package_id, "owner_org_id": a.owner_org_id,
        "applicant_user_id": a.applicant_user_id, "purpose": a.purpose,
        "description": a.description, "state": a.state,
        "submitted_at": a.submitted_at.isoformat(), "reply_due": a.reply_due.isoformat(),
        "working_days_left": deadlines.working_days_left(a.reply_due) if a.state == SUBMITTED else None,
        "decided_at": a.decided_at.isoformat() if a.decided_at else None,
        "decided_by": a.decided_by, "decision_reason": a.decision_reason, "grant_id": a.grant_id,
    }


def _target(context, data) -> tuple[dict | None, str]:
    """(dataset or None, provider organization id) of an application."""
    if data.get("package_id"):
        # Only a dataset the caller can see may be named: the public asks for closed data by
        # describing it to a department, so an application never confirms a closed dataset exists.
        try:
            dataset = tk.get_action("package_show")(dict(context), {"id": data["package_id"]})
        except tk.ObjectNotFound:
            raise tk.ValidationError({"package_id": [_("Dataset not found")]})
        if dataset.get("open_type") == "open":
            raise tk.ValidationError({"package_id": [_("This dataset is already open to everyone")]})
        return dataset, dataset["owner_org"]
    org = model.Group.get(data.get("organization_id") or "")
    if org is None or not org.is_organization:
        raise tk.ValidationError({"organization_id": [
            _("Name the dataset, or the department that holds the data you describe")]})
    if not (data.get("description") or "").strip():
        raise tk.ValidationError({"description": [_("Describe the data you want opened")]})
    return None, org.id


# auth

def dazhou_open_application_create(context, data_dict):
    if not viewer_from_context(context).user_id:
        return {"success": False, "msg": _("Please register and log in to apply (Art. 27)")}
    return {"success": True}


def dazhou_open_application_decide(context, data_dict):
    application = model.Session.get(OpenApplication, data_dict.get("id") or "")
    if application is None:
        raise tk.ObjectNotFound(_("Open application not found"))
    if viewer_from_context(context).can_edit(application.owner_org_id):
        return {"success": True}
    return {"success": False, "msg": _("Only editors of the department holding the data answer (Art. 27)")}


def dazhou_open_application_list(context, data_dict):
    return dazhou_open_application_create(context, data_dict)


# actions

def open_application_create(context, data_dict):
    """Apply for data to be opened, stating the purpose (Art. 27).

    :param package_id: a conditional-open or closed dataset; or
    :param organization_id: with ``description``, for data not in the catalog
    :param purpose: what the data will be used for
    :param description: the data wanted (required without package_id)
    """
    tk.check_access("dazhou_open_application_create", context, data_dict)
    data = validate(data_dict, _create_schema(), context)
    dataset, org_id = _target(context, data)
    applicant = actor(context)
    application = OpenApplication(
        id=str(uuid.uuid4()), package_id=dataset["id"] if dataset else None, owner_org_id=org_id,
        applicant_user_id=applicant.id, purpose=data["purpose"],
        description=data.get("description") or "", state=SUBMITTED,
        submitted_at=dt.datetime.utcnow(),
        reply_due=deadlines.due_date(deadlines.today(), "open_reply_days"))
    model.Session.add(application)
    log_event(application.id, None, SUBMITTED, applicant.id, data["purpose"])
    model.Session.commit()
    notify.send(notify.org_editors(org_id), _("Open-data application"),
                _("Purpose: {purpose}\nPlease answer by {due} (Art. 27).").format(
                    purpose=data["purpose"], due=application.reply_due.isoformat()))
    return as_dict(application)


def open_application_decide(context, data_dict):
    """Approve or refuse (with a reason) an open-data application.

    :param id: the application
    :param decision: approve or refuse
    :param reason: required when refusing
    """
    data = validate(data_dict, _decide_schema(), context)  # before the auth function's lookup
    tk.check_access("dazhou_open_application_decide", context, data)
    application = model.Session.get(OpenApplication, data["id"])
    if application is None:  # sysadmins pass the auth function without its lookup
        raise tk.ObjectNotFound(_("Open application not found"))
    if application.state != SUBMITTED:
        raise tk.ValidationError({"id": [_("This application has already been answered")]})
    approve, reason = data["decision"] == "approve", (data.get("reason") or "").strip()
    if not approve and not reason:
        raise tk.ValidationError({"reason": [_("A refusal states its reason (Art. 27)")]})
    who = actor(context)
    application.state = APPROVED if approve else REFUSED
    application.decided_at, application.decided_by = dt.datetime.utcnow(), who.id
    application.decision_reason = reason
    package = model.Package.get(application.package_id) if application.package_id else None
    if approve and package is not None and (package.extras or {}).get("open_type") == "conditional":
        grant = grants.create("open", package.id, "user", application.applicant_user_id, who.id,
                              application.id)
        application.grant_id = grant.id
    log_event(application.id, SUBMITTED, application.state, who.id, reason)
    model.Session.commit()
    applicant = model.User.get(application.applicant_user_id)
    if applicant is not None:
        notify.send([applicant], _("Your open-data application was answered"),
                    reason or _("Approved."))
    return as_dict(application)


@tk.side_effect_free
def open_application_list(context, data_dict):
    """Open-data applications, paged: ``applicant`` (mine), ``owner`` (to answer), ``bureau``.

    :param role: applicant (default), owner or bureau
    :param state: submitted, approved or refused
    :param page: 1-based page (default 1)
    :param rows: rows per page (default 20, at most ``ckanext.dazhou.list_max_rows``)
    """
    tk.check_access("dazhou_open_application_list", context, data_dict)
    data = validate(data_dict, list_schema(("applicant", "owner", "bureau"),
                                           (SUBMITTED, APPROVED, REFUSED)), context)
    return role_page(OpenApplication, OpenApplication.applicant_user_id,
                     OpenApplication.owner_org_id, viewer_from_context(context), data,
                     "applicant", as_dict)


ACTIONS = {"dazhou_open_application_create": open_application_create,
           "dazhou_open_application_decide": open_application_decide,
           "dazhou_open_application_list": open_application_list}
AUTH = {"dazhou_open_application_create": dazhou_open_application_create,
        "dazhou_open_application_decide": dazhou_open_application_decide,
        "dazhou_open_application_list": dazhou_open_application_list}
