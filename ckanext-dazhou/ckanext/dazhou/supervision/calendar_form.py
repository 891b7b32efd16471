"""The bureau's form for one year's official holidays and make-up workdays (调休).

Same store as `ckan dazhou calendar add-year` (official_years, then the working-day table);
every error is keyed by the form field it is about, in the site's language.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import chinese_calendar

from ckan.common import _

from ckanext.dazhou.supervision import official_years

FIRST_YEAR, LAST_YEAR = 2000, 2099  # the date range of every parameter (logic/params.py)
_SEPARATORS = re.compile(r"[\s,，、;；]+")


def library_years() -> frozenset[int]:
    """Years chinesecalendar already knows: their schedule is built in, not entered here."""
    return frozenset(d.year for d in chinese_calendar.holidays)


def entered_years() -> dict[int, dict[str, list[dt.date]]]:
    return official_years.entered()


def _year(text: str) -> tuple[int | None, str | None]:
    text = text.strip()
    if not re.fullmatch(r"\d{4}", text):
        return None, _("Enter the year as four digits, e.g. 2027")
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None, _("The year must be between {first} and {last}").format(
            first=FIRST_YEAR, last=LAST_YEAR)
    if year in library_years():
        return None, _("The official schedule of {year} is built in; it cannot be entered "
                       "again").format(year=year)
    return year, None


def _dates(text: str, year: int | None) -> tuple[list[dt.date], list[str]]:
    days, errors = set(), []
    for token in (t for t in _SEPARATORS.split(text) if t):
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", token):
                raise ValueError
            day = dt.date.fromisoformat(token)
        except ValueError:
            errors.append(_("{value} is not a date (YYYY-MM-DD)").format(value=token[:40]))
            continue
        if year is not None and day.year != year:
            errors.append(_("{day} is not in {year}").format(day=day.isoformat(), year=year))
            continue
        days.add(day)
    return sorted(days), errors


def parse(form: dict[str, str]) -> tuple[dict[str, Any] | None, dict[str, list[str]]]:
    """({"year", "holidays", "workdays"}, {}) for a valid form, else (None, errors by field)."""
    errors: dict[str, list[str]] = {}
    year, problem = _year(form.get("year", ""))
    if problem:
        errors["year"] = [problem]
    holidays, wrong = _dates(form.get("holidays", ""), year)
    if wrong:
        errors["holidays"] = wrong
    elif not holidays:
        errors["holidays"] = [_("Enter the holidays of the year")]
    make_up, wrong = _dates(form.get("workdays", ""), year)
    weekdays = [d for d in make_up if d.weekday() < 5]
    if wrong or weekdays:
        errors["workdays"] = wrong + [
            _("{day} is a weekday: make-up workdays are Saturdays or Sundays").format(
                day=d.isoformat()) for d in weekdays]
    both = sorted(set(holidays) & set(make_up))
    if both:
        errors.setdefault("workdays", []).append(
            _("Both holiday and make-up workday: {days}").format(
                days="、".join(d.isoformat() for d in both)))
    if errors:
        return None, errors
    return {"year": year, "holidays": holidays, "workdays": make_up}, {}


def save(entry: dict[str, Any], user: str) -> int:
    """Record the year as the command does; the working-day table follows. Returns its rows."""
    from ckanext.dazhou.supervision import calendar_table

    official_years.record(entry["year"], entry["holidays"], entry["workdays"], user)
    return calendar_table.rebuild()
