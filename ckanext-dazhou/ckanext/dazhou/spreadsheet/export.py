"""Export of the catalog (one department or city-wide) as XLSX or CSV, streamed row by row.

Datasets come from package_search with the caller's context, a page at a time, so the file
holds exactly what the caller may see and 100,000 datasets never sit in memory together.
"""
from __future__ import annotations

import csv
from typing import IO, Any, Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

import ckan.plugins.toolkit as tk

from ckanext.dazhou.spreadsheet import columns as c
from ckanext.dazhou.spreadsheet import encode, safe
from ckanext.dazhou.spreadsheet.departments import Departments

PAGE = 500
FORMATS = ("xlsx", "csv")
MIMETYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "csv": "text/csv"}  # Flask adds "; charset=utf-8" to text types
_WIDE = {"名称", "摘要", "信息项", "共享条件/不予共享依据", "接口说明", "资源", "描述", "地址"}


def datasets(context: dict[str, Any], org_id: str | None = None) -> Iterator[dict[str, Any]]:
    """Every dataset the context's user may see (of one organization), page by page."""
    fq = "+dataset_type:dataset" + (f' +owner_org:"{org_id}"' if org_id else "")
    start = 0
    while True:
        result = tk.get_action("package_search")(dict(context), {
            "q": "*:*", "fq": fq, "rows": PAGE, "start": start,
            "sort": "organization asc, name asc", "include_private": True})
        page = result["results"]
        yield from page
        start += len(page)
        if not page or start >= result["count"]:
            return


# XLSX

def _sheet(workbook: Workbook, title: str, layout: tuple[c.Column, ...]):
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(layout, start=1):
        width = 40 if column.header in _WIDE else 16
        sheet.column_dimensions[get_column_letter(index)].width = width
    header = []
    for column in layout:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    return sheet


def _cells(sheet, values: list[str]) -> list[Any]:
    return [safe.xlsx_value(sheet, value) for value in values]


def write_xlsx(rows: Iterator[dict[str, Any]], file: IO[bytes]) -> int:
    """Write the three sheets; returns the number of datasets."""
    departments = Departments()
    workbook = Workbook(write_only=True)
    main = _sheet(workbook, c.MAIN_SHEET, c.MAIN_COLUMNS)
    items = _sheet(workbook, c.ITEMS_SHEET, c.ITEM_COLUMNS)
    resources = _sheet(workbook, c.RESOURCES_SHEET, c.RESOURCE_COLUMNS)
    count = 0
    for dataset in rows:
        count += 1
        main.append(_cells(main, encode.main_row(dataset, departments)))
        for values in encode.item_rows(dataset):
            items.append(_cells(items, values))
        for values in encode.resource_rows(dataset):
            resources.append(_cells(resources, values))
    workbook.save(file)
    return count


# CSV

def write_csv(rows: Iterator[dict[str, Any]], file: IO[str]) -> int:
    """One table, UTF-8 with BOM (open file with encoding='utf-8-sig', newline='')."""
    departments = Departments()
    writer = csv.writer(file)
    writer.writerow([column.header for column in c.CSV_COLUMNS])
    count = 0
    for dataset in rows:
        count += 1
        values = encode.main_row(dataset, departments, c.CSV_COLUMNS)
        writer.writerow([safe.csv_value(v) for v in values])
    return count


def export(context: dict[str, Any], fmt: str, path: str, org_id: str | None = None) -> int:
    """Write the catalog the context's user may see to path; returns the number of datasets."""
    if fmt == "csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as file:
            return write_csv(datasets(context, org_id), file)
    with open(path, "wb") as file:
        return write_xlsx(datasets(context, org_id), file)
