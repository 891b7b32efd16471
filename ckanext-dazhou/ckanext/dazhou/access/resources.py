"""Who may use a dataset's resources, decided for a whole page of datasets at once."""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

import sqlalchemy as sa

from ckan import model

from ckanext.dazhou.access.roles import Viewer
from ckanext.dazhou.model import AccessGrant


def active_grant_filter(now: dt.datetime | None = None):
    now = now or dt.datetime.utcnow()
    return sa.and_(AccessGrant.revoked_at.is_(None),
                   sa.or_(AccessGrant.expires_at.is_(None), AccessGrant.expires_at > now))


def active_grants(viewer: Viewer, package_ids: Iterable[str]) -> dict[str, set[str]]:
    """{"open": package ids, "share": package ids} the viewer holds active grants for (one query).

    Open grants belong to a user (Art. 27), share grants to the user's departments (Art. 18).
    """
    found: dict[str, set[str]] = {"open": set(), "share": set()}
    package_ids = list(set(package_ids))
    if not package_ids or not viewer.user_id:
        return found
    grantee = sa.and_(AccessGrant.kind == "open", AccessGrant.grantee_type == "user",
                      AccessGrant.grantee_id == viewer.user_id)
    if viewer.org_ids:
        grantee = sa.or_(grantee, sa.and_(AccessGrant.kind == "share",
                                          AccessGrant.grantee_type == "organization",
                                          AccessGrant.grantee_id.in_(viewer.org_ids)))
    rows = model.Session.execute(
        sa.select(AccessGrant.kind, AccessGrant.package_id).distinct()
        .where(AccessGrant.package_id.in_(package_ids), grantee, active_grant_filter())
    )
    for kind, package_id in rows:
        found[kind].add(package_id)
    return found


def may_use(viewer: Viewer, dataset: dict[str, Any], open_granted: bool = False,
            share_granted: bool = False) -> bool:
    """The rule for one dataset dict (owner_org, share_type, open_type)."""
    if viewer.owns(dataset.get("owner_org")):
        return True
    open_type = dataset.get("open_type")
    share_type = dataset.get("share_type") or "unconditional"
    if open_type == "open" or (open_type == "conditional" and open_granted):
        return True  # what the public may use, staff may use too
    if viewer.is_staff:
        return share_type == "unconditional" or (share_type == "conditional" and share_granted)
    return False


def usable_package_ids(viewer: Viewer, datasets: list[dict[str, Any]]) -> set[str]:
    """Ids of the datasets whose resources the viewer may use."""
    maybe = [d["id"] for d in datasets
             if not viewer.owns(d.get("owner_org")) and d.get("open_type") != "open"]
    grants = active_grants(viewer, maybe)
    return {d["id"] for d in datasets
            if may_use(viewer, d, d["id"] in grants["open"], d["id"] in grants["share"])}
