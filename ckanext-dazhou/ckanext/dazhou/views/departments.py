"""The bureau's department list (/dashboard/departments, CSV): every department with its
code, dataset counts by open and share type, and members. Bureau and sysadmins only."""
from __future__ import annotations

from typing import Any, Iterator

import flask

import ckan.plugins.toolkit as tk
from ckan.common import _

from ckanext.dazhou.access.roles import viewer_for
from ckanext.dazhou.logic import params
from ckanext.dazhou.supervision import department_list
from ckanext.dazhou.views import forms, reports

departments = flask.Blueprint("dazhou_departments", __name__)

ROWS = 50


def _refusal():
    """None for the bureau; else the sign-in redirect or a 403 that says why."""
    if viewer_for(tk.current_user).is_bureau:
        return None
    if tk.current_user.is_authenticated:
        return tk.abort(403, _("Only the Big Data Bureau may see the department list"))
    return forms.forbidden()


def _page() -> int:
    try:
        return params.page_validator(flask.request.args.get("page"), {})
    except tk.Invalid as error:
        return tk.abort(400, str(error))


def _labels() -> dict[str, list[tuple[str, str]]]:
    return {s: [(k, tk.h.dazhou_vocab_label(s, k)) for k in department_list._keys(s)]
            for s in department_list.SCHEMES}


@departments.route("/dashboard/departments")
def index():
    refused = _refusal()
    if refused is not None:
        return refused
    page = _page()
    total = department_list.count()
    rows = department_list.page((page - 1) * ROWS, ROWS)
    return tk.render("dazhou/departments.html", {
        "rows": rows, "count": total, "labels": _labels(),
        "page": forms.pager(page, total, "dazhou_departments.index", rows=ROWS)})


def _header(labels: dict[str, list[tuple[str, str]]]) -> list[str]:
    return ([_("Department code"), _("Department"), _("Datasets")]
            + [label for s in department_list.SCHEMES for _key, label in labels[s]]
            + [_("Members")])


def _cells(rows: Iterator[department_list.DepartmentRow]) -> Iterator[list[Any]]:
    for row in rows:
        yield ([row.code, row.title, row.datasets]
               + [row.by_type[s][k] for s in department_list.SCHEMES for k in row.by_type[s]]
               + [row.members])


def _all_rows() -> Iterator[department_list.DepartmentRow]:
    offset = 0
    while True:
        rows = department_list.page(offset, reports.EXPORT_ROWS)
        yield from rows
        if len(rows) < reports.EXPORT_ROWS:
            return
        offset += reports.EXPORT_ROWS


@departments.route("/dashboard/departments.csv")
def export():
    refused = _refusal()
    if refused is not None:
        return refused
    return reports.csv_response(_header(_labels()), _cells(_all_rows()), "departments.csv")
