"""Labels and downloads (CSV with BOM, XLSX) of the supervision list and the evaluation report.

Every cell goes through spreadsheet/safe.py: titles and department names are user text, and
one starting with = + - @ must not become a live formula in the bureau's spreadsheet.
"""
from __future__ import annotations

import csv
import io
from typing import Any, Callable, Iterable, Iterator

import flask
from openpyxl import Workbook

from ckan.common import _

from ckanext.dazhou.spreadsheet import safe

EXPORT_ROWS = 100  # the action's page size limit
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def kind_labels() -> dict[str, str]:
    return {
        "share_reply_overdue": _("Share application not answered in time"),
        "feedback_reply_overdue": _("Error report not answered in time"),
        "open_reply_overdue": _("Open-data application not answered in time"),
        "shared_data_not_updated": _("Shared data not updated after a change"),
        "catalog_not_updated": _("Catalog entry not updated after a change"),
        "stale_dataset": _("Dataset not updated within its update cycle"),
    }


def unit_labels() -> dict[str, str]:
    return {"working_days": _("working days"), "days": _("days")}


def evaluation_figures() -> list[tuple[str, str, str]]:
    """(key, label, kind) of the report's figures; kind is count, ratio or days."""
    return [
        ("open_datasets", _("Open datasets"), "count"),
        ("open_resources", _("Open resources"), "count"),
        ("machine_readable_share", _("Machine-readable share of open resources"), "ratio"),
        ("data_changes", _("Recorded data changes"), "count"),
        ("on_time_update_rate", _("Shared data updated on time"), "ratio"),
        ("applications", _("Share and open applications"), "count"),
        ("application_median_reply_working_days", _("Median answer time of applications (working days)"), "days"),
        ("application_on_time_rate", _("Applications answered on time"), "ratio"),
        ("feedback", _("Error reports"), "count"),
        ("feedback_median_reply_working_days", _("Median answer time of error reports (working days)"), "days"),
        ("feedback_on_time_rate", _("Error reports answered on time"), "ratio"),
        ("downloads", _("Downloads"), "count"),  # use figures (issue 15)
        ("api_calls", _("API calls"), "count"),
    ]


def rate_kinds() -> dict[str, str]:
    """Which denominator (report["denominators"][kind]) each rate is computed over."""
    return {"on_time_update_rate": "update", "application_on_time_rate": "application",
            "feedback_on_time_rate": "feedback"}


def ranking_header() -> list[str]:
    return [_("Place"), _("Department"), _("On time"), _("Due or answered"), _("On-time rate"),
            _("Applications answered on time"), _("Error reports answered on time"),
            _("Shared data updated on time")]


def percent(value: float | None) -> str:
    """0.3333 → 33.3%; no denominator → —."""
    return "—" if value is None else f"{value * 100:.1f}%"


def ranking_cells(row: dict[str, Any]) -> list[Any]:
    def part(kind: str) -> str:
        counted = row[f"{kind}_counted"]
        return f"{row[f'{kind}_on_time']}/{counted}" if counted else "—"
    return [row["place"] or "—", row["organization_title"], row["on_time"], row["counted"],
            percent(row["on_time_rate"]), part("application"), part("feedback"), part("update")]


def all_pages(fetch: Callable[[int], dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every row of a list, fetching page after page of EXPORT_ROWS from `fetch(page)`."""
    page = 1
    while True:
        results = fetch(page)["results"]
        yield from results
        if len(results) < EXPORT_ROWS:
            return
        page += 1


def violation_header() -> list[str]:
    return [_("Department"), _("Violation"), _("Article"), _("Dataset"), _("Deadline"),
            _("Overdue"), _("Unit"), _("Evidence")]


def violation_cells(row: dict[str, Any]) -> list[Any]:
    return [row["org_title"], kind_labels().get(row["kind"], row["kind"]),
            _("Art. {n}").format(n=row["article"]), row.get("package_title") or "",
            row["deadline"], row["days_overdue"], unit_labels().get(row["unit"], row["unit"]),
            row["evidence_url"]]


def _csv_line(cells: Iterable[Any]) -> str:
    out = io.StringIO()
    csv.writer(out).writerow([safe.csv_value(cell) for cell in cells])
    return out.getvalue()


def csv_response(header: list[str], rows: Iterable[list[Any]], filename: str) -> flask.Response:
    def generate():
        yield "\ufeff" + _csv_line(header)
        for cells in rows:
            yield _csv_line(cells)
    return flask.Response(flask.stream_with_context(generate()), mimetype="text/csv",
                          headers={"Content-Disposition": f'attachment; filename="{filename}"'},
                          content_type="text/csv; charset=utf-8")


def xlsx_response(sheets: list[tuple[str, list[str], Iterable[list[Any]]]], filename: str) -> flask.Response:
    """One workbook written row by row (openpyxl write-only) from (title, header, rows) sheets."""
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append([safe.xlsx_value(sheet, cell) for cell in header])
        for cells in rows:
            sheet.append([safe.xlsx_value(sheet, cell) for cell in cells])
    out = io.BytesIO()
    book.save(out)
    return flask.Response(out.getvalue(), mimetype=XLSX_TYPE,
                          headers={"Content-Disposition": f'attachment; filename="{filename}"'})
