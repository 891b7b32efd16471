"""The table preview's data requests (issue 15), in place of datatables_view's own.

CKAN's handler lets resource_view_show's refusal escape as a 500 for a dataset the viewer
may not see, and turns every character outside [0-9a-zA-Z-] of the search box into "_",
so Chinese text found nothing. Ours answers 404/403 as JSON and searches Chinese: each word
of the box is a prefix query on the DataStore's full-text index ('simple' configuration).
The data itself comes from datastore_search, whose auth is the resource rule.
"""
from __future__ import annotations

import json
import re
from html import escape

from flask import Blueprint

import ckan.plugins.toolkit as tk
from ckan.lib.helpers import decode_view_request_filters

datastore_preview = Blueprint("dazhou_datastore_preview", __name__)

_MAX_ROWS = 100
_WORD = re.compile(r"\w+", re.UNICODE)


def _answer(body: dict, status: int = 200):
    return json.dumps(body), status, {"Content-Type": "application/json"}


def full_text_query(text: str) -> str:
    """'通川 人口' -> '通川:* & 人口:*' (words only: nothing of tsquery's syntax passes)."""
    return " & ".join(f"{word}:*" for word in _WORD.findall(text or "")[:10])


def _int(name: str, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(tk.request.form.get(name, default)), low), high)
    except (TypeError, ValueError):
        return default


def _sort(columns: list[str]) -> str:
    order, i = [], 0
    while f"order[{i}][column]" in tk.request.form and i < len(columns):
        index = _int(f"order[{i}][column]", -1, -1, len(columns) - 1)
        if index >= 0:
            direction = "desc" if tk.request.form.get(f"order[{i}][dir]") == "desc" else "asc"
            order.append(f'"{columns[index]}" {direction}')
        i += 1
    return ", ".join(order)


def ajax(resource_view_id: str):
    try:  # a view of a dataset the viewer may not see does not exist for them
        view = tk.get_action("resource_view_show")({}, {"id": resource_view_id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return _answer({"error": tk._("Resource not found")}, 404)
    try:
        filters = dict(view.get("filters") or {})
        filters.update(decode_view_request_filters() or {})
        search = tk.get_action("datastore_search")
        everything = search({}, {"resource_id": view["resource_id"], "limit": 0,
                                 "filters": view.get("filters") or {},
                                 "total_estimation_threshold": 100000})
    except tk.ObjectNotFound:
        return _answer({"error": tk._("Resource not found")}, 404)
    except tk.NotAuthorized:
        return _answer({"error": tk._(
            "Using this resource needs an approved share or open application (Art. 18, 27)")},
            403)
    columns = [f["id"] for f in everything["fields"]]  # _id first, as the page's columns
    if view.get("show_fields"):
        columns = [c for c in columns if c in view["show_fields"]]
    params = {"resource_id": view["resource_id"], "filters": filters,
              "offset": _int("start", 0, 0, 10 ** 9), "limit": _int("length", 10, 0, _MAX_ROWS),
              "sort": _sort(columns) or None,
              "total_estimation_threshold": 100000}
    query = full_text_query(tk.request.form.get("search[value]", ""))
    if query:
        params.update(q=query, plain=False, language="simple")
    try:
        found = search({}, {k: v for k, v in params.items() if v is not None})
    except (tk.ValidationError, tk.ObjectNotFound, tk.NotAuthorized):
        return _answer({"error": tk._("The search could not be run")}, 400)
    rows = [{**{c: escape("" if r.get(c) is None else str(r.get(c))) for c in columns},
             "DT_RowId": f"row{r.get('_id', '')}"} for r in found["records"]]
    return _answer({"draw": _int("draw", 0, 0, 10 ** 9), "data": rows,
                    "recordsTotal": everything.get("total", 0),
                    "recordsFiltered": found.get("total", 0),
                    "total_was_estimated": everything.get("total_was_estimated", False)})


def filtered_download(resource_view_id: str):
    """CKAN's filtered download, after the same 404/403 answer for the view."""
    from ckanext.datatablesview.blueprint import filtered_download as ckan_download

    try:
        view = tk.get_action("resource_view_show")({}, {"id": resource_view_id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, tk._("Resource not found"))
    try:
        tk.check_access("datastore_search", {}, {"resource_id": view["resource_id"]})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Resource not found"))
    except tk.NotAuthorized:
        return tk.abort(403, tk._(
            "Using this resource needs an approved share or open application (Art. 18, 27)"))
    return ckan_download(resource_view_id)


# the same rules as datatables_view's: our plugin's blueprints are registered first
datastore_preview.add_url_rule("/datatables/ajax/<resource_view_id>", view_func=ajax,
                               methods=["POST"])
datastore_preview.add_url_rule("/datatables/filtered-download/<resource_view_id>",
                               view_func=filtered_download, methods=["POST"])
