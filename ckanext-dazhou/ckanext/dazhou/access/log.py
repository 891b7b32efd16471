"""The access log of resources of conditional or not-shared datasets (Art. 5, 21).

Who used or was refused a resource is what the log is for: a signed-in user's every access is
one row. Anonymous callers are nobody in particular, and each request of theirs would be one
more row (a loop could fill the table): their attempts on one resource through one door with
one outcome are one row per day (Asia/Shanghai), counting its `hits`.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.dazhou import deadlines
from ckanext.dazhou.model import AccessGrant, AccessLogEntry

_table = AccessLogEntry.__table__


def needs_logging(dataset: dict[str, Any]) -> bool:
    return (dataset.get("share_type") in ("conditional", "none")
            or dataset.get("open_type") in ("conditional", "closed"))


def _door() -> str:
    try:
        path = tk.request.path
    except (RuntimeError, AttributeError):  # outside a request: CLI, jobs, tests
        return "action"
    if path.endswith("/download") or "/download/" in path:
        return "download"
    return "api" if path.startswith("/api/") else "page"


def covering_grant(user_id: str, package_id: str) -> str | None:
    """The newest active grant letting this user use the dataset: an open grant to the user
    or a share grant to one of their departments (None: owner, bureau, unconditional data)."""
    now = dt.datetime.utcnow()
    departments = sa.select(model.Member.group_id).where(
        model.Member.table_name == "user", model.Member.table_id == user_id,
        model.Member.state == "active")
    return model.Session.execute(
        sa.select(AccessGrant.id).where(
            AccessGrant.package_id == package_id, AccessGrant.revoked_at.is_(None),
            sa.or_(AccessGrant.expires_at.is_(None), AccessGrant.expires_at > now),
            sa.or_(sa.and_(AccessGrant.grantee_type == "user", AccessGrant.grantee_id == user_id),
                   sa.and_(AccessGrant.grantee_type == "organization",
                           AccessGrant.grantee_id.in_(departments))))
        .order_by(AccessGrant.granted_at.desc()).limit(1)).scalar()


def record(user_id: str | None, dataset: dict[str, Any], resource_id: str, allowed: bool,
           door: str | None = None) -> None:
    """Write one entry (anonymous: count one more hit) in its own commit: read-only actions
    commit nothing else. door: where it happened (default: from the request path)."""
    now = dt.datetime.utcnow()
    row = {"at": now, "day": deadlines.today(), "user_id": user_id, "package_id": dataset["id"],
           "resource_id": resource_id, "allowed": allowed, "door": door or _door(), "hits": 1,
           "grant_id": covering_grant(user_id, dataset["id"]) if allowed and user_id else None}
    statement = insert(_table).values(**row)
    if user_id is None:
        statement = statement.on_conflict_do_update(
            index_elements=["day", "resource_id", "door", "allowed"],
            index_where=_table.c.user_id.is_(None),
            set_={"hits": _table.c.hits + 1, "at": now})
    model.Session.execute(statement)
    model.Session.commit()
