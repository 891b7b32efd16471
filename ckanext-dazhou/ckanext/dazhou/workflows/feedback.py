"""Error feedback, 纠错 (Art. 22): reported on a dataset or resource, answered in 5 working days."""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import _

from ckanext.dazhou import deadlines
from ckanext.dazhou.access.roles import viewer_from_context
from ckanext.dazhou.logic import params
from ckanext.dazhou.model import Feedback
from ckanext.dazhou.sharing import notify
from ckanext.dazhou.workflows.common import actor, list_schema, log_event, role_page, validate

SUBMITTED, ACCEPTED, REJECTED = "submitted", "accepted", "rejected"


@tk.validator_args
def _create_schema(not_empty, unicode_safe, ignore_missing):
    return {"package_id": [not_empty, unicode_safe, params.bounded_text],
            "resource_id": [ignore_missing, unicode_safe, params.bounded_text],
            "description": [not_empty, unicode_safe]}


@tk.validator_args
def _reply_schema(not_empty, unicode_safe, one_of, ignore_missing):
    return {"id": [not_empty, unicode_safe, params.bounded_text],
            "outcome": [not_empty, one_of([ACCEPTED, REJECTED])],
            "reply": [ignore_missing, unicode_safe]}


def as_dict(f: Feedback) -> dict[str, Any]:
    return {
        "id": f.id, "package_id": f.package_id, "resource_id": f.resource_id,
        "owner_org_id": f.owner_org_id, "reporter_user_id": f.reporter_user_id,
        "description": f.description, "state": f.state,
        "submitted_at": f.submitted_at.isoformat(), "reply_due": f.reply_due.isoformat(),
        "working_days_left": deadlines.working_days_left(f.reply_due) if f.state == SUBMITTED else None,
        "replied_at": f.replied_at.isoformat() if f.replied_at else None,
        "replied_by": f.replied_by, "reply": f.reply,
    }


# auth

def dazhou_feedback_create(context, data_dict):
    if not viewer_from_context(context).user_id:
        return {"success": False, "msg": _("Please log in to report an error")}
    return {"success": True}


def dazhou_feedback_reply(context, data_dict):
    feedback = model.Session.get(Feedback, data_dict.get("id") or "")
    if feedback is None:
        raise tk.ObjectNotFound(_("Feedback not found"))
    if viewer_from_context(context).can_edit(feedback.owner_org_id):
        return {"success": True}
    return {"success": False, "msg": _("Only editors of the providing department answer feedback (Art. 22)")}


def dazhou_feedback_list(context, data_dict):
    if not viewer_from_context(context).user_id:
        return {"success": False, "msg": _("Please log in")}
    return {"success": True}


# actions

def feedback_create(context, data_dict):
    """Report a suspected error in a dataset (or one of its resources) you can see (Art. 22).

    :param package_id: the dataset
    :param resource_id: optional, the resource
    :param description: what seems wrong
    """
    tk.check_access("dazhou_feedback_create", context, data_dict)
    data = validate(data_dict, _create_schema(), context)
    dataset = tk.get_action("package_show")(dict(context), {"id": data["package_id"]})
    if data.get("resource_id") and data["resource_id"] not in {r["id"] for r in dataset["resources"]}:
        raise tk.ValidationError({"resource_id": [_("Not a resource of this dataset")]})
    reporter = actor(context)
    feedback = Feedback(
        id=str(uuid.uuid4()), package_id=dataset["id"], resource_id=data.get("resource_id"),
        owner_org_id=dataset["owner_org"], reporter_user_id=reporter.id,
        description=data["description"], state=SUBMITTED, submitted_at=dt.datetime.utcnow(),
        reply_due=deadlines.due_date(deadlines.today(), "feedback_reply_days"))
    model.Session.add(feedback)
    log_event(feedback.id, None, SUBMITTED, reporter.id, data["description"])
    model.Session.commit()
    notify.send(notify.org_editors(dataset["owner_org"]),
                _("Error reported: {title}").format(title=dataset["title"]),
                _("{description}\nPlease check and answer by {due} (Art. 22).").format(
                    description=data["description"], due=feedback.reply_due.isoformat()))
    return as_dict(feedback)


def feedback_reply(context, data_dict):
    """Answer feedback: ``accepted`` (checked and fixed) or ``rejected`` with a reason.

    :param id: the feedback
    :param outcome: accepted or rejected
    :param reply: the answer (required when rejecting)
    """
    data = validate(data_dict, _reply_schema(), context)  # before the auth function's lookup
    tk.check_access("dazhou_feedback_reply", context, data)
    feedback = model.Session.get(Feedback, data["id"])
    if feedback is None:  # sysadmins pass the auth function without its lookup
        raise tk.ObjectNotFound(_("Feedback not found"))
    if feedback.state != SUBMITTED:
        raise tk.ValidationError({"id": [_("This feedback has already been answered")]})
    if data["outcome"] == REJECTED and not (data.get("reply") or "").strip():
        raise tk.ValidationError({"reply": [_("A rejection states its reason (Art. 22)")]})
    who = actor(context)
    feedback.state, feedback.reply = data["outcome"], data.get("reply") or ""
    feedback.replied_at, feedback.replied_by = dt.datetime.utcnow(), who.id
    log_event(feedback.id, SUBMITTED, feedback.state, who.id, feedback.reply)
    model.Session.commit()
    reporter = model.User.get(feedback.reporter_user_id)
    if reporter is not None:
        title = model.Package.get(feedback.package_id).title
        notify.send([reporter], _("Your error report was answered: {title}").format(title=title),
                    feedback.reply or _("The error was checked and fixed."))
    return as_dict(feedback)


@tk.side_effect_free
def feedback_list(context, data_dict):
    """Feedback, paged: ``reporter`` (mine), ``owner`` (to answer) or ``bureau`` (all).

    :param role: reporter (default), owner or bureau
    :param state: submitted, accepted or rejected
    :param page: 1-based page (default 1)
    :param rows: rows per page (default 20, at most ``ckanext.dazhou.list_max_rows``)
    """
    tk.check_access("dazhou_feedback_list", context, data_dict)
    data = validate(data_dict, list_schema(("reporter", "owner", "bureau"),
                                           (SUBMITTED, ACCEPTED, REJECTED)), context)
    return role_page(Feedback, Feedback.reporter_user_id, Feedback.owner_org_id,
                     viewer_from_context(context), data, "reporter", as_dict)


ACTIONS = {"dazhou_feedback_create": feedback_create, "dazhou_feedback_reply": feedback_reply,
           "dazhou_feedback_list": feedback_list}
AUTH = {"dazhou_feedback_create": dazhou_feedback_create, "dazhou_feedback_reply": dazhou_feedback_reply,
        "dazhou_feedback_list": dazhou_feedback_list}
