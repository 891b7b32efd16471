"""/dashboard/search-log: queries that found nothing, for the bureau, with a CSV download.

The blueprint also carries the search log's after_request hook (search/log.py), so the log
is written by whichever search door the request went through.
"""
from __future__ import annotations

from typing import Any

import flask

import ckan.plugins.toolkit as tk
from ckan.common import _

from ckanext.dazhou.search import log as search_log
from ckanext.dazhou.views import forms, reports

search_log_views = flask.Blueprint("dazhou_search_log", __name__)
search_log_views.after_app_request(search_log.request_done)


def _filters() -> dict[str, str]:
    args = flask.request.args
    return {k: args[k].strip() for k in ("start", "end") if args.get(k, "").strip()}


def _list(filters: dict[str, str], page: int, rows: int) -> dict[str, Any]:
    return tk.get_action("dazhou_search_log_list")(forms.context(), {**filters, "page": page, "rows": rows})


@search_log_views.route("/dashboard/search-log")
def index():
    filters, page = _filters(), forms.page_number()
    try:
        result = _list(filters, page, forms.ROWS)
    except tk.NotAuthorized as error:
        return forms.forbidden(error)
    except tk.ValidationError as error:
        tk.h.flash_error(forms.errors_text(error))
        return tk.redirect_to("dazhou_search_log.index")
    return tk.render("dazhou/search_log.html", {
        "result": result, "filters": filters,
        "page": forms.pager(page, result["count"], "dazhou_search_log.index", **filters)})


@search_log_views.route("/dashboard/search-log.csv")
def export():
    filters = _filters()
    try:
        first = _list(filters, 1, reports.EXPORT_ROWS)  # access and filters, before streaming
    except tk.NotAuthorized as error:
        return forms.forbidden(error)
    except tk.ValidationError as error:
        return tk.abort(400, forms.errors_text(error))

    def fetch(page: int) -> dict[str, Any]:
        return first if page == 1 else _list(filters, page, reports.EXPORT_ROWS)

    # csv_response makes cells starting with = + - @ inert (spreadsheet/safe.py)
    rows = ([r["query"], r["count"], r["days"], r["last_day"]] for r in reports.all_pages(fetch))

    header = [_("Query"), _("Searches"), _("Days"), _("Last searched")]
    return reports.csv_response(header, rows, "search-log.csv")
