"""A digest of what decides a signed-in user's view of the catalog (the spreadsheet cache key).

Everything the permission labels and resource rules read about the viewer: account state,
sysadmin, bureau, department memberships, and the grants active now (revoked or expired ones
drop out, so the digest changes the moment they stop counting). Datasets' own changes are
covered by the freshness rule of `background.py`.
"""
from __future__ import annotations

import hashlib

import sqlalchemy as sa

from ckan import model

from ckanext.dazhou.access.resources import active_grant_filter
from ckanext.dazhou.access.roles import viewer_for
from ckanext.dazhou.model import AccessGrant


def _grant_ids(user_id: str, org_ids: frozenset[str]) -> list[str]:
    grantee = sa.and_(AccessGrant.kind == "open", AccessGrant.grantee_type == "user",
                      AccessGrant.grantee_id == user_id)
    if org_ids:
        grantee = sa.or_(grantee, sa.and_(AccessGrant.kind == "share",
                                          AccessGrant.grantee_type == "organization",
                                          AccessGrant.grantee_id.in_(org_ids)))
    return list(model.Session.execute(
        sa.select(AccessGrant.id).where(grantee, active_grant_filter()).order_by(AccessGrant.id)
    ).scalars())


def digest(user_name: str | None) -> str:
    user = model.User.get(user_name) if user_name else None
    viewer = viewer_for(user)
    if not viewer.user_id:
        return "none"
    parts = ["bureau" if viewer.is_bureau else "",
             "sysadmin" if user.sysadmin else "",
             *sorted(f"org:{org_id}" for org_id in viewer.org_ids),
             *(f"grant:{grant_id}" for grant_id in _grant_ids(viewer.user_id, viewer.org_ids))]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]
