"""Every change to the app's tables is recorded: who, what, when, before and after.

A session hook, so no view can forget it: after each flush, new, changed and deleted rows of
audited models are written to audit_entry in the same transaction (a change and its record
commit or roll back together). Views may name the change (e.g. a transition) with `label()`.
"""
from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from ckanext.dazhou.dates import utc_now
import sqlalchemy as sa
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from flask_admin_app.models import AuditEntry

_LABEL_KEY = "audit_label"


def label(session: Session, action: str) -> None:
    """Name the next flush's changes (instead of create/update/delete)."""
    session.info[_LABEL_KEY] = action


def current_actor() -> str:
    try:
        from flask import has_request_context, session as flask_session
    except ImportError:  # pragma: no cover
        return "system"
    if has_request_context():
        return (flask_session.get("user") or {}).get("name") or "anonymous"
    return "system"


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _columns(obj: Any) -> dict[str, Any]:
    return {attr.key: _plain(getattr(obj, attr.key)) for attr in inspect(obj).mapper.column_attrs}


def _before(obj: Any) -> dict[str, Any]:
    """Column values as they were before this flush."""
    state = inspect(obj)
    values = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.deleted:
            values[attr.key] = _plain(history.deleted[0])
        else:
            values[attr.key] = _plain(getattr(obj, attr.key))
    return values


def _row_id(obj: Any) -> str:
    # The mapper, not the identity key: new rows get their key only after this hook.
    return ",".join(str(v) for v in inspect(obj).mapper.primary_key_from_instance(obj))


def _after_flush(session: Session, _context: Any) -> None:
    label_ = session.info.pop(_LABEL_KEY, None)
    actor = current_actor()
    rows = []
    for action, objects in (("create", session.new), ("update", session.dirty),
                            ("delete", session.deleted)):
        for obj in objects:
            if isinstance(obj, AuditEntry) or not hasattr(obj, "__table__"):
                continue
            if action == "update" and not session.is_modified(obj, include_collections=False):
                continue
            before = None if action == "create" else _before(obj)
            after = None if action == "delete" else _columns(obj)
            if action == "update":
                changed = {k for k in after if before.get(k) != after.get(k)}
                if not changed:
                    continue
            rows.append(dict(at=utc_now(), actor=actor, action=label_ or action,
                             table_name=obj.__tablename__, row_id=_row_id(obj),
                             before=before, after=after))
    if rows:
        session.connection().execute(sa.insert(AuditEntry), rows)


def install(session_factory: Any) -> None:
    event.listen(session_factory, "after_flush", _after_flush)
