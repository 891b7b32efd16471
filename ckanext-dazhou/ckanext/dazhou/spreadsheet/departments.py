"""The departments (CKAN organizations) as the spreadsheet names them: title and code."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from ckan import model


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    title: str
    code: str  # the department_code extra ('' when missing)


class Departments:
    """Every active organization, loaded with one query."""

    def __init__(self) -> None:
        rows = model.Session.execute(
            sa.select(model.Group.id, model.Group.name, model.Group.title, model.Group.extras)
            .where(model.Group.is_organization, model.Group.state == "active")
        ).all()
        self.all = [Department(r.id, r.name, r.title or r.name,
                               ((r.extras or {}).get("department_code") or "").strip().upper())
                    for r in rows]
        self._by_id = {d.id: d for d in self.all}

    def get(self, org_id: str | None) -> Department | None:
        return self._by_id.get(org_id or "")

    def find(self, title_or_name: str) -> list[Department]:
        wanted = title_or_name.strip()
        return [d for d in self.all if wanted in (d.title, d.name)]

    def by_code(self, code: str) -> list[Department]:
        wanted = code.strip().upper()
        return [d for d in self.all if d.code and d.code == wanted]
