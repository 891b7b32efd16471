"""The parameters every dazhou list shares: paging and a period of days.

One schema fragment per kind of parameter, merged into each list action's schema, so a list
added later answers bad paging with the same error keyed by the parameter, never a 500.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.common import _
from ckan.lib.navl.dictization_functions import Invalid, missing

from ckanext.dazhou import deadlines

DEFAULT_ROWS = 20
# Days before the first digital catalog or after this century are typing errors; they would
# also overflow working-day arithmetic (year 9999) or outrun the calendar table (2004 on).
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2099, 12, 31)


def max_rows() -> int:
    return int(tk.config.get("ckanext.dazhou.list_max_rows"))


def max_page() -> int:
    return int(tk.config.get("ckanext.dazhou.list_max_page"))


def _whole_number(value: Any, low: int, high: int, message: str) -> int:
    if isinstance(value, bool):
        raise Invalid(message)
    if isinstance(value, str):
        value = value.strip()
        if not value.isdigit() or len(value) > 12:  # no sign, no fraction, no 20-digit pages
            raise Invalid(message)
        value = int(value)
    if not isinstance(value, int) or not low <= value <= high:
        raise Invalid(message)
    return value


def rows_validator(value: Any, context: Any) -> Any:
    if value is missing or value is None or value == "":
        return DEFAULT_ROWS
    high = max_rows()
    return _whole_number(value, 1, high, _("Rows must be a whole number from 1 to {max}").format(max=high))


def rows_up_to(max_option: str):
    """A `rows` validator bounded by another option, for lists with their own page size
    (suggestions, the search log); missing stays missing so the list picks its default."""
    def validator(value: Any, context: Any) -> Any:
        if value is missing or value is None or value == "":
            return missing
        high = int(tk.config.get(max_option))
        return _whole_number(value, 1, high,
                             _("Rows must be a whole number from 1 to {max}").format(max=high))
    return validator


def page_validator(value: Any, context: Any) -> Any:
    if value is missing or value is None or value == "":
        return 1
    high = max_page()
    return _whole_number(value, 1, high, _("Page must be a whole number from 1 to {max}").format(max=high))


def day_validator(value: Any, context: Any) -> Any:
    """A day written YYYY-MM-DD (a full ISO time is read in Asia/Shanghai), within range."""
    if value is missing or value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        day = value
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str) and len(value) <= 40:
        try:
            day = (dt.date.fromisoformat(value.strip()) if len(value.strip()) == 10
                   else dt.datetime.fromisoformat(value.strip()))
        except ValueError:
            raise Invalid(_("Dates are written YYYY-MM-DD"))
    else:
        raise Invalid(_("Dates are written YYYY-MM-DD"))
    if isinstance(day, dt.datetime):
        day = (day.astimezone(deadlines.CHINA) if day.tzinfo else day).date()
    if not FIRST_DAY <= day <= LAST_DAY:
        raise Invalid(_("The date must lie between {first} and {last}").format(
            first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat()))
    return day


def paging() -> dict[str, list]:
    """The `page` and `rows` of a list (defaults 1 and DEFAULT_ROWS)."""
    return {"page": [page_validator], "rows": [rows_validator]}


def period() -> dict[str, list]:
    """Optional `start` and `end` days of a list or report; check_period orders them."""
    return {"start": [day_validator], "end": [day_validator]}


def offset(data: dict[str, Any]) -> int:
    return (data["page"] - 1) * data["rows"]


def check_period(data: dict[str, Any]) -> None:
    start, end = data.get("start"), data.get("end")
    if start and end and end < start:
        raise tk.ValidationError({"end": [_("The period ends before it starts")]})


MAX_TEXT = 200


def _nul_fields(data: Any, path: str = "") -> list[str]:
    if isinstance(data, str):
        return [path] if "\x00" in data else []
    if isinstance(data, dict):
        return [f for k, v in data.items() for f in _nul_fields(v, str(k) if not path else path)]
    if isinstance(data, (list, tuple)):
        return [f for v in data for f in _nul_fields(v, path)]
    return []


def refuse_nul(data_dict: dict[str, Any]) -> None:
    """A NUL byte anywhere is refused: PostgreSQL cannot store or compare it, so the query
    would fail instead of answering."""
    bad = _nul_fields(data_dict)
    if bad:
        raise tk.ValidationError({field: [_("Control characters are not allowed")]
                                  for field in dict.fromkeys(bad)})


def validate(data_dict: dict[str, Any], schema: dict, context: Any) -> dict[str, Any]:
    """navl validation for every dazhou action, after refuse_nul."""
    refuse_nul(data_dict)
    data, errors = tk.navl_validate(data_dict, schema, context)
    if errors:
        raise tk.ValidationError(errors)
    return data


def bounded_text(value: Any, context: Any) -> Any:
    """An id, name or filter value: text of at most MAX_TEXT characters."""
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise Invalid(_("Must be a text of at most {n} characters").format(n=MAX_TEXT))
    return value


@tk.validator_args
def text(ignore_missing, unicode_safe):
    """An optional text filter (ids, names): a list, dict or overlong text is refused."""
    return [ignore_missing, _text_only, unicode_safe, bounded_text]


def _text_only(value: Any, context: Any) -> Any:
    if isinstance(value, (list, dict)):
        raise Invalid(_("Must be a text of at most {n} characters").format(n=MAX_TEXT))
    return value
