"""What the workflows share: the actor, the event log, paging."""
from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import _

from ckanext.dazhou.model import ApplicationEvent

MAX_ROWS = 100


def actor(context) -> model.User:
    user = context.get("auth_user_obj") or model.User.get(context.get("user") or "")
    if user is None or not getattr(user, "id", None):
        raise tk.NotAuthorized(_("Please log in"))
    return user


def log_event(item_id: str, from_state: str | None, to_state: str, actor_id: str, note: str = ""):
    model.Session.add(ApplicationEvent(application_id=item_id, from_state=from_state,
                                       to_state=to_state, actor_id=actor_id,
                                       at=dt.datetime.utcnow(), note=note))


def paging(data_dict) -> tuple[int, int]:
    rows = min(int(data_dict.get("rows") or 20), MAX_ROWS)
    page = max(int(data_dict.get("page") or 1), 1)
    return (page - 1) * rows, rows


def validate(data_dict, schema, context) -> dict:
    data, errors = tk.navl_validate(data_dict, schema, context)
    if errors:
        raise tk.ValidationError(errors)
    return data
