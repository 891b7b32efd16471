"""Deadlines of the measures, in working days on the official calendar (configurable)."""
from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk

from ckanext.dazhou import dates
from ckanext.dazhou.supervision.official_years import calendar

# deadlines count days of the Chinese calendar whatever zone pages are shown in
CHINA = dates.zone(dates.DEFAULT_ZONE)


def today() -> dt.date:
    """Today in Dazhou, whatever the server's zone."""
    return dates.today(dates.DEFAULT_ZONE)


def reply_days(option: str) -> int:
    return int(tk.config.get(f"ckanext.dazhou.{option}"))


def due_date(received: dt.date, option: str) -> dt.date:
    return calendar().add_workdays(received, reply_days(option))


def working_days_left(due: dt.date, on: dt.date | None = None) -> int:
    """Working days from `on` (default today) to `due`; negative when overdue."""
    return calendar().workdays_between(on or today(), due)
