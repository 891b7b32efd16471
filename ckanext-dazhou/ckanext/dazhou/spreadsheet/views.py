"""/catalog/spreadsheet: download a department's or the city's catalog, import a spreadsheet."""
from __future__ import annotations

import io
import tempfile
from typing import Any

import flask

import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _

from ckanext.dazhou import dates
from ckanext.dazhou.spreadsheet import background
from ckanext.dazhou.spreadsheet import export as exporter
from ckanext.dazhou.spreadsheet import importer

catalog_spreadsheet = flask.Blueprint("dazhou_catalog_sheet", __name__,
                                      url_prefix="/catalog/spreadsheet")


def _user() -> str:
    return tk.current_user.name if tk.current_user.is_authenticated else ""


def _context() -> dict[str, Any]:
    return {"user": _user()}


def _organization(name: str | None) -> dict[str, Any] | None:
    if not name:
        return None
    try:
        return tk.get_action("organization_show")(
            _context(), {"id": name, "include_datasets": False})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, _("Organization not found"))


def _my_departments() -> list[dict[str, Any]]:
    if not _user():
        return []
    return tk.get_action("organization_list_for_user")(
        _context(), {"id": _user(), "permission": "read", "include_dataset_count": False})


@catalog_spreadsheet.route("/")
def index():
    return tk.render("dazhou/catalog/index.html", {"departments": _my_departments()})


@catalog_spreadsheet.route("/export.<fmt>")
def download(fmt: str):
    if fmt not in exporter.FORMATS:
        return tk.abort(404, _("Unknown format"))
    organization = _organization(tk.request.args.get("org"))
    if organization is None:
        return _city_wide(fmt)
    # Only what the caller may see: package_search with the caller's context.
    rows = exporter.datasets(_context(), organization["id"])
    file = tempfile.TemporaryFile()  # closed (and removed) by Flask after sending
    if fmt == "csv":
        text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
        exporter.write_csv(rows, text)
        text.flush()
        text.detach()
    else:
        exporter.write_xlsx(rows, file)
    file.seek(0)
    return flask.send_file(file, mimetype=exporter.MIMETYPES[fmt], as_attachment=True,
                           download_name=_download_name(organization["title"], fmt))


def _download_name(scope: str, fmt: str) -> str:
    name = _("{scope} catalog {date}").format(
        scope=scope, date=dates.file_day())  # the day in Shanghai, not the server's
    return f"{name}.{fmt}"


def _city_wide(fmt: str):
    """Built in the background (minutes at city scale): the file, or a page that waits for it."""
    try:
        path = background.ready_or_queued(_user(), fmt)
    except background.NotQueued:
        return tk.abort(503, _("The city-wide catalog cannot be prepared right now; "
                               "please try again in a few minutes"))
    if path is None:
        return tk.render("dazhou/catalog/preparing.html", {"fmt": fmt}), 202
    return flask.send_file(path, mimetype=exporter.MIMETYPES[fmt], as_attachment=True,
                           download_name=_download_name(_("Dazhou city"), fmt))


@catalog_spreadsheet.route("/import", methods=["GET", "POST"])
def upload():
    if not _user():
        return tk.abort(403, _("Log in to import a catalog spreadsheet"))
    report, error = None, None
    if tk.request.method == "POST":
        file = tk.request.files.get("file")
        if file is None or not file.filename:
            error = _("Choose an .xlsx file to import")
        else:
            report = importer.run(file.stream, _user())
    return tk.render("dazhou/catalog/import.html", {
        "report": report, "error": error, "departments": _my_departments()})
