"""The supervision dashboard (Art. 31), the evaluation report (Art. 28), with downloads, and
the harvest conflicts of one data, one source (Art. 14)."""
from __future__ import annotations

from typing import Any

import flask

import ckan.plugins.toolkit as tk
from ckan.common import _

from ckanext.dazhou.access.roles import viewer_for
from ckanext.dazhou.views import forms, reports

supervision = flask.Blueprint("dazhou_supervision", __name__)


def _departments(is_bureau: bool) -> list[dict[str, Any]]:
    if is_bureau:
        return forms.departments()
    return tk.get_action("organization_list_for_user")(forms.context(), {"permission": "read"})


def _violation_filters() -> dict[str, str]:
    args = flask.request.args
    return {k: args[k] for k in ("organization", "kind") if args.get(k)}


def _violations(filters: dict[str, str], page: int, rows: int) -> dict[str, Any]:
    return tk.get_action("dazhou_violation_list")(forms.context(), {**filters, "page": page, "rows": rows})


@supervision.route("/dashboard/supervision")
def index():
    filters = _violation_filters()
    result = forms.fetch("dazhou_violation_list",
                         {**filters, "page": forms.page_number(), "rows": forms.ROWS})
    viewer = viewer_for(tk.current_user)
    return tk.render("dazhou/supervision/index.html", {
        "result": result, "filters": filters, "is_bureau": viewer.is_bureau,
        "departments": _departments(viewer.is_bureau),
        "kind_labels": reports.kind_labels(), "unit_labels": reports.unit_labels(),
        "page": forms.pager(result["page"], result["count"], "dazhou_supervision.index", **filters)})


@supervision.route("/dashboard/supervision/export.<fmt>")
def export(fmt: str):
    if fmt not in ("csv", "xlsx"):
        return tk.abort(404)
    filters = _violation_filters()
    try:
        first = _violations(filters, 1, reports.EXPORT_ROWS)  # access and filters, before streaming
    except tk.NotAuthorized as error:
        return forms.forbidden(error)
    except tk.ValidationError as error:
        return tk.abort(400, forms.errors_text(error))

    def fetch(page: int) -> dict[str, Any]:
        return first if page == 1 else _violations(filters, page, reports.EXPORT_ROWS)

    rows = (reports.violation_cells(r) for r in reports.all_pages(fetch))
    filename = f"supervision-{first['date']}.{fmt}"
    if fmt == "csv":
        return reports.csv_response(reports.violation_header(), rows, filename)
    ratio_header = [_("Department"), _("Datasets"), _("Share ratio"), _("Open ratio")]
    ratio_rows = ([r["org_title"], r["datasets"], r["share_ratio"], r["open_ratio"]] for r in first["ratios"])
    return reports.xlsx_response([(_("Violations"), reports.violation_header(), rows),
                                  (_("Ratios"), ratio_header, ratio_rows)], filename)


def _evaluation() -> tuple[dict[str, str], dict[str, Any] | None, dict[str, list[str]]]:
    args = flask.request.args
    query = {k: args[k] for k in ("organization", "start", "end") if args.get(k)}
    try:
        return query, tk.get_action("dazhou_evaluation_report")(forms.context(), query), {}
    except tk.ValidationError as error:
        return query, None, forms.field_errors(error)


@supervision.route("/dashboard/evaluation")
def evaluation():
    try:
        query, report, errors = _evaluation()
    except tk.NotAuthorized as error:
        return forms.forbidden(error)
    viewer = viewer_for(tk.current_user)
    departments = _departments(viewer.is_bureau)
    org_titles = {d["id"]: d["display_name"] for d in departments}
    return tk.render("dazhou/supervision/evaluation.html", {
        "query": query, "report": report, "errors": errors, "is_bureau": viewer.is_bureau,
        "departments": departments, "figures": reports.evaluation_figures(),
        "rate_kinds": reports.rate_kinds(), "ranking_header": reports.ranking_header(),
        "ranking_rows": [reports.ranking_cells(r) for r in (report or {}).get("ranking", [])],
        "scope_title": org_titles.get((report or {}).get("organization_id") or "", _("The whole city"))}
    ), 400 if errors else 200  # the form shows the field's error; the status says it failed


@supervision.route("/dashboard/evaluation/export.xlsx")
def evaluation_export():
    try:
        query, report, errors = _evaluation()
    except tk.NotAuthorized as error:
        return forms.forbidden(error)
    if report is None:
        return tk.abort(400, "；".join(m for ms in errors.values() for m in ms))
    rows = [[_("Period"), f"{report['start']} – {report['end']}"]]
    kinds = reports.rate_kinds()
    for key, label, _kind in reports.evaluation_figures():
        counts = report["denominators"].get(kinds.get(key, ""))
        rows.append([label, report.get(key)] + (
            [counts["on_time"], counts["counted"], counts["not_yet_due"]] if counts else []))
    header = [_("Figure"), _("Value"), _("On time"), _("Due or answered"), _("Not yet due")]
    ranking = (reports.ranking_cells(r) for r in report["ranking"])
    return reports.xlsx_response([(_("Evaluation"), header, rows),
                                  (_("Department ranking"), reports.ranking_header(), ranking)],
                                 f"evaluation-{report['start']}-{report['end']}.xlsx")


# harvest conflicts (Art. 14)

@supervision.route("/dashboard/harvest-conflicts")
def harvest_conflicts():
    args = flask.request.args
    filters = {k: args[k] for k in ("state", "harvest_source_id", "owner_org") if args.get(k)}
    result = forms.fetch("dazhou_harvest_conflict_list",
                         {**filters, "page": forms.page_number(), "rows": forms.ROWS})
    return tk.render("dazhou/supervision/harvest_conflicts.html", {
        "result": result, "filters": filters, "state": filters.get("state"),
        "is_bureau": viewer_for(tk.current_user).is_bureau,
        "page": forms.pager(result["page"], result["count"], "dazhou_supervision.harvest_conflicts",
                            **filters)})


@supervision.route("/dashboard/harvest-conflicts/<id>/resolve", methods=["POST"])
def harvest_conflict_resolve(id: str):
    refused = forms.run_form_action("dazhou_harvest_conflict_resolve",
                                    {"id": id, **forms.form_data("note")}, _("Conflict resolved"))
    back = {k: v for k, v in flask.request.form.items() if k == "state" and v}
    return refused or tk.redirect_to("dazhou_supervision.harvest_conflicts", **back)
