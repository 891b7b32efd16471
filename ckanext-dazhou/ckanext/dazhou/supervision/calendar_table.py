"""dazhou_calendar_day: the working-day calendar as a table, so SQL can count working days.

workday_index is the number of working days from the first row up to and including the day;
the working days after D up to and including T are index(T) - index(D).
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from ckan import model

from ckanext.dazhou import deadlines
from ckanext.dazhou.model import CalendarDay
from ckanext.dazhou.supervision.official_years import calendar

FIRST_DAY = dt.date(2004, 1, 1)


def _last_day() -> dt.date:
    return dt.date(deadlines.today().year + 2, 12, 31)


def rebuild() -> int:
    """Refill the table from the calendar (after `calendar add-year`); returns its row count."""
    rows, index = [], 0
    for day, working in calendar().days(FIRST_DAY, _last_day()):
        index += working
        rows.append({"day": day, "is_workday": working, "workday_index": index})
    model.Session.execute(sa.delete(CalendarDay))
    model.Session.execute(sa.insert(CalendarDay), rows)
    model.Session.commit()
    return len(rows)


def ensure() -> None:
    """Fill the table when it is empty or ends before the days deadlines may need."""
    last = model.Session.execute(sa.select(sa.func.max(CalendarDay.day))).scalar()
    if last is None or last < _last_day():
        rebuild()
