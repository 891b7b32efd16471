"""Working days on the Chinese official calendar: what every deadline of the measures counts.

Statutory holidays are off and make-up workdays (调休) are on. chinesecalendar knows
2004-2026; later years come from calendar/official_days.json (shipped defaults) and, in the
catalog, from the years the bureau enters (ckanext-dazhou's supervision/official_years.py). A year nobody knows falls back to Monday-Friday with a
logged warning: deadlines keep working, never crash.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import logging
from pathlib import Path
from typing import Iterable

import chinese_calendar

log = logging.getLogger(__name__)

OFFICIAL_DAYS_FILE = Path(__file__).with_name("calendar") / "official_days.json"


class WorkCalendar:
    def __init__(self, holidays: Iterable[dt.date], workdays: Iterable[dt.date],
                 known_years: Iterable[int]):
        self.holidays = frozenset(holidays)
        self.workdays = frozenset(workdays)  # make-up workdays on weekends
        self.known_years = frozenset(known_years)
        self._warned: set[int] = set()

    def is_workday(self, day: dt.date) -> bool:
        if day.year not in self.known_years and day.year not in self._warned:
            self._warned.add(day.year)
            log.warning("no official calendar for %s: counting Monday-Friday as working days "
                        "(add the year with `ckan dazhou calendar add-year`)", day.year)
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def unknown_years_ahead(self, today: dt.date, days: int = 60) -> list[int]:
        """Years between today and `days` later without an official schedule: deadlines
        reaching into them are counted Monday-Friday until the bureau adds the year."""
        last = today + dt.timedelta(days=days)
        return [year for year in range(today.year, last.year + 1) if year not in self.known_years]

    def add_workdays(self, start: dt.date, days: int) -> dt.date:
        """The day `days` working days after `start` (start itself not counted).

        A reply due "within 10 working days of receipt" is due by add_workdays(received, 10).
        """
        if days < 0:
            raise ValueError("days must be >= 0")
        day = start
        while days:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                days -= 1
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative when end < start)."""
        if end < start:
            return -self.workdays_between(end, start)
        return sum(self.is_workday(start + dt.timedelta(days=n))
                   for n in range(1, (end - start).days + 1))

    def days(self, first: dt.date, last: dt.date) -> Iterable[tuple[dt.date, bool]]:
        """(date, is_workday) for every day from first to last, e.g. to fill a SQL table."""
        for n in range((last - first).days + 1):
            day = first + dt.timedelta(days=n)
            yield day, self.is_workday(day)


def official_days_file() -> Path:
    """The data file (read at call time, so a test or a deployment can point elsewhere)."""
    return OFFICIAL_DAYS_FILE


def read_official_days(path: Path | None = None) -> dict[int, dict[str, list[dt.date]]]:
    years = json.loads((path or official_days_file()).read_text(encoding="utf-8")).get("years", {})
    return {
        int(year): {kind: sorted(dt.date.fromisoformat(d) for d in entry.get(kind, []))
                    for kind in ("holidays", "workdays")}
        for year, entry in years.items()
    }


def build_calendar(path: Path | None = None) -> WorkCalendar:
    return calendar_with(read_official_days(path))


def calendar_with(extra: dict[int, dict[str, list[dt.date]]]) -> WorkCalendar:
    """chinesecalendar's years plus `extra` ({year: {"holidays": [...], "workdays": [...]}})."""
    holidays = set(chinese_calendar.holidays) | {d for y in extra.values() for d in y["holidays"]}
    workdays = set(chinese_calendar.workdays) | {d for y in extra.values() for d in y["workdays"]}
    library_years = {d.year for d in chinese_calendar.holidays}
    return WorkCalendar(holidays, workdays, library_years | set(extra))


@functools.lru_cache(maxsize=1)
def _calendar_of(path: str, stamp: int | None) -> WorkCalendar:
    return build_calendar(Path(path))


def calendar() -> WorkCalendar:
    """The calendar of the data file as it is now: every process (web, workers) follows a year
    added by another one (the bureau's page, the command) at its next deadline."""
    path = official_days_file()
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        stamp = None
    return _calendar_of(str(path), stamp)


calendar.cache_clear = _calendar_of.cache_clear  # type: ignore[attr-defined]


def check_year(year: int, holidays: list[dt.date], workdays: list[dt.date]) -> None:
    """ValueError unless every date is in `year` and none is both holiday and workday."""
    wrong = [d for d in [*holidays, *workdays] if d.year != year]
    if wrong:
        raise ValueError(f"dates outside {year}: {', '.join(map(str, wrong))}")
    overlap = set(holidays) & set(workdays)
    if overlap:
        raise ValueError(f"dates both holiday and workday: {', '.join(map(str, sorted(overlap)))}")


def add_year(year: int, holidays: list[dt.date], workdays: list[dt.date],
             path: Path | None = None) -> None:
    """Record one year's official schedule in the data file (replacing an earlier entry)."""
    path = path or official_days_file()
    check_year(year, holidays, workdays)
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("years", {})[str(year)] = {
        "holidays": [d.isoformat() for d in sorted(holidays)],
        "workdays": [d.isoformat() for d in sorted(workdays)],
    }
    # written beside and renamed: a reader never sees half a file
    part = path.with_name(path.name + ".part")
    part.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    part.replace(path)
    calendar.cache_clear()
