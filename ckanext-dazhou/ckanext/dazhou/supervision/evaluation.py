"""The evaluation report of opening and sharing (Art. 28), for one department or the city.

Set-based SQL over the catalog and the workflow tables for a period [start, end].
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from ckan import model

from dazhou_vocab import loader

_OPEN = """
SELECT count(DISTINCT p.id) AS open_datasets,
       count(r.id) AS open_resources,
       count(r.id) FILTER (WHERE lower(r.format) = ANY(:machine_readable)) AS machine_readable
FROM package p LEFT JOIN resource r ON r.package_id = p.id AND r.state = 'active'
WHERE p.state = 'active' AND p.type = 'dataset' AND p.metadata_created < :end_next
  AND p.extras->>'open_type' IN ('open', 'conditional') {org}
"""

_UPDATES = """
SELECT count(*) AS changes,
       count(*) FILTER (WHERE EXISTS (
         SELECT 1 FROM resource r WHERE r.package_id = d.package_id
           AND greatest(coalesce(r.last_modified, r.created), r.metadata_modified) > d.recorded_at
           AND greatest(coalesce(r.last_modified, r.created), r.metadata_modified)::date <= d.shared_due
       )) AS on_time
FROM dazhou_data_change d JOIN package p ON p.id = d.package_id
WHERE d.changed_on BETWEEN :start AND :end {org}
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
SELECT i.kind,
       count(*) AS total,
       count(*) FILTER (WHERE i.answered_at IS NOT NULL AND i.answered_at::date <= i.reply_due) AS on_time,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ca.workday_index - cs.workday_index)
         FILTER (WHERE i.answered_at IS NOT NULL) AS median_working_days
FROM items i
JOIN dazhou_calendar_day cs ON cs.day = i.submitted_at::date
LEFT JOIN dazhou_calendar_day ca ON ca.day = i.answered_at::date
WHERE i.submitted_at::date BETWEEN :start AND :end {org}
GROUP BY i.kind
"""


def _machine_readable_formats() -> list[str]:
    return [c.key for c in loader.scheme("format").concepts if c.properties.get("machineReadable")]


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def report(start: dt.date, end: dt.date, org_id: str | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"start": start, "end": end, "end_next": end + dt.timedelta(days=1),
                              "machine_readable": _machine_readable_formats()}
    if org_id:
        params["org_id"] = org_id

    def run(sql: str, column: str):
        org = f"AND {column} = :org_id" if org_id else ""
        return model.Session.execute(sa.text(sql.format(org=org)), params).mappings().all()

    opened = run(_OPEN, "p.owner_org")[0]
    updates = run(_UPDATES, "p.owner_org")[0]
    replies = {r["kind"]: r for r in run(_REPLIES, "i.org_id")}
    applications, feedback = replies.get("application", {}), replies.get("feedback", {})
    return {
        "start": start.isoformat(), "end": end.isoformat(), "organization_id": org_id,
        "open_datasets": opened["open_datasets"],
        "open_resources": opened["open_resources"],
        "machine_readable_share": _ratio(opened["machine_readable"], opened["open_resources"]),
        "data_changes": updates["changes"],
        "on_time_update_rate": _ratio(updates["on_time"], updates["changes"]),
        "applications": applications.get("total", 0),
        "application_median_reply_working_days": applications.get("median_working_days"),
        "application_on_time_rate": _ratio(applications.get("on_time", 0), applications.get("total", 0)),
        "feedback": feedback.get("total", 0),
        "feedback_on_time_rate": _ratio(feedback.get("on_time", 0), feedback.get("total", 0)),
    }
