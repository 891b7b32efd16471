"""A dataset dict (as package_search returns it) → the spreadsheet's cells."""
from __future__ import annotations

from typing import Any, Iterator

from ckanext.dazhou.spreadsheet import cells, share_text
from ckanext.dazhou.spreadsheet import columns as c
from ckanext.dazhou.spreadsheet.departments import Departments


def _tags(ds: dict[str, Any]) -> list[str]:
    return [t["name"] if isinstance(t, dict) else str(t) for t in ds.get("tags") or []]


def _formats(ds: dict[str, Any], column: c.Column) -> str:
    keys: list[str] = []
    for resource in ds.get("resources") or []:
        if resource.get("format") and resource["format"] not in keys:
            keys.append(resource["format"])
    return cells.codes_label(column, keys)


def _one_line(value: str) -> str:
    return " ".join(value.split("\n"))


def _detail_cells(record: dict[str, Any], fields: tuple[c.Column, ...]) -> list[str]:
    return [cell(col, record.get(col.field)) for col in fields]


def _lines(records: list[dict[str, Any]] | None, fields: tuple[c.Column, ...]) -> str:
    """CSV: one line per record, its cells joined by ' | '."""
    return "\n".join(c.CSV_PART_SEPARATOR.join(map(_one_line, _detail_cells(r, fields)))
                     for r in records or [])


def cell(column: c.Column, value: Any) -> str:
    """One simple (single-field) cell."""
    if column.kind == c.CODE:
        return cells.code_label(column, value)
    if column.kind == c.CODES:
        return cells.codes_label(column, value)
    if column.kind == c.CHOICE:
        return cells.choice_label(column, value)
    if column.kind == c.BOOL:
        return cells.bool_label(value)
    if column.kind == c.LIST:
        return cells.LIST_SEPARATOR.join(cells.as_list(value))
    return "" if value is None else str(value)


def main_cell(column: c.Column, ds: dict[str, Any], departments: Departments) -> str:
    kind = column.kind
    if kind in (c.PROVIDER, c.PROVIDER_CODE):
        department = departments.get(ds.get("owner_org"))
        if department is None:
            return ""
        return department.title if kind == c.PROVIDER else department.code
    if kind == c.FORMATS:
        return _formats(ds, column)
    if kind == c.ITEM_NAMES:
        return cells.LIST_SEPARATOR.join(i.get("name") or "" for i in ds.get("data_items") or [])
    if kind == c.ITEM_LINES:
        return _lines(ds.get("data_items"), c.ITEM_FIELDS)
    if kind == c.RESOURCE_LINES:
        return _lines(ds.get("resources"), c.RESOURCE_FIELDS)
    if kind == c.SHARE_TEXT:
        return share_text.encode(ds)
    if column.field == "tags":
        return cells.LIST_SEPARATOR.join(_tags(ds))
    return cell(column, ds.get(column.field))


def main_row(ds: dict[str, Any], departments: Departments,
             layout: tuple[c.Column, ...] = c.MAIN_COLUMNS) -> list[str]:
    return [main_cell(column, ds, departments) for column in layout]


def _link(ds: dict[str, Any]) -> list[str]:
    return [ds.get("resource_code") or "", ds.get("name") or ""]


def item_rows(ds: dict[str, Any]) -> Iterator[list[str]]:
    for item in ds.get("data_items") or []:
        yield _link(ds) + _detail_cells(item, c.ITEM_FIELDS)


def resource_rows(ds: dict[str, Any]) -> Iterator[list[str]]:
    for resource in ds.get("resources") or []:
        yield _link(ds) + _detail_cells(resource, c.RESOURCE_FIELDS)
