"""What the workflows share: the actor, the event log, paging."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import _

from ckanext.dazhou.logic import params
from ckanext.dazhou.model import ApplicationEvent

def actor(context) -> model.User:
    user = context.get("auth_user_obj") or model.User.get(context.get("user") or "")
    if user is None or not getattr(user, "id", None):
        raise tk.NotAuthorized(_("Please log in"))
    return user


def log_event(item_id: str, from_state: str | None, to_state: str, actor_id: str, note: str = ""):
    model.Session.add(ApplicationEvent(application_id=item_id, from_state=from_state,
                                       to_state=to_state, actor_id=actor_id,
                                       at=dt.datetime.utcnow(), note=note))


def list_schema(roles: tuple[str, ...], states: tuple[str, ...]) -> dict:
    """A role list's parameters: ``role``, ``state`` and the shared paging."""
    ignore_missing, one_of = tk.get_validator("ignore_missing"), tk.get_validator("one_of")
    return {"role": [ignore_missing, one_of(list(roles))],
            "state": [ignore_missing, one_of(list(states))], **params.paging()}


def role_page(model_class, mine_column, org_column, viewer, data: dict, default_role: str,
              as_dict) -> dict:
    """One page of an item table for a role: mine (default_role), ``owner`` or ``bureau``.

    `data` is validated by list_schema."""
    role = data.get("role", default_role)
    query = sa.select(model_class)
    if role == default_role:
        query = query.where(mine_column == viewer.user_id)
    elif role == "owner":
        query = query.where(org_column.in_(viewer.org_ids if viewer.is_bureau
                                           else viewer.editable_org_ids))
    elif role != "bureau" or not viewer.is_bureau:
        raise tk.NotAuthorized(_("Only the bureau lists everything"))
    if data.get("state"):
        query = query.where(model_class.state == data["state"])
    total = model.Session.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    items = model.Session.scalars(query.order_by(model_class.reply_due, model_class.id)
                                  .offset(params.offset(data)).limit(data["rows"]))
    return {"count": total, "page": data["page"], "rows": data["rows"],
            "results": [as_dict(item) for item in items]}


validate = params.validate
