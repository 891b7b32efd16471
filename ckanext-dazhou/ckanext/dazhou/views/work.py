"""The workbench: one page linking every workflow with how many items wait."""
from __future__ import annotations

from typing import Any

import flask

import ckan.plugins.toolkit as tk

from ckanext.dazhou.access.roles import viewer_for
from ckanext.dazhou.views import forms

work = flask.Blueprint("dazhou_work", __name__)


def _count(action: str, **data: Any) -> int | None:
    """How many items an action lists for the caller, or None when the caller may not list them."""
    try:
        return tk.get_action(action)(forms.context(), {**data, "page": 1, "rows": 1})["count"]
    except (tk.NotAuthorized, tk.ValidationError):
        return None


@work.route("/dashboard/work")
def index():
    if not tk.current_user.is_authenticated:
        return forms.forbidden()
    viewer = viewer_for(tk.current_user)
    answering = bool(viewer.editable_org_ids) or viewer.is_bureau
    counts = {
        "share_mine": _count("dazhou_share_application_list", role="applicant") if viewer.is_staff else None,
        "share_waiting": (_count("dazhou_share_application_list", role="owner", state="submitted")
                          if viewer.is_staff else None),
        # Art. 23: refused applications the applicant escalated wait for the bureau alone
        "share_escalated": (_count("dazhou_share_application_list", role="bureau", state="escalated")
                            if viewer.is_bureau else None),
        "feedback_mine": _count("dazhou_feedback_list", role="reporter"),
        "feedback_waiting": (_count("dazhou_feedback_list", role="owner", state="submitted")
                             if answering else None),
        "open_mine": _count("dazhou_open_application_list", role="applicant"),
        "open_waiting": (_count("dazhou_open_application_list", role="owner", state="submitted")
                         if answering else None),
        "violations": _count("dazhou_violation_list") if viewer.is_staff else None,
        "conflicts_open": (_count("dazhou_harvest_conflict_list", state="open")
                           if viewer.is_staff else None),
    }
    return tk.render("dazhou/work.html", {"counts": counts, "viewer": viewer})
