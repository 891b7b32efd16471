"""Reminders (cron-friendly): mail the responsible department about items due within N working
days and overdue ones, once per item per day however often it runs."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import _

from ckanext.dazhou import deadlines
from ckanext.dazhou.model import ReminderSent
from ckanext.dazhou.sharing import notify
from ckanext.dazhou.supervision import calendar_table

# open items with a reply deadline: (item type, table, deadline column, open-state predicate)
_DUE_ITEMS = """
SELECT 'share_application' AS item_type, id AS item_id, owner_org_id AS org_id, package_id, reply_due AS due
  FROM dazhou_share_application WHERE state = 'submitted'
UNION ALL
SELECT 'feedback', id, owner_org_id, package_id, reply_due FROM dazhou_feedback WHERE state = 'submitted'
UNION ALL
SELECT 'open_application', id, owner_org_id, package_id, reply_due
  FROM dazhou_open_application WHERE state = 'submitted'
"""

_QUERY = f"""
WITH items AS ({_DUE_ITEMS}),
today AS (SELECT workday_index AS idx FROM dazhou_calendar_day WHERE day = :today)
SELECT i.item_type, i.item_id, i.org_id, i.due, p.title AS package_title,
       c.workday_index - (SELECT idx FROM today) AS days_left
FROM items i JOIN dazhou_calendar_day c ON c.day = i.due
LEFT JOIN package p ON p.id = i.package_id
WHERE c.workday_index - (SELECT idx FROM today) <= :window
  AND NOT EXISTS (SELECT 1 FROM dazhou_reminder_sent r WHERE r.item_type = i.item_type
                  AND r.item_id = i.item_id AND r.sent_on = :today)
ORDER BY i.due
"""


@dataclass(frozen=True)
class Reminder:
    item_type: str
    item_id: str
    org_id: str
    due: dt.date
    package_title: str | None
    days_left: int  # negative: overdue


def due_reminders(today: dt.date | None = None) -> list[Reminder]:
    calendar_table.ensure()
    today = today or deadlines.today()
    rows = model.Session.execute(sa.text(_QUERY), {
        "today": today, "window": int(tk.config.get("ckanext.dazhou.remind_days_before"))})
    return [Reminder(**r) for r in rows.mappings()]


def _message(reminder: Reminder) -> tuple[str, str]:
    kinds = {"share_application": _("share application"), "feedback": _("error report"),
             "open_application": _("open-data application")}
    what = kinds[reminder.item_type]
    subject = (_("Overdue: {what} on {title}") if reminder.days_left < 0
               else _("Due soon: {what} on {title}")).format(what=what, title=reminder.package_title or "-")
    body = _("The {what} on {title} must be answered by {due} ({days} working days left).").format(
        what=what, title=reminder.package_title or "-", due=reminder.due.isoformat(),
        days=reminder.days_left)
    return subject, body


def send(today: dt.date | None = None, dry_run: bool = False) -> list[Reminder]:
    """Send today's reminders (or only list them) and record them, so a rerun sends none."""
    today = today or deadlines.today()
    reminders = due_reminders(today)
    if dry_run:
        return reminders
    for reminder in reminders:
        subject, body = _message(reminder)
        notify.send(notify.org_editors(reminder.org_id), subject, body)
        model.Session.execute(insert(ReminderSent).values(
            item_type=reminder.item_type, item_id=reminder.item_id, sent_on=today)
            .on_conflict_do_nothing())
        model.Session.commit()  # one item at a time: a crash mid-way resends nothing already sent
    return reminders
