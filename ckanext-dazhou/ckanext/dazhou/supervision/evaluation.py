"""The evaluation report of opening and sharing (Art. 28), for one department or the city.

Set-based SQL over the catalog and the workflow tables for a period [start, end].
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from ckan import model

from ckanext.dazhou import dates

from dazhou_vocab import loader

_OPEN = """
SELECT count(DISTINCT p.id) AS open_datasets,
       count(r.id) AS open_resources,
       count(r.id) FILTER (WHERE lower(r.format) = ANY(:machine_readable)) AS machine_readable
FROM package p LEFT JOIN resource r ON r.package_id = p.id AND r.state = 'active'
WHERE p.state = 'active' AND p.type = 'dataset' AND p.metadata_created < :end_next
  AND p.extras->>'open_type' IN ('open', 'conditional') {org}
"""

# Rates count only items that are due (deadline passed, as of `today`) or done: an item still
# within its deadline is neither on time nor late yet. Days are Shanghai days.
_LOCAL = "(({col}) AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date"

_UPDATES = """
WITH changes AS (
  SELECT d.shared_due, p.owner_org AS org_id,
         (SELECT min(greatest(coalesce(r.last_modified, r.created), r.metadata_modified))
            FROM resource r WHERE r.package_id = d.package_id
             AND greatest(coalesce(r.last_modified, r.created), r.metadata_modified) > d.recorded_at
         ) AS updated_at
  FROM dazhou_data_change d JOIN package p ON p.id = d.package_id
  WHERE d.changed_on BETWEEN :start AND :end {org}
)
SELECT org_id, 'update' AS kind, count(*) AS total,
       count(*) FILTER (WHERE updated_at IS NOT NULL OR shared_due < :today) AS counted,
       count(*) FILTER (WHERE updated_at IS NOT NULL AND """ + _LOCAL.format(col="updated_at") + """ <= shared_due) AS on_time,
       NULL::float AS median_working_days
FROM changes GROUP BY org_id
"""

# replies: share and open applications and feedback submitted in the period
_REPLIES = """
WITH items AS (
  SELECT 'application' AS kind, owner_org_id AS org_id, submitted_at, decided_at AS answered_at, reply_due
    FROM dazhou_share_application
  UNION ALL
  SELECT 'application', owner_org_id, submitted_at, decided_at, reply_due FROM dazhou_open_application
  UNION ALL
  SELECT 'feedback', owner_org_id, submitted_at, replied_at, reply_due FROM dazhou_feedback
)
SELECT i.org_id, i.kind,
       count(*) AS total,
       count(*) FILTER (WHERE i.answered_at IS NOT NULL OR i.reply_due < :today) AS counted,
       count(*) FILTER (WHERE i.answered_at IS NOT NULL
                          AND """ + _LOCAL.format(col="i.answered_at") + """ <= i.reply_due) AS on_time,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ca.workday_index - cs.workday_index)
         FILTER (WHERE i.answered_at IS NOT NULL) AS median_working_days
FROM items i
JOIN dazhou_calendar_day cs ON cs.day = """ + _LOCAL.format(col="i.submitted_at") + """
LEFT JOIN dazhou_calendar_day ca ON ca.day = """ + _LOCAL.format(col="i.answered_at") + """
WHERE """ + _LOCAL.format(col="i.submitted_at") + """ BETWEEN :start AND :end {org}
GROUP BY i.org_id, i.kind
"""

# the median over the whole scope (a median of medians would be wrong)
_MEDIAN = """
SELECT i.kind, percentile_cont(0.5) WITHIN GROUP (ORDER BY ca.workday_index - cs.workday_index)
         AS median_working_days
FROM (SELECT 'application' AS kind, owner_org_id AS org_id, submitted_at, decided_at AS answered_at
        FROM dazhou_share_application
      UNION ALL SELECT 'application', owner_org_id, submitted_at, decided_at FROM dazhou_open_application
      UNION ALL SELECT 'feedback', owner_org_id, submitted_at, replied_at FROM dazhou_feedback) i
JOIN dazhou_calendar_day cs ON cs.day = """ + _LOCAL.format(col="i.submitted_at") + """
JOIN dazhou_calendar_day ca ON ca.day = """ + _LOCAL.format(col="i.answered_at") + """
WHERE """ + _LOCAL.format(col="i.submitted_at") + """ BETWEEN :start AND :end {org}
GROUP BY i.kind
"""

_ORG_TITLES = "SELECT id, title FROM \"group\" WHERE id = ANY(:ids)"

KINDS = ("application", "feedback", "update")


def _machine_readable_formats() -> list[str]:
    return [c.key for c in loader.scheme("format").concepts if c.properties.get("machineReadable")]


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _sums(rows) -> dict[str, dict[str, int]]:
    """kind -> total, counted, on_time (and late, pending) summed over departments."""
    sums = {kind: {"total": 0, "counted": 0, "on_time": 0} for kind in KINDS}
    for row in rows:
        for key in ("total", "counted", "on_time"):
            sums[row["kind"]][key] += row[key]
    for figures in sums.values():
        figures["late"] = figures["counted"] - figures["on_time"]
        figures["not_yet_due"] = figures["total"] - figures["counted"]
    return sums


def ranking(rows, titles: dict[str, str]) -> list[dict[str, Any]]:
    """Departments by their on-time rate over every due or answered item (best first;
    departments with nothing due last), with each kind's numerator and denominator."""
    by_org: dict[str, list] = {}
    for row in rows:
        by_org.setdefault(row["org_id"], []).append(row)
    ranked = []
    for org_id, org_rows in by_org.items():
        sums = _sums(org_rows)
        counted = sum(f["counted"] for f in sums.values())
        on_time = sum(f["on_time"] for f in sums.values())
        ranked.append({
            "organization_id": org_id, "organization_title": titles.get(org_id, org_id),
            "counted": counted, "on_time": on_time, "on_time_rate": _ratio(on_time, counted),
            **{f"{kind}_{key}": sums[kind][key] for kind in KINDS
               for key in ("counted", "on_time")},
            **{f"{kind}_on_time_rate": _ratio(sums[kind]["on_time"], sums[kind]["counted"])
               for kind in KINDS}})
    ranked.sort(key=lambda r: (r["on_time_rate"] is None, -(r["on_time_rate"] or 0),
                               -r["counted"], r["organization_title"]))
    for place, row in enumerate(ranked, 1):
        row["place"] = place if row["on_time_rate"] is not None else None
    return ranked


def report(start: dt.date, end: dt.date, org_id: str | None = None,
           today: dt.date | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"start": start, "end": end, "end_next": end + dt.timedelta(days=1),
                              "machine_readable": _machine_readable_formats(),
                              "today": today or dates.today()}
    if org_id:
        params["org_id"] = org_id

    def run(sql: str, column: str):
        org = f"AND {column} = :org_id" if org_id else ""
        return model.Session.execute(sa.text(sql.format(org=org)), params).mappings().all()

    opened = run(_OPEN, "p.owner_org")[0]
    rows = list(run(_UPDATES, "p.owner_org")) + list(run(_REPLIES, "i.org_id"))
    medians = {r["kind"]: r["median_working_days"] for r in run(_MEDIAN, "i.org_id")}
    sums = _sums(rows)
    ids = list({r["org_id"] for r in rows})
    titles = dict(model.Session.execute(sa.text(_ORG_TITLES), {"ids": ids}).all()) if ids else {}
    applications, feedback, updates = sums["application"], sums["feedback"], sums["update"]
    return {
        "start": start.isoformat(), "end": end.isoformat(), "organization_id": org_id,
        "open_datasets": opened["open_datasets"],
        "open_resources": opened["open_resources"],
        "machine_readable_share": _ratio(opened["machine_readable"], opened["open_resources"]),
        "data_changes": updates["total"],
        "on_time_update_rate": _ratio(updates["on_time"], updates["counted"]),
        "applications": applications["total"],
        "application_median_reply_working_days": medians.get("application"),
        "application_on_time_rate": _ratio(applications["on_time"], applications["counted"]),
        "feedback": feedback["total"],
        "feedback_median_reply_working_days": medians.get("feedback"),
        "feedback_on_time_rate": _ratio(feedback["on_time"], feedback["counted"]),
        # the denominators: what each rate counts, and what it leaves out as not yet due
        "denominators": {kind: sums[kind] for kind in KINDS},
        "ranking": ranking(rows, titles),
        **_use_figures(start, end, org_id),  # downloads, api_calls, most_used_open
    }


def _use_figures(start: dt.date, end: dt.date, org_id: str | None) -> dict[str, Any]:
    """Downloads and API calls of the period (issue 15; usage/report.py)."""
    from ckanext.dazhou.usage import report as usage_report
    return usage_report.figures(start, end, org_id)
