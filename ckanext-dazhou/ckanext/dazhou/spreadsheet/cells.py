"""Writing and reading single cells: coded values, choices, yes/no, dates and lists.

Coded cells show the Chinese label; on import the label, the key or the national notation is
accepted. Every code list comes from the vocabularies (dazhou_vocab.loader) or, for select
fields without one, from the scheming schema.
"""
from __future__ import annotations

import datetime
import functools
import json
import re
from typing import Any

from ckan.common import _
from ckanext.scheming.helpers import scheming_field_by_name, scheming_get_dataset_schema

from ckanext.dazhou.spreadsheet.columns import Column
from dazhou_vocab import loader

LIST_SEPARATOR = "、"
SEPARATORS = re.compile(r"[、,，;；\n]+")
# Yes/no in the sheet (booleans, not a code list); import also takes true/false, 1/0, 是（…）.
YES, NO = "是", "否"
_TRUE = {"是", "true", "1", "yes", "y", "对"}
_FALSE = {"否", "false", "0", "no", "n", "不"}


class CellError(ValueError):
    """A cell that cannot be read; the message says why, in the user's language."""


def text(value: Any) -> str:
    """A cell as openpyxl gives it, as text ('' when empty or blank)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a length or department code typed as a number
    value = str(value).replace("\r\n", "\n")
    return value if value.strip() else ""


def split(value: str) -> list[str]:
    return [part.strip() for part in SEPARATORS.split(value or "") if part.strip()]


def as_list(value: Any) -> list[str]:
    """A stored multiple value (list or scheming's JSON list string) as a list."""
    if value in (None, "", []):
        return []
    if isinstance(value, str):
        if value.startswith("["):
            return [str(v) for v in json.loads(value)]
        return [value]
    return [str(v) for v in value]


# Vocabulary codes

def _concepts(column: Column) -> list[loader.Concept]:
    scheme = loader.scheme(column.scheme)
    if column.level == "top":
        return scheme.top_concepts()
    if column.level == "narrower":
        return [c for c in scheme.concepts if c.broader is not None]
    return list(scheme.concepts)


@functools.lru_cache(maxsize=None)
def _lookup(column: Column) -> dict[str, str]:
    """Key, Chinese label, English label and notation → key (earlier spellings win)."""
    table: dict[str, str] = {}
    for attribute in ("key", "label_zh", "label_en", "notation"):
        for concept in _concepts(column):
            spelling = getattr(concept, attribute)
            if spelling:
                table.setdefault(spelling.strip().casefold(), concept.key)
    return table


def code_label(column: Column, key: str | None) -> str:
    if not key:
        return ""
    return loader.scheme(column.scheme).label(key, "zh")


def parse_code(column: Column, value: str) -> str:
    if not value.strip():
        return ""
    key = _lookup(column).get(value.strip().casefold())
    if key is None:
        raise CellError(_(
            "{value} is not in the code list {scheme} (Art. 12); write one of: {labels}").format(
            value=value.strip(), scheme=loader.scheme(column.scheme).label_zh,
            labels=LIST_SEPARATOR.join(c.label_zh for c in _concepts(column))))
    return key


def codes_label(column: Column, keys: Any) -> str:
    return LIST_SEPARATOR.join(code_label(column, k) for k in as_list(keys))


def parse_codes(column: Column, value: str) -> list[str]:
    keys: list[str] = []
    for part in split(value):
        key = parse_code(column, part)
        if key not in keys:
            keys.append(key)
    return keys


# Select fields whose choices are in the scheming schema

def _choices(field: str) -> list[dict[str, Any]]:
    schema = scheming_get_dataset_schema("dataset")
    return scheming_field_by_name(schema["dataset_fields"], field).get("choices") or []


def _label(choice: dict[str, Any], lang: str) -> str:
    label = choice.get("label", choice["value"])
    return label.get(lang, "") if isinstance(label, dict) else str(label)


def choice_label(column: Column, value: Any) -> str:
    for choice in _choices(column.field):
        if choice["value"] == value:
            return _label(choice, "zh_Hans_CN")
    return value or ""


def parse_choice(column: Column, value: str) -> str:
    wanted = value.strip().casefold()
    if not wanted:
        return ""
    for choice in _choices(column.field):
        spellings = {choice["value"], _label(choice, "zh_Hans_CN"), _label(choice, "en")}
        if wanted in {s.casefold() for s in spellings if s}:
            return choice["value"]
    raise CellError(_("{value} is not one of: {labels}").format(
        value=value.strip(),
        labels=LIST_SEPARATOR.join(_label(c, "zh_Hans_CN") for c in _choices(column.field))))


# Yes / no, dates

def bool_label(value: Any) -> str:
    if value is None or value == "":
        return ""
    return YES if value is True or str(value).lower() == "true" else NO


def parse_bool(value: str) -> bool | None:
    word = value.strip().casefold()
    if not word:
        return None
    if word in _TRUE or word.startswith("是"):
        return True
    if word in _FALSE or word.startswith("否"):
        return False
    raise CellError(_("Write {yes} or {no}, not {value}").format(
        yes=YES, no=NO, value=value.strip()))


def parse_date(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        return datetime.date.fromisoformat(value.replace("/", "-")).isoformat()
    except ValueError:
        raise CellError(_("{value} is not a date; write it as YYYY-MM-DD").format(
            value=value)) from None
