"""Spreadsheet rows → dataset fields, reporting every cell that cannot be read.

Empty cells are left out, so a dataset never gets a field the sheet leaves empty.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ckan.common import _

from ckanext.dazhou.spreadsheet import cells, share_text
from ckanext.dazhou.spreadsheet import columns as c
from ckanext.dazhou.spreadsheet.departments import Departments
from ckanext.dazhou.spreadsheet.reader import SheetRow
from ckanext.dazhou.spreadsheet.report import Report

_IDENTIFIERS = (c.LINK_CODE.header, c.LINK_NAME.header)  # typed identifiers lose stray spaces


@dataclass
class Detail:
    """A row of sheet 信息项 or 资源."""
    row: int
    link_code: str
    link_name: str
    values: dict[str, Any]


@dataclass
class DatasetRow:
    """A row of the main sheet with its data items and resources."""
    row: int
    cells: dict[str, str]
    fields: dict[str, Any]
    items: list[Detail] = field(default_factory=list)
    resources: list[Detail] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.fields.get("resource_code", "")

    @property
    def name(self) -> str:
        return self.fields.get("name", "")


def read_cell(column: c.Column, value: str) -> Any:
    """The value of a single-field cell ('' / None / [] when empty). Raises CellError."""
    kind = column.kind
    if kind == c.CODE:
        return cells.parse_code(column, value)
    if kind == c.CODES:
        return cells.parse_codes(column, value)
    if kind == c.CHOICE:
        return cells.parse_choice(column, value)
    if kind == c.BOOL:
        return cells.parse_bool(value)
    if kind == c.DATE:
        return cells.parse_date(value)
    if kind == c.LIST:
        values = cells.split(value)
        return [{"name": v} for v in values] if column.field == "tags" else values
    return value.strip() if column.header in _IDENTIFIERS else value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _provider(row: SheetRow, departments: Departments, report: Report) -> str | None:
    title_column, code_column = c.of_kind(c.PROVIDER).header, c.of_kind(c.PROVIDER_CODE).header
    title = row.cells.get(title_column, "").strip()
    code = row.cells.get(code_column, "").strip()
    by_title = departments.find(title) if title else None
    by_code = departments.by_code(code) if code else None
    if not title and not code:
        report.add(c.MAIN_SHEET, row.number, title_column,
                   _("The provider (department) is required"))
        return None
    if by_title == [] or by_code == []:
        column, value = (title_column, title) if by_title == [] else (code_column, code)
        report.add(c.MAIN_SHEET, row.number, column,
                   _("No department has the name or code {value}").format(value=value))
        return None
    candidates = by_title if by_code is None else by_code if by_title is None else [
        d for d in by_title if d in by_code]
    if not candidates:
        report.add(c.MAIN_SHEET, row.number, code_column, _(
            "{code} is not the department code of {department} ({expected})").format(
            code=code, department=title, expected=by_title[0].code or "-"))
        return None
    if len(candidates) > 1:
        report.add(c.MAIN_SHEET, row.number, title_column, _(
            "Several departments are called {value}: add the department code").format(value=title))
        return None
    return candidates[0].id


def decode_main(row: SheetRow, departments: Departments, report: Report) -> DatasetRow:
    fields: dict[str, Any] = {}
    for column in c.MAIN_COLUMNS:
        if column.kind not in (c.TEXT, c.CODE, c.CODES, c.CHOICE, c.BOOL, c.DATE, c.LIST):
            continue  # computed columns: provider, summaries, share text
        try:
            value = read_cell(column, row.cells.get(column.header, ""))
        except cells.CellError as error:
            report.add(c.MAIN_SHEET, row.number, column.header, str(error))
            continue
        if not _empty(value):
            fields[column.field] = value
    share_cell = row.cells.get(c.of_kind(c.SHARE_TEXT).header, "")
    fields.update(share_text.decode(share_cell, fields.get("share_type")))
    owner_org = _provider(row, departments, report)
    if owner_org:
        fields["owner_org"] = owner_org
    return DatasetRow(row.number, row.cells, fields)


def decode_detail(row: SheetRow, sheet: str, layout: tuple[c.Column, ...],
                  report: Report) -> Detail:
    values: dict[str, Any] = {}
    for column in layout:
        try:
            value = read_cell(column, row.cells.get(column.header, ""))
        except cells.CellError as error:
            report.add(sheet, row.number, column.header, str(error))
            continue
        if not _empty(value):
            values[column.field] = value
    return Detail(row.number, row.cells.get(c.LINK_CODE.header, "").strip(),
                  row.cells.get(c.LINK_NAME.header, "").strip(), values)
