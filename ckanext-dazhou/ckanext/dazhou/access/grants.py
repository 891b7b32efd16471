"""Creating and revoking access grants (the only writer of dazhou_access_grant)."""
from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa

from ckan import model

from ckanext.dazhou.model import AccessGrant


def create(kind: str, package_id: str, grantee_type: str, grantee_id: str, granted_by: str,
           application_id: str | None = None, expires_at: dt.datetime | None = None) -> AccessGrant:
    grant = AccessGrant(
        id=str(uuid.uuid4()), kind=kind, package_id=package_id, grantee_type=grantee_type,
        grantee_id=grantee_id, application_id=application_id, granted_by=granted_by,
        granted_at=dt.datetime.utcnow(), expires_at=expires_at)
    model.Session.add(grant)
    return grant


def revoke(grant: AccessGrant, revoked_by: str, reason: str) -> None:
    grant.revoked_at = dt.datetime.utcnow()
    grant.revoked_by = revoked_by
    grant.revoke_reason = reason


def get(grant_id: str) -> AccessGrant | None:
    return model.Session.get(AccessGrant, grant_id)


def for_package(package_id: str) -> list[AccessGrant]:
    return list(model.Session.scalars(
        sa.select(AccessGrant).where(AccessGrant.package_id == package_id)
        .order_by(AccessGrant.granted_at.desc())))


def as_dict(grant: AccessGrant, now: dt.datetime | None = None) -> dict:
    now = now or dt.datetime.utcnow()
    active = grant.revoked_at is None and (grant.expires_at is None or grant.expires_at > now)
    return {
        "id": grant.id, "kind": grant.kind, "package_id": grant.package_id,
        "grantee_type": grant.grantee_type, "grantee_id": grant.grantee_id,
        "application_id": grant.application_id, "granted_by": grant.granted_by,
        "granted_at": grant.granted_at.isoformat(),
        "expires_at": grant.expires_at.isoformat() if grant.expires_at else None,
        "revoked_at": grant.revoked_at.isoformat() if grant.revoked_at else None,
        "revoked_by": grant.revoked_by, "revoke_reason": grant.revoke_reason, "active": active,
    }
