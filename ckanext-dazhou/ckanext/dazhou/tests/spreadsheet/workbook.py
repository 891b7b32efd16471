"""Editing exported workbooks in tests, by sheet, row number and column header."""
from __future__ import annotations

import io
from typing import Any

import openpyxl
import sqlalchemy as sa
from ckan import model
from ckan.tests import helpers

from ckanext.dazhou.model import AuthoritativeItem, CodeSequence
from ckanext.dazhou.tests.factories import site_context
from ckanext.dazhou.tests.spreadsheet.sample import catalog_view


class Workbook:
    def __init__(self, file: io.BytesIO):
        self.book = openpyxl.load_workbook(file)

    def _column(self, sheet: str, header: str) -> int:
        headers = [cell.value for cell in self.book[sheet][1]]
        return headers.index(header) + 1

    def get(self, sheet: str, row: int, header: str) -> Any:
        return self.book[sheet].cell(row=row, column=self._column(sheet, header)).value

    def set(self, sheet: str, row: int, header: str, value: Any) -> Workbook:
        """Set a cell (None empties it)."""
        self.book[sheet].cell(row=row, column=self._column(sheet, header)).value = value
        return self

    def row_of(self, sheet: str, header: str, value: Any) -> int:
        column = self._column(sheet, header)
        for row in range(2, self.book[sheet].max_row + 1):
            if self.book[sheet].cell(row=row, column=column).value == value:
                return row
        raise KeyError(value)

    def copy_row(self, sheet: str, row: int, **changes: Any) -> int:
        """Append a copy of a row with some cells changed (by header); returns its number."""
        worksheet = self.book[sheet]
        new = worksheet.max_row + 1
        for cell in worksheet[row]:  # keeps text that starts with '=' as text
            copy = worksheet.cell(row=new, column=cell.column)
            copy.value, copy.data_type = cell.value, cell.data_type
        for header, value in changes.items():
            self.set(sheet, new, header, value)
        return new

    def delete_column(self, sheet: str, header: str) -> Workbook:
        self.book[sheet].delete_cols(self._column(sheet, header))
        return self

    def file(self) -> io.BytesIO:
        buffer = io.BytesIO()
        self.book.save(buffer)
        buffer.seek(0)
        return buffer


def stored_state() -> dict[str, Any]:
    """Everything an import may change: datasets, search index, claims, code sequences."""
    indexed = helpers.call_action("package_search", site_context(), q="*:*", rows=1000,
                                  include_private=True)["results"]
    return {
        "catalog": catalog_view(),
        "index": sorted((d["name"], d["title"], d.get("resource_code")) for d in indexed),
        "claims": sorted(model.Session.execute(
            sa.select(AuthoritativeItem.identity, AuthoritativeItem.package_id)).all()),
        "sequences": sorted(model.Session.execute(
            sa.select(CodeSequence.prefix, CodeSequence.last_value)).all()),
    }


def problems(report) -> list[tuple[str, int | None, str, str]]:
    return [(p.sheet, p.row, p.column, p.message) for p in report.problems]


def problem_at(report, sheet: str, row: int | None, column: str) -> str:
    """The messages reported for one cell, joined (asserts there is at least one)."""
    found = [p.message for p in report.problems
             if (p.sheet, p.row, p.column) == (sheet, row, column)]
    assert found, f"no problem at {sheet} row {row} {column}; report: {problems(report)}"
    return " ".join(found)
