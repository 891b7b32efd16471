"""Organizations that are not real departments, so an existing site can be cleaned.

A real department has a valid, unique department code and was created by a sysadmin or a
member of the bureau (the creator is the user of its "new organization" activity; unknown
when the activity is gone).
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from ckan import model
from ckan.common import _

from ckanext.dazhou.access import departments
from ckanext.dazhou.access.roles import bureau_org_id


@dataclass(frozen=True)
class Finding:
    name: str
    title: str
    reasons: tuple[str, ...]


def _creators() -> dict[str, str]:
    """Organization id → the id of the user who created it (first creation activity)."""
    try:
        from ckanext.activity.model import Activity
    except ImportError:  # the activity plugin is not installed: creators are unknown
        return {}
    rows = model.Session.execute(
        sa.select(Activity.object_id, Activity.user_id)
        .where(Activity.activity_type == "new organization")
        .order_by(Activity.object_id, Activity.timestamp)
        .distinct(Activity.object_id)).all()
    return {r.object_id: r.user_id for r in rows}


def _bureau_user_ids() -> set[str]:
    bureau = bureau_org_id()
    sysadmins = sa.select(model.User.id).where(model.User.sysadmin, model.User.state == "active")
    members = sa.select(model.Member.table_id).where(
        model.Member.group_id == bureau, model.Member.table_name == "user",
        model.Member.state == "active")
    return set(model.Session.scalars(sysadmins.union(members)))


def not_departments() -> list[Finding]:
    """Every active organization that is not a real department, with the reasons."""
    orgs = model.Session.execute(
        sa.select(model.Group.id, model.Group.name, model.Group.title, model.Group.extras)
        .where(model.Group.is_organization, model.Group.state == "active")
        .order_by(model.Group.name)).all()
    creators, bureau_users = _creators(), _bureau_user_ids()
    holders: dict[str, list[str]] = {}
    for org in orgs:
        code = ((org.extras or {}).get(departments.CODE_KEY) or "").strip().upper()
        if code:
            holders.setdefault(code, []).append(org.name)
    names = {u.id: u.name for u in model.Session.execute(
        sa.select(model.User.id, model.User.name).where(model.User.id.in_(set(creators.values()))))}

    findings = []
    for org in orgs:
        reasons = []
        code = ((org.extras or {}).get(departments.CODE_KEY) or "").strip().upper()
        if not code:
            reasons.append(_("no department code"))
        elif not departments.is_valid_code(code):
            reasons.append(_("invalid department code %(code)s") % {"code": code})
        elif len(holders[code]) > 1:
            reasons.append(_("department code %(code)s shared with %(others)s") % {
                "code": code, "others": ", ".join(n for n in holders[code] if n != org.name)})
        creator = creators.get(org.id)
        if creator and creator not in bureau_users:
            reasons.append(_("created by %(user)s, who is not of the bureau")
                           % {"user": names.get(creator, creator)})
        if reasons:
            findings.append(Finding(org.name, org.title or org.name, tuple(reasons)))
    return findings
