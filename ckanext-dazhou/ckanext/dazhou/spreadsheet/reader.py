"""Reads an uploaded XLSX into rows of text cells, checking sheets and columns first."""
from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass
from typing import IO

import openpyxl
from defusedxml.common import DefusedXmlException  # entities refused (billion laughs)
from openpyxl.utils.exceptions import InvalidFileException

from ckan.common import _

from ckanext.dazhou.spreadsheet import cells, limits
from ckanext.dazhou.spreadsheet.columns import MAIN_SHEET, SHEETS
from ckanext.dazhou.spreadsheet.report import Report

log = logging.getLogger(__name__)


class _TooManyRows(Exception):
    pass


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


def _rows(worksheet, headers: list[str], most: int) -> list[SheetRow]:
    index = {h: i for i, h in reversed(list(enumerate(headers))) if h}
    found = []
    for number, values in enumerate(worksheet.iter_rows(min_row=2, values_only=True), start=2):
        texts = {h: cells.text(values[i]) if i < len(values) else "" for h, i in index.items()}
        if any(texts.values()):  # blank rows are spacing, not datasets
            found.append(SheetRow(number, texts))
            if len(found) > most:
                raise _TooManyRows(most)
    return found


def read_xlsx(file: IO[bytes], report: Report) -> dict[str, list[SheetRow]]:
    """Rows of each sheet; structural problems (size, no workbook, sheets, columns) go to report."""
    most = limits.Limits.from_config()
    buffer, refused = limits.read_within(file, most)
    if refused:
        report.add(MAIN_SHEET, None, "", refused)
        return {}
    try:
        workbook = openpyxl.load_workbook(buffer, read_only=True, data_only=True)
    except (DefusedXmlException, ValueError) as error:  # openpyxl's "contain some invalid XML"
        return _damaged(error, report)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError):
        report.add(MAIN_SHEET, None, "", _(
            "The file is not an XLSX workbook: upload the .xlsx file of an exported catalog"))
        return {}
    except Exception as error:  # damaged XML inside the zip (ParseError, defusedxml…)
        return _damaged(error, report)
    sheet = MAIN_SHEET
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
            sheets[sheet] = _rows(worksheet, headers,
                                  most.rows if sheet == MAIN_SHEET else most.detail_rows)
        return sheets
    except _TooManyRows as error:
        report.add(sheet, None, "", _("The sheet {sheet} has more than {limit} rows").format(
            sheet=sheet, limit=error.args[0]))
        return {}
    except Exception as error:  # read-only sheets parse while iterating
        return _damaged(error, report)
    finally:
        workbook.close()


def _damaged(error: Exception, report: Report) -> dict[str, list[SheetRow]]:
    log.info("catalog import: unreadable workbook: %r", error)
    report.add(MAIN_SHEET, None, "", _(
        "The workbook is damaged (its XML cannot be read): save it again in Excel or WPS, "
        "or export the catalog anew"))
    return {}
