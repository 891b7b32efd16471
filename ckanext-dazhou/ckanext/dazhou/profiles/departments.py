"""Departments (organizations) as DCAT publishers: one query for all, briefly cached.

Profiles are instantiated per dataset, so without the cache a 10,000-dataset export would
ask the database 10,000 times for the same few dozen departments.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import sqlalchemy as sa
from ckan import model

CACHE_SECONDS = 30.0


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    title: str
    code: str
    email: str = ""  # organization extras contact_email / contact_phone, when the bureau set them
    phone: str = ""


_cache: dict[str, object] = {"at": 0.0, "by_id": {}, "by_code": {}}


def _load() -> None:
    rows = model.Session.execute(
        sa.select(model.Group.id, model.Group.name, model.Group.title, model.Group.extras)
        .where(model.Group.is_organization, model.Group.state == "active")
    ).all()
    departments = [
        Department(r.id, r.name, r.title or r.name,
                   str((r.extras or {}).get("department_code") or "").strip().upper(),
                   str((r.extras or {}).get("contact_email") or "").strip(),
                   str((r.extras or {}).get("contact_phone") or "").strip())
        for r in rows
    ]
    _cache.update(at=time.monotonic(), by_id={d.id: d for d in departments},
                  by_code={d.code: d for d in departments if d.code})


def _fresh() -> dict[str, object]:
    if time.monotonic() - float(_cache["at"]) > CACHE_SECONDS:
        _load()
    return _cache


def forget() -> None:
    """Drop the cache (tests that create departments, the harvester before a run)."""
    _cache["at"] = 0.0


def by_id(org_id: str | None) -> Department | None:
    if not org_id:
        return None
    found = _fresh()["by_id"].get(org_id)  # type: ignore[union-attr]
    if found is None:
        forget()
        found = _fresh()["by_id"].get(org_id)  # type: ignore[union-attr]
    return found


def by_code(code: str | None) -> Department | None:
    if not code:
        return None
    return _fresh()["by_code"].get(code.strip().upper())  # type: ignore[union-attr]


def by_name(name: str | None) -> Department | None:
    if not name:
        return None
    return next((d for d in _fresh()["by_id"].values() if d.name == name), None)  # type: ignore[union-attr]
