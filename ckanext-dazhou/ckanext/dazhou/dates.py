"""How dates and times are shown: one rule for pages, downloads, file names and the admin app.

Times are stored as naive UTC (``datetime.utcnow()``); people read them in the display time
zone (``ckan.display_timezone``, Asia/Shanghai). A day is a day there: 2026-12-01 16:30 UTC is
2026-12-02. Dates are written 2026年12月2日 (prose) or 2026-12-02 (tables, file names), times
2026-12-02 00:30, never with seconds, microseconds or an offset.

Pure functions of their arguments and the config; no CKAN import beyond the toolkit's config,
so the admin app (a separate Flask app) can use it with its own zone.
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"
UTC = dt.timezone.utc


def zone(name: str | None = None) -> ZoneInfo:
    """The display zone: `name`, else ``ckan.display_timezone``, else Asia/Shanghai.

    CKAN's own values "server" and "UTC"-less defaults mean the platform's zone here: the
    catalog serves one city, whatever the server's clock says."""
    if name is None:
        try:
            import ckan.plugins.toolkit as tk
            name = tk.config.get("ckan.display_timezone")
        except Exception:  # outside a CKAN app (the admin app, scripts)
            name = None
    if not name or name == "server":
        name = DEFAULT_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def parse(value: dt.datetime | dt.date | str | None) -> dt.datetime | dt.date | None:
    """A datetime, a date or None from a stored value or its ISO text."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value


def local(value, tz: str | None = None) -> dt.datetime | None:
    """A stored time (naive = UTC) as an aware datetime in the display zone."""
    value = parse(value)
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        raise TypeError("local() takes a time, not a date")
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(zone(tz))


def local_date(value, tz: str | None = None) -> dt.date | None:
    """The day a stored time falls on in the display zone; a date stays itself."""
    value = parse(value)
    if value is None or not isinstance(value, dt.datetime):
        return value
    return local(value, tz).date()


def today(tz: str | None = None) -> dt.date:
    return dt.datetime.now(zone(tz)).date()


def day_text(value, tz: str | None = None) -> str:
    """2026年12月2日 (prose); '' for nothing."""
    day = local_date(value, tz)
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def iso_day(value, tz: str | None = None) -> str:
    """2026-12-02 (tables, file names); '' for nothing."""
    day = local_date(value, tz)
    return day.isoformat() if day else ""


def time_text(value, tz: str | None = None) -> str:
    """2026-12-02 14:35 (a time to the minute); a bare date prints as its day."""
    value = parse(value)
    if value is None:
        return ""
    if not isinstance(value, dt.datetime):
        return value.isoformat()
    return local(value, tz).strftime("%Y-%m-%d %H:%M")


def end_of_day(day: dt.date, tz: str | None = None) -> dt.datetime:
    """The last instant of `day` in the display zone, as stored (naive UTC).

    A grant valid until 2027-06-30 lasts until 23:59:59.999999 in Shanghai, which is
    2027-06-30 15:59:59.999999 UTC, and shows as 2027-06-30 again."""
    last = dt.datetime.combine(day, dt.time.max, tzinfo=zone(tz))
    return last.astimezone(UTC).replace(tzinfo=None)


def file_day(tz: str | None = None) -> str:
    """Today as a file name's date (in the display zone, not the server's UTC)."""
    return today(tz).isoformat()


def utc_now() -> dt.datetime:
    """Now as stored: naive UTC (what ``datetime.utcnow()`` gave, without its deprecation)."""
    return dt.datetime.now(UTC).replace(tzinfo=None)
