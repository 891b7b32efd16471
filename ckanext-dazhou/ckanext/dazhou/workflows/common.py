"""What the workflows share: the actor, the event log, paging."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

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


def role_page(model_class, mine_column, org_column, viewer, data_dict, default_role: str,
              as_dict) -> dict:
    """One page of an item table for a role: mine (default_role), ``owner`` or ``bureau``."""
    role = data_dict.get("role", default_role)
    query = sa.select(model_class)
    if role == default_role:
        query = query.where(mine_column == viewer.user_id)
    elif role == "owner":
        query = query.where(org_column.in_(viewer.org_ids if viewer.is_bureau
                                           else viewer.editable_org_ids))
    elif role != "bureau" or not viewer.is_bureau:
        raise tk.NotAuthorized(_("Only the bureau lists everything"))
    if data_dict.get("state"):
        query = query.where(model_class.state == data_dict["state"])
    offset, rows = paging(data_dict)
    total = model.Session.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    items = model.Session.scalars(query.order_by(model_class.reply_due).offset(offset).limit(rows))
    return {"count": total, "results": [as_dict(item) for item in items]}


def paging(data_dict) -> tuple[int, int]:
    rows = min(int(data_dict.get("rows") or 20), MAX_ROWS)
    page = max(int(data_dict.get("page") or 1), 1)
    return (page - 1) * rows, rows


def validate(data_dict, schema, context) -> dict:
    data, errors = tk.navl_validate(data_dict, schema, context)
    if errors:
        raise tk.ValidationError(errors)
    return data
