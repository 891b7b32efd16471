"""Deadlines of the measures, in working days on the official calendar (configurable)."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import ckan.plugins.toolkit as tk

from dazhou_vocab.workdays import calendar

CHINA = ZoneInfo("Asia/Shanghai")


def today() -> dt.date:
    """Today in Dazhou: deadlines count Chinese calendar days, whatever the server's zone."""
    return dt.datetime.now(CHINA).date()


def reply_days(option: str) -> int:
    return int(tk.config.get(f"ckanext.dazhou.{option}"))


def due_date(received: dt.date, option: str) -> dt.date:
    return calendar().add_workdays(received, reply_days(option))


def working_days_left(due: dt.date, on: dt.date | None = None) -> int:
    """Working days from `on` (default today) to `due`; negative when overdue."""
    return calendar().workdays_between(on or today(), due)
