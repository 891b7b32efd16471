"""The validation package_create / package_update run (scheming schema, catalog rules, one data
one source, resource codes), without saving; and its errors as report lines.

The catalog rules' validator may generate resource codes (table dazhou_code_sequence): the
caller runs this inside a transaction it rolls back.
"""
from __future__ import annotations

from typing import Any

from ckan import model
from ckan.lib import plugins as lib_plugins

from ckanext.dazhou.spreadsheet import columns as c
from ckanext.dazhou.spreadsheet.decode import DatasetRow
from ckanext.dazhou.spreadsheet.report import Report


def errors_of(data: dict[str, Any], user: str, package_id: str | None) -> dict[str, Any]:
    """The error dict package_create (or package_update of package_id) would raise."""
    plugin = lib_plugins.lookup_package_plugin("dataset")
    context: dict[str, Any] = {"model": model, "session": model.Session, "user": user,
                               "auth_user_obj": model.User.get(user)}
    if package_id:
        package = model.Package.get(package_id)
        context["package"] = package
        data = dict(data, id=package.id, type=package.type)
        schema, action = plugin.update_package_schema(), "package_update"
    else:
        data = dict(data, type="dataset")
        schema, action = plugin.create_package_schema(), "package_create"
    _data, errors = lib_plugins.plugin_validate(plugin, context, data, schema, action)
    return errors


def _messages(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [f"{k}: {m}" for k, v in value.items() for m in _messages(v)]
    return [m for v in value or [] for m in _messages(v)]


def _detail_errors(row: DatasetRow, field: str, value: list[Any], report: Report,
                   skip: set[tuple[str, int | None, str]]) -> None:
    sheet, layout, details = (
        (c.ITEMS_SHEET, c.ITEM_FIELDS, row.items) if field == "data_items"
        else (c.RESOURCES_SHEET, c.RESOURCE_FIELDS, row.resources))
    headers = {col.field: col.header for col in layout}
    for index, entry in enumerate(value):
        if not isinstance(entry, dict):
            add_field_errors(row, field, entry, report, skip)
            continue
        detail_row = details[index].row if index < len(details) else row.row
        for subfield, messages in entry.items():
            header = headers.get(subfield, subfield)
            if (sheet, detail_row, header) not in skip:
                for message in _messages(messages):
                    report.add(sheet, detail_row, header, message)


def add_field_errors(row: DatasetRow, field: str, value: Any, report: Report,
                     skip: set[tuple[str, int | None, str]]) -> None:
    if field in ("data_items", "resources") and isinstance(value, list) and any(
            isinstance(v, dict) for v in value):
        _detail_errors(row, field, value, report, skip)
        return
    column = c.main_column_of(field)
    header = column.header if column else field
    if (c.MAIN_SHEET, row.row, header) in skip:
        return  # the cell was already reported as unreadable
    for message in _messages(value):
        report.add(c.MAIN_SHEET, row.row, header, message)


def report_errors(row: DatasetRow, errors: dict[str, Any], report: Report,
                  skip: set[tuple[str, int | None, str]]) -> None:
    for field, value in errors.items():
        add_field_errors(row, field, value, report, skip)
