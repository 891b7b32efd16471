"""Reads an uploaded XLSX into rows of text cells, checking sheets and columns first."""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from ckan.common import _

from ckanext.dazhou.spreadsheet import cells
from ckanext.dazhou.spreadsheet.columns import MAIN_SHEET, SHEETS
from ckanext.dazhou.spreadsheet.report import Report


@dataclass(frozen=True)
class SheetRow:
    number: int            # as Excel shows it: the header is row 1
    cells: dict[str, str]  # header → cell text


def _check_header(sheet: str, headers: list[str], report: Report) -> None:
    expected = [column.header for column in SHEETS[sheet]]
    for header in expected:
        if header not in headers:
            report.add(sheet, 1, header, _("The column {column} is missing").format(column=header))
    seen: set[str] = set()
    for header in filter(None, headers):
        if header in seen:
            report.add(sheet, 1, header,
                       _("The column {column} appears twice").format(column=header))
        elif header not in expected:
            report.add(sheet, 1, header, _(
                "Unknown column {column}: use the columns of the exported catalog").format(
                column=header))
        seen.add(header)


def _rows(worksheet, headers: list[str]) -> list[SheetRow]:
    index = {h: i for i, h in reversed(list(enumerate(headers))) if h}
    found = []
    for number, values in enumerate(worksheet.iter_rows(min_row=2, values_only=True), start=2):
        texts = {h: cells.text(values[i]) if i < len(values) else "" for h, i in index.items()}
        if any(texts.values()):  # blank rows are spacing, not datasets
            found.append(SheetRow(number, texts))
    return found


def read_xlsx(file: IO[bytes], report: Report) -> dict[str, list[SheetRow]]:
    """Rows of each sheet; structural problems (no workbook, sheets, columns) go to report."""
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        report.add(MAIN_SHEET, None, "", _(
            "The file is not an XLSX workbook: upload the .xlsx file of an exported catalog"))
        return {}
    try:
        sheets: dict[str, list[SheetRow]] = {}
        for sheet in SHEETS:
            if sheet not in workbook.sheetnames:
                report.add(sheet, None, "", _("The sheet {sheet} is missing").format(sheet=sheet))
                continue
            worksheet = workbook[sheet]
            header = next(worksheet.iter_rows(max_row=1, values_only=True), ())
            headers = [cells.text(h).strip() for h in header]
            _check_header(sheet, headers, report)
            sheets[sheet] = _rows(worksheet, headers)
        return sheets
    finally:
        workbook.close()
