"""The bureau's list of departments: code, name, dataset counts by open and share type, members.

Three set-based queries per page (the page's organizations, their dataset counts with one
FILTER column per vocabulary key, their member counts), whatever the number of departments.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from ckan import model

from ckanext.dazhou.access.departments import CODE_KEY
from dazhou_vocab import loader

SCHEMES = ("open_type", "share_type")


@dataclass
class DepartmentRow:
    id: str
    name: str
    title: str
    code: str
    datasets: int = 0
    by_type: dict[str, dict[str, int]] = field(default_factory=dict)  # scheme -> key -> count
    members: int = 0


def _organizations():
    return sa.select(model.Group).where(model.Group.is_organization, model.Group.state == "active")


def count() -> int:
    return model.Session.execute(
        sa.select(sa.func.count()).select_from(_organizations().subquery())).scalar_one()


def _keys(scheme: str) -> list[str]:
    return [c.key for c in loader.scheme(scheme).concepts]


def _dataset_counts(org_ids: list[str]) -> dict[str, dict[str, int]]:
    pkg = model.Package
    columns = [sa.func.count().label("total")]
    for scheme in SCHEMES:
        for key in _keys(scheme):
            columns.append(sa.func.count().filter(pkg.extras[scheme].astext == key)
                           .label(f"{scheme}:{key}"))
    query = (sa.select(pkg.owner_org, *columns)
             .where(pkg.owner_org.in_(org_ids), pkg.state == "active", pkg.type == "dataset")
             .group_by(pkg.owner_org))
    return {row.owner_org: dict(row._mapping) for row in model.Session.execute(query)}


def _member_counts(org_ids: list[str]) -> dict[str, int]:
    query = (sa.select(model.Member.group_id, sa.func.count())
             .join(model.User, model.User.id == model.Member.table_id)
             .where(model.Member.group_id.in_(org_ids), model.Member.table_name == "user",
                    model.Member.state == "active", model.User.state == "active")
             .group_by(model.Member.group_id))
    return dict(model.Session.execute(query).all())


def page(offset: int, limit: int) -> list[DepartmentRow]:
    """Departments ordered by code (organizations without one last), then title."""
    code = model.Group.extras[CODE_KEY].astext
    groups = model.Session.execute(
        _organizations().order_by(code.asc().nulls_last(), model.Group.title, model.Group.name)
        .offset(offset).limit(limit)).scalars().all()
    ids = [g.id for g in groups]
    datasets = _dataset_counts(ids) if ids else {}
    members = _member_counts(ids) if ids else {}
    rows = []
    for group in groups:
        counts: dict[str, Any] = datasets.get(group.id, {})
        rows.append(DepartmentRow(
            id=group.id, name=group.name, title=group.title or group.name,
            code=(group.extras or {}).get(CODE_KEY) or "",
            datasets=counts.get("total", 0),
            by_type={s: {k: counts.get(f"{s}:{k}", 0) for k in _keys(s)} for s in SCHEMES},
            members=members.get(group.id, 0)))
    return rows
