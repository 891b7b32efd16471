"""Loads a catalog dump through the action API, so the catalog rules run on every record.

Organizations and groups first (datasets name them), then datasets; ids, names and
resource codes are kept. A record that exists (by id) is updated, so loading twice
changes nothing the second time. Each record is its own transaction: a refused record
is reported with its name and field errors and the others still load.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import IO, Any, Iterator

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import SQLAlchemyError

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.dazhou.backup import dump as dumper
from ckanext.dazhou.model import CodeSequence

# Keys that the site computes; sending them back would only be refused or ignored.
_DATASET_COMPUTED = ("organization", "num_resources", "num_tags", "creator_user_id",
                     "relationships_as_object", "relationships_as_subject", "tracking_summary")
_GROUP_COMPUTED = ("package_count", "num_followers", "created", "users", "packages",
                   "display_name", "image_display_url")


@dataclass
class Report:
    loaded: dict[str, int] = field(default_factory=lambda: {
        "organization": 0, "group": 0, "dataset": 0, "code_sequence": 0})
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def _records(lines: IO[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except ValueError:
                yield number, {"type": "unreadable", "data": {"id": "?"}}


def _context() -> dict[str, Any]:
    return dumper.site_context()


def _upsert_group(kind: str, data: dict[str, Any]) -> None:
    data = {k: v for k, v in data.items() if k not in _GROUP_COMPUTED}
    existing = model.Group.get(data["id"])
    if existing is None:
        tk.get_action(f"{kind}_create")(_context(), data)
    else:  # patch: members and datasets of the target site stay as they are
        tk.get_action(f"{kind}_patch")(_context(), data)


def _upsert_dataset(data: dict[str, Any]) -> None:
    data = {k: v for k, v in data.items() if k not in _DATASET_COMPUTED}
    existing = model.Package.get(data["id"])
    action = "package_create" if existing is None else "package_update"
    tk.get_action(action)(_context(), data)


def _raise_sequence(data: dict[str, Any]) -> None:
    """A counter only goes up: the target site's own later codes stay unique."""
    stmt = insert(CodeSequence).values(prefix=data["prefix"], last_value=int(data["last_value"]))
    model.Session.execute(stmt.on_conflict_do_update(
        index_elements=["prefix"],
        set_={"last_value": sa.func.greatest(CodeSequence.last_value,
                                             stmt.excluded.last_value)}))
    model.Session.commit()


def _errors(error: tk.ValidationError) -> str:
    return "; ".join(f"{key}: {value}" for key, value in (error.error_dict or {}).items())


def load(path: str) -> Report:
    """Load the dump at `path`: organizations and groups first, then datasets (a second
    read of the file, so a large catalog is never held in memory)."""
    report = Report()
    with open(path, encoding="utf-8") as lines:
        records = _records(lines)
        _number, header = next(records, (0, {}))
        if header.get("format") != dumper.FORMAT:
            report.failures.append(f"line 1: not a {dumper.FORMAT} file")
            return report
        for number, record in records:
            kind, data = record.get("type"), record.get("data") or {}
            if kind == "code_sequence":
                _apply(report, number, kind, data, lambda: _raise_sequence(data))
            elif kind != "dataset":
                _apply(report, number, kind, data, lambda: _upsert_group(kind, data))
    with open(path, encoding="utf-8") as lines:
        for number, record in _records(lines):
            data = record.get("data") or {}
            if record.get("type") == "dataset":
                _apply(report, number, "dataset", data, lambda: _upsert_dataset(data))
    return report


def _apply(report: Report, number: int, kind: str | None, data: dict[str, Any], step) -> None:
    label = f"line {number}: {kind} {data.get('name') or data.get('id') or data.get('prefix')}"
    if kind not in report.loaded or not (data.get("id") or data.get("prefix")):
        report.failures.append(f"{label}: unknown record type or no id")
        return
    try:
        step()
    except tk.ValidationError as error:
        model.Session.rollback()
        report.failures.append(f"{label}: {_errors(error)}")
        return
    except (tk.ObjectNotFound, tk.NotAuthorized, SQLAlchemyError, KeyError, ValueError) as error:
        model.Session.rollback()
        report.failures.append(f"{label}: {error}")
        return
    report.loaded[kind] += 1
