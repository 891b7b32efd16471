"""Bulk import of a catalog spreadsheet: validate every row first, then apply all or nothing.

1. read the sheets and decode every cell (unknown codes, bad dates…);
2. whole-file checks: links between sheets, duplicates, one data one source inside the file;
3. match rows to stored datasets (代码, else 网址名称) and check the user's rights;
4. run package_create/package_update's validation for every changed row, in a transaction
   that is rolled back (the rules' validator draws resource codes);
5. only when nothing was found: apply every row in ONE transaction (defer_commit), commit,
   then update the search index. Any failure rolls the whole file back.
"""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import IO, Any, Optional

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import _
from ckan.lib import search

from ckanext.dazhou.index.visible import commit_and_wait
from ckanext.dazhou.spreadsheet import checks, encode, payload, permissions, stored, validation
from ckanext.dazhou.spreadsheet import columns as c
from ckanext.dazhou.spreadsheet.decode import DatasetRow, decode_detail, decode_main
from ckanext.dazhou.spreadsheet.departments import Departments
from ckanext.dazhou.spreadsheet.reader import SheetRow, read_xlsx
from ckanext.dazhou.spreadsheet.report import Report

log = logging.getLogger(__name__)

# A row and the stored dataset it updates (None: it creates one).
Plan = tuple[DatasetRow, Optional[dict[str, Any]]]


def _read(file: IO[bytes], departments: Departments, report: Report) -> list[DatasetRow]:
    sheets = read_xlsx(file, report)
    if not report.accepted:
        return []
    rows = [decode_main(r, departments, report) for r in sheets[c.MAIN_SHEET]]
    if not rows:
        report.add(c.MAIN_SHEET, None, "", _("The sheet {sheet} has no datasets").format(
            sheet=c.MAIN_SHEET))
    for sheet, layout in ((c.ITEMS_SHEET, c.ITEM_FIELDS), (c.RESOURCES_SHEET, c.RESOURCE_FIELDS)):
        details = [decode_detail(r, sheet, layout, report) for r in sheets[sheet]]
        checks.link(rows, details, sheet, report)
    return rows


def _as_read(values: list[str], layout: tuple[c.Column, ...]) -> dict[str, str]:
    return dict(zip((column.header for column in layout), values))


def _unchanged(row: DatasetRow, dataset: dict[str, Any], departments: Departments) -> bool:
    """True when the row says what the stored dataset holds (the dataset read as if exported)."""
    quiet = Report()
    again = decode_main(SheetRow(row.row, _as_read(encode.main_row(dataset, departments),
                                                   c.MAIN_COLUMNS)), departments, quiet)
    items = [decode_detail(SheetRow(0, _as_read(v, c.ITEM_COLUMNS)), c.ITEMS_SHEET,
                           c.ITEM_FIELDS, quiet).values for v in encode.item_rows(dataset)]
    resources = [decode_detail(SheetRow(0, _as_read(v, c.RESOURCE_COLUMNS)), c.RESOURCES_SHEET,
                               c.RESOURCE_FIELDS, quiet).values
                 for v in encode.resource_rows(dataset)]
    return (again.fields == row.fields and items == [d.values for d in row.items]
            and resources == [d.values for d in row.resources])


def _validate(plans: list[Plan], user: str, report: Report) -> None:
    already = {(p.sheet, p.row, p.column) for p in report.problems}
    try:
        for row, dataset in plans:
            errors = validation.errors_of(payload.build(row, dataset), user,
                                          dataset["id"] if dataset else None)
            validation.report_errors(row, errors, report, already)
    finally:
        model.Session.rollback()  # drops the resource codes the validator drew


def _release_savepoints_since(outer) -> None:
    """RELEASE the savepoints an action left open (keeping their changes in our transaction).

    CKAN 2.12's package_update opens a savepoint and, under defer_commit + return_id_only,
    returns without closing it: 400 updates nested 400 savepoints and the final commit died
    with RecursionError. Released here after each row, the file stays ONE transaction.
    """
    nested = model.Session().get_nested_transaction()
    while nested is not None and nested is not outer:
        nested.commit()
        nested = model.Session().get_nested_transaction()


def _apply(plans: list[Plan], user: str, report: Report) -> list[str]:
    ids: list[str] = []
    row = None
    user_obj = model.User.get(user)  # once, not one lookup per action and auth check
    try:
        for row, dataset in plans:
            context = {"user": user, "auth_user_obj": user_obj, "defer_commit": True,
                       "return_id_only": True}
            action = "package_update" if dataset else "package_create"
            # CKAN 2.12's package_update rolls its savepoint back under defer_commit unless
            # return_id_only is set too: both are needed to keep the change for our commit.
            outer = model.Session().get_nested_transaction()
            ids.append(tk.get_action(action)(context, payload.build(row, dataset)))
            _release_savepoints_since(outer)
        model.Session.commit()
    except (tk.ValidationError, tk.NotAuthorized) as error:
        model.Session.rollback()
        errors = error.error_dict if isinstance(error, tk.ValidationError) else {
            "owner_org": [str(error) or _("Not authorized")]}
        validation.report_errors(row, errors, report, set())
        return []
    except Exception:
        model.Session.rollback()
        raise
    return ids


# Fault tests set this to a file path: the import touches it after its commit and waits to be
# killed there, i.e. stored but not indexed (what `ckan dazhou index reconcile` repairs).
PAUSE_AFTER_COMMIT = "DAZHOU_TEST_PAUSE_AFTER_COMMIT"


def _pause_for_fault_test() -> None:
    signal = os.environ.get(PAUSE_AFTER_COMMIT)
    if signal:
        Path(signal).touch()
        time.sleep(120)


def _reindex(ids: list[str], report: Report) -> None:
    try:
        search.rebuild(package_ids=ids, defer_commit=True, quiet=True)
        commit_and_wait()  # the report says "stored": the rows are findable when it is read
    except search.SearchIndexError as error:
        log.error("catalog import stored but could not index: %s", error)
        report.notes.append(_("The datasets were stored but the search index could not be "
                              "updated; ask an administrator to rebuild it"))


def run(file: IO[bytes], user: str) -> Report:
    """Import the workbook as user (a user name). Nothing is stored unless the report accepts."""
    report = Report()
    departments = Departments()
    rows = _read(file, departments, report)
    if not rows:
        return report
    for row in rows:
        checks.summaries(row, report)
    checks.duplicates(rows, report)
    checks.claims(rows, report)
    matched = stored.match(rows)
    checks.same_target(rows, matched, report)
    datasets = stored.fetch(matched.values())
    permissions.check(rows, matched, datasets, user, departments, report)
    plans: list[Plan] = []
    for row in rows:
        dataset = datasets.get(matched.get(row.row, ""))
        if dataset and _unchanged(row, dataset, departments):
            report.unchanged += 1
        else:
            plans.append((row, dataset))
    _validate(plans, user, report)
    if not report.accepted:
        report.unchanged = 0
        return report
    ids = _apply(plans, user, report)
    if not report.accepted:
        report.unchanged = 0
        return report
    report.created = sum(1 for _row, dataset in plans if dataset is None)
    report.updated = len(plans) - report.created
    _pause_for_fault_test()
    if ids:
        _reindex(ids, report)
    return report
