"""The viewer: which of the measures' roles a CKAN user plays."""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.dazhou.access import departments


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
    return model.Session.execute(
        sa.select(model.Group.id).where(model.Group.name == name, model.Group.is_organization)
    ).scalar_one_or_none()


def viewer_for(user: model.User | None) -> Viewer:
    """The roles of a user, from one query over their organization memberships."""
    # anonymous visitors arrive as None or as an AnonymousUser without an id
    if user is None or not getattr(user, "id", None) or getattr(user, "state", None) != "active":
        return PUBLIC
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
        user = model.User.get(context["user"])
    return viewer_for(user)


