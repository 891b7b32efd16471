"""Violations of the measures' deadlines (Art. 13, 18, 20, 22, 27, 31), one SQL statement.

Every row names the department, the item, the deadline and how late it is. Working-day
lateness comes from dazhou_calendar_day (index(today) - index(deadline)); staleness against
the update cycle is in calendar days (cycles are calendar periods). Each dataset's last update,
cycle, share and open types come from dazhou_dataset_summary, which triggers keep (migration
0017), so the page reads no whole table at 10^5 datasets.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

import sqlalchemy as sa

from ckan import model

from dazhou_vocab import loader

KINDS = {
    # kind: (article, unit)
    "share_reply_overdue": ("18", "working_days"),
    "feedback_reply_overdue": ("22", "working_days"),
    "open_reply_overdue": ("27", "working_days"),
    "shared_data_not_updated": ("20", "working_days"),
    "catalog_not_updated": ("13", "working_days"),
    "stale_dataset": ("12", "days"),
}

_CTE = """
WITH now_idx AS (SELECT workday_index AS idx FROM dazhou_calendar_day WHERE day = :today),
cycle(key, days) AS (VALUES {cycles}),
v AS (
  SELECT 'share_reply_overdue' AS kind, a.owner_org_id AS org_id, a.package_id, a.id AS item_id,
         a.reply_due AS deadline, (SELECT idx FROM now_idx) - c.workday_index AS late
  FROM dazhou_share_application a JOIN dazhou_calendar_day c ON c.day = a.reply_due
  WHERE a.state = 'submitted' AND a.reply_due < :today
  UNION ALL
  SELECT 'feedback_reply_overdue', f.owner_org_id, f.package_id, f.id, f.reply_due,
         (SELECT idx FROM now_idx) - c.workday_index
  FROM dazhou_feedback f JOIN dazhou_calendar_day c ON c.day = f.reply_due
  WHERE f.state = 'submitted' AND f.reply_due < :today
  UNION ALL
  SELECT 'open_reply_overdue', o.owner_org_id, o.package_id, o.id, o.reply_due,
         (SELECT idx FROM now_idx) - c.workday_index
  FROM dazhou_open_application o JOIN dazhou_calendar_day c ON c.day = o.reply_due
  WHERE o.state = 'submitted' AND o.reply_due < :today
  UNION ALL
  SELECT 'shared_data_not_updated', p.owner_org, d.package_id, d.id, d.shared_due,
         (SELECT idx FROM now_idx) - c.workday_index
  FROM dazhou_data_change d JOIN package p ON p.id = d.package_id
  JOIN dazhou_calendar_day c ON c.day = d.shared_due
  WHERE d.shared_due < :today AND p.state = 'active'
    AND coalesce(p.extras->>'share_type', 'unconditional') IN ('unconditional', 'conditional')
    AND NOT EXISTS (SELECT 1 FROM resource r WHERE r.package_id = d.package_id
                    AND r.state = 'active'
                    AND greatest(coalesce(r.last_modified, r.created), r.metadata_modified) > d.recorded_at)
  UNION ALL
  SELECT 'catalog_not_updated', p.owner_org, d.package_id, d.id, d.catalog_due,
         (SELECT idx FROM now_idx) - c.workday_index
  FROM dazhou_data_change d JOIN package p ON p.id = d.package_id
  JOIN dazhou_calendar_day c ON c.day = d.catalog_due
  WHERE d.catalog_due < :today AND p.state = 'active' AND p.metadata_modified <= d.recorded_at
  UNION ALL
  SELECT 'stale_dataset', s.owner_org, s.package_id, s.package_id,
         (s.last_update + make_interval(days => cy.days))::date,
         :today - (s.last_update + make_interval(days => cy.days))::date
  FROM cycle cy JOIN dazhou_dataset_summary s
    ON s.update_cycle = cy.key AND s.last_update < :today - cy.days  -- by index, per cycle
)
"""

# The violations are found once: the counts and the page both read the materialized set.
_COUNTS_AND_PAGE = """,
found AS MATERIALIZED (SELECT * FROM v WHERE {where}),
page AS (
  SELECT f.kind, f.org_id, g.name AS org_name, g.title AS org_title, f.package_id,
         p.name AS package_name, p.title AS package_title, f.item_id, f.deadline, f.late
  FROM found f JOIN "group" g ON g.id = f.org_id LEFT JOIN package p ON p.id = f.package_id
  ORDER BY f.late DESC, f.deadline, f.item_id
  LIMIT :limit OFFSET :offset
)
SELECT (SELECT coalesce(json_object_agg(kind, n), '{{}}')
        FROM (SELECT kind, count(*) AS n FROM found GROUP BY kind) c) AS counts,
       (SELECT coalesce(json_agg(page ORDER BY page.late DESC, page.deadline, page.item_id), '[]')
        FROM page) AS rows
"""


def _cycles_sql() -> str:
    """The update cycles with a period, as SQL VALUES, from the vocabulary (not typed here)."""
    rows = [(c.key, int(c.properties["periodDays"]))
            for c in loader.scheme("update_cycle").concepts if "periodDays" in c.properties]
    return ", ".join(f"('{key}', {days})" for key, days in rows)


def _where(org_ids: Iterable[str] | None, kind: str | None) -> tuple[str, dict[str, Any]]:
    clauses, params = ["v.late >= 0"], {}
    if org_ids is not None:
        clauses.append("v.org_id = ANY(:org_ids)")
        params["org_ids"] = list(org_ids)
    if kind:
        clauses.append("v.kind = :kind")
        params["kind"] = kind
    return " AND ".join(clauses), params


def find(today: dt.date, org_ids: Iterable[str] | None = None, kind: str | None = None,
         offset: int = 0, limit: int = 50) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """({kind: count}, rows of the page) of violations on `today`; org_ids None = city-wide."""
    where, params = _where(org_ids, kind)
    cte = _CTE.format(cycles=_cycles_sql())
    params.update(today=today, limit=limit, offset=offset)
    counts, rows = model.Session.execute(
        sa.text(cte + _COUNTS_AND_PAGE.format(where=where)), params).one()
    return counts, [_row(r) for r in rows]


def _row(r) -> dict[str, Any]:
    article, unit = KINDS[r["kind"]]
    return {**r, "days_overdue": r["late"],  # deadline: ISO date, as JSON gives it
            "unit": unit, "article": article}


def ratios(org_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Per department: datasets, and the share of shared (Art. 3) and open datasets."""
    query = """
    SELECT g.id AS org_id, g.name AS org_name, g.title AS org_title, count(s.package_id) AS datasets,
           count(*) FILTER (WHERE s.share_type <> 'none') AS shared,
           count(*) FILTER (WHERE s.open_type IN ('open', 'conditional')) AS opened
    FROM "group" g LEFT JOIN dazhou_dataset_summary s ON s.owner_org = g.id
    WHERE g.is_organization AND g.state = 'active' {org_filter}
    GROUP BY g.id, g.name, g.title ORDER BY g.title
    """
    params: dict[str, Any] = {}
    org_filter = ""
    if org_ids is not None:
        org_filter, params["org_ids"] = "AND g.id = ANY(:org_ids)", list(org_ids)
    rows = model.Session.execute(sa.text(query.format(org_filter=org_filter)), params).mappings()
    return [{**dict(r),
             "share_ratio": round(r["shared"] / r["datasets"], 4) if r["datasets"] else None,
             "open_ratio": round(r["opened"] / r["datasets"], 4) if r["datasets"] else None}
            for r in rows]
