"""Checks across the rows of one file: links between sheets, summaries and duplicates."""
from __future__ import annotations

from typing import Any

from ckan.common import _

from ckanext.dazhou import authority
from ckanext.dazhou.spreadsheet import cells
from ckanext.dazhou.spreadsheet import columns as c
from ckanext.dazhou.spreadsheet.decode import DatasetRow, Detail
from ckanext.dazhou.spreadsheet.report import Report


def link(rows: list[DatasetRow], details: list[Detail], sheet: str, report: Report) -> None:
    """Attach each detail row to its dataset row: by 代码 when given, else by 网址名称."""
    by_code: dict[str, DatasetRow] = {}
    by_name: dict[str, DatasetRow] = {}
    for row in rows:
        by_code.setdefault(row.code, row)
        by_name.setdefault(row.name, row)
    attribute = "items" if sheet == c.ITEMS_SHEET else "resources"
    for detail in details:
        target = None
        if detail.link_code:
            target = by_code.get(detail.link_code)
            column, value = c.LINK_CODE.header, detail.link_code
        elif detail.link_name:
            target = by_name.get(detail.link_name)
            column, value = c.LINK_NAME.header, detail.link_name
        else:
            report.add(sheet, detail.row, c.LINK_NAME.header, _(
                "Fill in {code} or {name} to say which dataset this row belongs to").format(
                code=c.LINK_CODE.header, name=c.LINK_NAME.header))
            continue
        if target is None:
            report.add(sheet, detail.row, column, _(
                "No row of sheet {sheet} has the {column} {value}").format(
                sheet=c.MAIN_SHEET, column=column, value=value))
        elif detail.link_code and detail.link_name and detail.link_name != target.name:
            report.add(sheet, detail.row, c.LINK_NAME.header, _(
                "{code} and {name} point to different rows of sheet {sheet}").format(
                code=c.LINK_CODE.header, name=c.LINK_NAME.header, sheet=c.MAIN_SHEET))
        else:
            getattr(target, attribute).append(detail)


def summaries(row: DatasetRow, report: Report) -> None:
    """格式 and 信息项 repeat the detail sheets; when filled in they must agree with them."""
    names_column, formats_column = c.of_kind(c.ITEM_NAMES), c.of_kind(c.FORMATS)
    names = row.cells.get(names_column.header, "")
    expected = cells.split(cells.LIST_SEPARATOR.join(d.values.get("name", "") for d in row.items))
    if names.strip() and cells.split(names) != expected:
        report.add(c.MAIN_SHEET, row.row, names_column.header, _(
            "This column repeats the names of the data items in sheet {sheet}: edit the data "
            "items there (or leave this cell empty)").format(sheet=c.ITEMS_SHEET))
    formats = row.cells.get(formats_column.header, "")
    if not formats.strip():
        return
    try:
        keys = cells.parse_codes(formats_column, formats)
    except cells.CellError as error:
        report.add(c.MAIN_SHEET, row.row, formats_column.header, str(error))
        return
    if set(keys) != {d.values["format"] for d in row.resources if d.values.get("format")}:
        report.add(c.MAIN_SHEET, row.row, formats_column.header, _(
            "This column repeats the formats of the resources in sheet {sheet}: edit the formats "
            "there (or leave this cell empty)").format(sheet=c.RESOURCES_SHEET))


def duplicates(rows: list[DatasetRow], report: Report) -> None:
    """The same 代码, 网址名称, or 名称 of one provider twice in the file."""
    title_header = next(col.header for col in c.MAIN_COLUMNS if col.field == "title")
    keys = (
        (c.LINK_CODE.header, lambda r: r.code),
        (c.LINK_NAME.header, lambda r: r.name),
        (title_header, lambda r: (r.fields.get("owner_org"), r.fields.get("title"))
         if r.fields.get("title") else None),
    )
    for header, key_of in keys:
        first: dict[Any, int] = {}
        for row in rows:
            key = key_of(row)
            if not key:
                continue
            if key in first:
                value = key[1] if isinstance(key, tuple) else key
                report.add(c.MAIN_SHEET, row.row, header, _(
                    "Duplicate in this file: {column} {value} is also in row {row}").format(
                    column=header, value=value, row=first[key]))
            else:
                first[key] = row.row


def claims(rows: list[DatasetRow], report: Report) -> None:
    """One data, one source inside the file: no data item claimed by two rows."""
    header = next(col.header for col in c.ITEM_FIELDS if col.field == "authoritative")
    first: dict[str, tuple[DatasetRow, Detail]] = {}
    for row in rows:
        for detail in row.items:
            if not detail.values.get("authoritative") or authority.is_generic(detail.values.get("name")):
                continue
            identity = authority.identity(detail.values.get("name"), detail.values.get("code"))
            owner = first.setdefault(identity, (row, detail))
            if owner[0] is not row:  # twice in one dataset: the schema validator says so
                report.add(c.ITEMS_SHEET, detail.row, header, _(
                    "One data, one source (Art. 14): the data item {item} is also claimed as "
                    "authoritative in row {row} of sheet {sheet}").format(
                    item=detail.values.get("name") or detail.values.get("code"),
                    row=owner[1].row, sheet=c.ITEMS_SHEET))


def same_target(rows: list[DatasetRow], matched: dict[int, str], report: Report) -> None:
    """Two rows that would update the same stored dataset."""
    first: dict[str, int] = {}
    for row in rows:
        package_id = matched.get(row.row)
        if not package_id:
            continue
        if package_id in first:
            report.add(c.MAIN_SHEET, row.row, c.LINK_CODE.header, _(
                "This row and row {row} update the same dataset").format(row=first[package_id]))
        else:
            first[package_id] = row.row
