"""The working-day calendar deadlines count on: chinesecalendar's years, the years shipped in
dazhou_vocab's data file, and the years the bureau entered (page or command), stored in the
database so that every web and worker process, on every host, follows an entry at its next
request (or, outside a request, its next deadline).
"""
from __future__ import annotations

import datetime as dt
import functools

import sqlalchemy as sa

from ckan import model

from ckanext.dazhou.access import request_cache
from ckanext.dazhou.model import OfficialYear
from dazhou_vocab import workdays

Years = dict[int, dict[str, list[dt.date]]]


def entered() -> Years:
    """Every year known beyond chinesecalendar's: the database's entry wins over the file's."""
    years = workdays.read_official_days()
    for row in model.Session.execute(sa.select(OfficialYear)).scalars():
        years[row.year] = {"holidays": sorted(row.holidays), "workdays": sorted(row.workdays)}
    return years


def record(year: int, holidays: list[dt.date], make_up: list[dt.date], user: str = "") -> None:
    """Store one year's schedule (replacing an earlier entry of that year) and commit."""
    workdays.check_year(year, holidays, make_up)
    row = model.Session.get(OfficialYear, year) or OfficialYear(year=year)
    row.holidays, row.workdays = sorted(set(holidays)), sorted(set(make_up))
    row.entered_by, row.entered = user, dt.datetime.utcnow()
    model.Session.add(row)
    model.Session.commit()


def _version() -> tuple:
    """Changes whenever a year is entered or replaced: one cheap query per calendar use."""
    return tuple(model.Session.execute(sa.select(
        sa.func.count(), sa.func.max(OfficialYear.entered))).one())


@functools.lru_cache(maxsize=4)
def _calendar_of(version: tuple) -> workdays.WorkCalendar:
    return workdays.calendar_with(entered())


def calendar() -> workdays.WorkCalendar:
    # a list page counts days left for every row: one version query per request (the request
    # cache is dropped on commit, so an entry saved in this request is seen at once)
    return _calendar_of(request_cache.remember("official_calendar_version", _version))
