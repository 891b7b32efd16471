"""The guide's column 共享条件/不予共享依据: one cell for two fields.

The cell holds the field the share type asks for (conditions, or the basis for not sharing)
as plain text. Only when the dataset also keeps the other field, the cell labels both:
"共享条件：…" and "不予共享依据：…" on lines of their own, so nothing is lost on re-import.
"""
from __future__ import annotations

from typing import Any

from ckanext.dazhou.spreadsheet.columns import SHARE_TEXT_FIELDS

MARK = "："
_MARKS = (MARK, ":")


def _primary(share_type: str | None) -> str:
    return "non_share_basis" if share_type == "none" else "share_conditions"


def _labelled(line: str) -> tuple[str, str] | None:
    """(field, rest of the line) when the line starts with a field label."""
    line = line.lstrip()
    for field, label in SHARE_TEXT_FIELDS.items():
        for mark in _MARKS:
            if line.startswith(label + mark):
                return field, line[len(label + mark):]
    return None


def encode(ds: dict[str, Any]) -> str:
    primary = _primary(ds.get("share_type"))
    values = {f: ds.get(f) or "" for f in SHARE_TEXT_FIELDS}
    other_set = any(values[f] for f in values if f != primary)
    if not other_set and _labelled(values[primary].split("\n")[0]) is None:
        return values[primary]
    return "\n".join(f"{label}{MARK}{values[f]}"
                     for f, label in SHARE_TEXT_FIELDS.items() if values[f])


def decode(value: str, share_type: str | None) -> dict[str, str]:
    if not value:
        return {}
    lines = value.split("\n")
    if _labelled(lines[0]) is None:
        return {_primary(share_type): value}
    found: dict[str, list[str]] = {}
    current = None
    for line in lines:
        start = _labelled(line)
        if start:
            current, first = start
            found[current] = [first]
        elif current:
            found[current].append(line)
    texts = {f: "\n".join(parts) for f, parts in found.items()}
    return {f: text for f, text in texts.items() if text.strip()}
