"""The viewer: which of the measures' roles a CKAN user plays.

A page asks for the viewer many times (auth functions, permission labels, redaction of every
action's answer, templates), so it is computed once per request (request_cache.py) and
forgotten when the request ends or the session commits or rolls back.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.dazhou.access import departments, request_cache


@dataclass(frozen=True)
class Viewer:
    user_id: str | None = None
    org_ids: frozenset[str] = field(default_factory=frozenset)  # member, any capacity
    editable_org_ids: frozenset[str] = field(default_factory=frozenset)  # editor or admin
    is_bureau: bool = False

    @property
    def is_staff(self) -> bool:
        return bool(self.org_ids) or self.is_bureau

    def owns(self, org_id: str | None) -> bool:
        return self.is_bureau or (org_id is not None and org_id in self.org_ids)

    def can_edit(self, org_id: str | None) -> bool:
        return self.is_bureau or (org_id is not None and org_id in self.editable_org_ids)


PUBLIC = Viewer()


def bureau_org_id() -> str | None:
    name = tk.config.get("ckanext.dazhou.bureau_org")
    if not name:
        return None
    return request_cache.remember(("bureau_org_id", name), lambda: _bureau_org_id(name))


def _bureau_org_id(name: str) -> str | None:
    return model.Session.execute(
        sa.select(model.Group.id).where(model.Group.name == name, model.Group.is_organization)
    ).scalar_one_or_none()


def viewer_for(user: model.User | None) -> Viewer:
    """The roles of a user, from one query over their organization memberships."""
    # anonymous visitors arrive as None or as an AnonymousUser without an id
    if user is None or not getattr(user, "id", None) or getattr(user, "state", None) != "active":
        return PUBLIC
    return request_cache.remember(("viewer", user.id, bool(user.sysadmin)),
                                  lambda: _viewer_of(user))


def _viewer_of(user: model.User) -> Viewer:
    rows = model.Session.execute(
        sa.select(model.Member.group_id, model.Member.capacity, model.Group.extras)
        .join(model.Group, model.Group.id == model.Member.group_id)
        .where(model.Member.table_name == "user", model.Member.table_id == user.id,
               model.Member.state == "active", model.Group.state == "active",
               model.Group.is_organization)
    ).all()
    member_of = {r.group_id for r in rows}
    bureau = bureau_org_id()
    # only real departments (valid department code) make department staff: an organization
    # slipped in by anyone else gives no rights
    org_ids = frozenset(r.group_id for r in rows if departments.has_valid_code(r.extras))
    editable = frozenset(r.group_id for r in rows
                         if r.capacity in ("editor", "admin") and r.group_id in org_ids)
    return Viewer(user.id, org_ids, editable, user.sysadmin or (bureau in member_of))


def viewer_from_context(context: dict) -> Viewer:
    if context.get("ignore_auth"):
        return Viewer(is_bureau=True)
    user = context.get("auth_user_obj")
    if user is None and context.get("user"):
        user = user_by_name(context["user"])
    return viewer_for(user)


def user_by_name(name: str) -> model.User | None:
    """model.User.get once per request (it queries again for every call by name)."""
    return request_cache.remember(("user", name), lambda: model.User.get(name))


