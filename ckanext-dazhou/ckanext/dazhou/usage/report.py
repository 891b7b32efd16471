"""Use figures of the evaluation report (Art. 28 社会评价, utilisation).

Totals of the period for the department (or the city), and the most used open datasets by
name: the report lists no count of a dataset the public may not use (those are only on the
dataset's own, access-checked page).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from ckan import model

_TOTALS = """
SELECT coalesce(sum(u.downloads), 0) AS downloads, coalesce(sum(u.api_calls), 0) AS api_calls
FROM dazhou_usage_count u JOIN package p ON p.id = u.package_id
WHERE u.day BETWEEN :start AND :end AND p.state = 'active' {org}
"""
_TOP = """
SELECT p.id, p.name, p.title, sum(u.downloads) AS downloads, sum(u.api_calls) AS api_calls
FROM dazhou_usage_count u JOIN package p ON p.id = u.package_id
WHERE u.day BETWEEN :start AND :end AND p.state = 'active' AND NOT p.private
  AND p.extras->>'open_type' = 'open' {org}
GROUP BY p.id, p.name, p.title
ORDER BY sum(u.downloads) + sum(u.api_calls) DESC, p.name LIMIT :limit
"""


def figures(start: dt.date, end: dt.date, org_id: str | None = None,
            limit: int = 10) -> dict[str, Any]:
    params: dict[str, Any] = {"start": start, "end": end, "limit": limit, "org_id": org_id}
    org = "AND p.owner_org = :org_id" if org_id else ""
    totals = model.Session.execute(sa.text(_TOTALS.format(org=org)), params).mappings().one()
    top = model.Session.execute(sa.text(_TOP.format(org=org)), params).mappings().all()
    return {"downloads": int(totals["downloads"]), "api_calls": int(totals["api_calls"]),
            "most_used_open": [{k: (int(v) if k in ("downloads", "api_calls") else v)
                                for k, v in row.items()} for row in top]}
