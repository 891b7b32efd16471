"""The audit trail in words: Chinese field names, labelled values, local times, only what changed.

The stored rows keep every column as JSON (audit.py); this module only decides how a person
reads one: an update lists 字段：旧值 → 新值 for the fields that differ, a creation the fields
it filled, a deletion what was removed.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

from flask_admin_app import states
from flask_admin_app.views.base import local_time

TABLES = {"project": "公共数据项目", "expert": "专家", "expert_review": "专家意见"}
ACTIONS = {"create": "新增", "update": "修改", "delete": "删除"}
SKIPPED = {"id", "project_id", "expert_id"}  # keys, not facts a reader needs
MAX_CHARS = 60
_ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _fields(table: str) -> dict[str, str]:
    """The column labels of the table's own admin view (the same words as its pages)."""
    from flask_admin_app.views.experts import ExpertView
    from flask_admin_app.views.projects import LABELS
    from flask_admin_app.views.reviews import ExpertReviewView
    return {"project": LABELS, "expert": ExpertView.column_labels,
            "expert_review": ExpertReviewView.column_labels}.get(table, {})


def _department(value: Any) -> str:
    from flask_admin_app import departments
    return departments.title(value)


VALUES: dict[str, Callable[[Any], str]] = {
    "state": lambda v: states.STATE_LABELS.get(v, v),
    "review_conclusion": lambda v: states.CONCLUSION_LABELS.get(v, v),
    "acceptance_result": lambda v: states.ACCEPTANCE_LABELS.get(v, v),
    "active": lambda v: "是" if v else "否",
    "department": _department,
    "investment_yuan": lambda v: f"{int(v):,} 元",
    "answers": lambda v: f"{len(v)} 项" if isinstance(v, dict) else str(v),
}


def value_text(key: str, value: Any) -> str:
    if value is None or value == "" or value == {}:
        return "（空）"
    if key in VALUES:
        return str(VALUES[key](value))
    if isinstance(value, str) and _ISO_TIME.match(value):
        return local_time(dt.datetime.fromisoformat(value))
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return value
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS] + "…"


def changes(table: str, before: dict | None, after: dict | None) -> list[tuple[str, str]]:
    """(field label, what happened to it) for every field a reader should see."""
    labels = _fields(table)
    before, after = before or {}, after or {}
    lines = []
    for key in labels:
        if key in SKIPPED or (key not in before and key not in after):
            continue
        old, new = before.get(key), after.get(key)
        if before and after:
            if old != new:
                lines.append((labels[key], f"{value_text(key, old)} → {value_text(key, new)}"))
        elif after and new not in (None, "", {}):
            lines.append((labels[key], value_text(key, new)))
        elif before and not after and old not in (None, "", {}):
            lines.append((labels[key], value_text(key, old)))
    return lines
