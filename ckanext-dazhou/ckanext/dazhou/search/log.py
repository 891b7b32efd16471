"""The search log: queries that found nothing, counted per day, for the bureau (issue 12).

Only what a person typed at a search door is logged: the dataset search page and the API's
package_search with a `q`. package_search calls our own code makes (home page figures,
helpers, exports) happen at other endpoints or carry another `q`, so they never count.
A request logs its query when every package_search it ran found nothing (a fallback that
found something means the user saw results). Kept: the normalised text, the day, a count;
never who asked. Only the bureau reads it (a query may be the title of a closed dataset).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

import flask
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.dazhou import deadlines
from ckanext.dazhou.access.roles import viewer_from_context
from ckanext.dazhou.logic import params

_SPACES = re.compile(r"\s+")


class SearchLogEntry(tk.BaseModel):
    """(query, day) -> count; created by migration 0005_search_log. No identity column."""

    __tablename__ = "dazhou_search_log"
    query: Mapped[str] = mapped_column(sa.UnicodeText, primary_key=True)
    day: Mapped[dt.date] = mapped_column(sa.Date, primary_key=True)
    count: Mapped[int] = mapped_column(sa.Integer, nullable=False, server_default="0")


_G_COUNTS = "_dazhou_search_counts"


def normalise(query: str) -> str:
    """NFKC (full-width to half-width), lower case, one space between words, cut to the limit."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", query or "")).strip().lower()
    return text[:tk.config.get("ckanext.dazhou.search_log_query_max_length")]


def _door_query() -> str | None:
    """The query the person typed, if this request is a logged search door."""
    request = flask.request
    if request.endpoint == "dataset.search":
        return request.args.get("q", "")
    if request.endpoint == "api.action" and (request.view_args or {}).get("logic_function") == "package_search":
        body = request.get_json(silent=True) if request.is_json else None
        q = body.get("q") if isinstance(body, dict) else request.values.get("q")  # query or form
        return q if isinstance(q, str) else ""
    return None


def search_done(search_results: dict[str, Any]) -> None:
    """after_dataset_search: note the count of each package_search a search door runs."""
    if flask.has_request_context() and _door_query() is not None:
        flask.g.setdefault(_G_COUNTS, []).append(search_results.get("count", 0))


def request_done(response: flask.Response) -> flask.Response:
    """after_request: one upsert when the door answered and all its searches were empty."""
    counts = flask.g.get(_G_COUNTS)
    if counts and max(counts) == 0 and response.status_code == 200:
        query = normalise(_door_query() or "")
        if query:
            record(query)
    return response


# A new query enters only while the day holds fewer than the configured number of queries
# (a script sending random text cannot grow the table without bound); known ones still count.
_UPSERT = sa.text(
    "INSERT INTO dazhou_search_log (query, day, count) SELECT :query, :day, 1 "
    "WHERE EXISTS (SELECT 1 FROM dazhou_search_log WHERE query = :query AND day = :day) "
    "   OR (SELECT count(*) FROM dazhou_search_log WHERE day = :day) < :cap "
    "ON CONFLICT (query, day) DO UPDATE SET count = dazhou_search_log.count + 1")


def record(query: str, day: dt.date | None = None) -> None:
    """Add one to (query, day), in its own transaction: one statement, no read first."""
    with model.meta.engine.begin() as connection:
        connection.execute(_UPSERT, {"query": query, "day": day or deadlines.today(),
                                     "cap": tk.config.get("ckanext.dazhou.search_log_queries_per_day")})


def list_schema() -> dict[str, list]:
    return {"page": [params.page_validator],
            "rows": [params.rows_up_to("ckanext.dazhou.search_log_rows_max")],
            **params.period()}


def _validated(data_dict: DataDict) -> dict[str, Any]:
    data = params.validate(dict(data_dict), list_schema(), {})
    params.check_period(data)
    return data


def _where(data: dict[str, Any]) -> list[str]:
    where = []
    if data.get("start"):
        where.append("day >= :start")
    if data.get("end"):
        where.append("day <= :end")
    return where


@tk.side_effect_free
def dazhou_search_log_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Queries without a result, most frequent first, summed over the period (bureau only).

    :param start: first day (YYYY-MM-DD, optional)
    :param end: last day (YYYY-MM-DD, optional)
    :param page: page number (default 1)
    :param rows: rows per page (default 20, at most ``ckanext.dazhou.search_log_rows_max``)
    :returns: ``{"count": distinct queries, "results": [{query, count, days, last_day}]}``
    """
    tk.check_access("dazhou_search_log_list", context, data_dict)
    data = _validated(data_dict)
    rows, page = data.get("rows") or 20, data.get("page") or 1
    where = _where(data)
    where_sql = ("WHERE " + " AND ".join(where)) if where else ""
    args = {"start": data.get("start"), "end": data.get("end"), "limit": rows, "offset": (page - 1) * rows}
    session = model.Session
    total = session.execute(sa.text(
        f"SELECT count(DISTINCT query) FROM dazhou_search_log {where_sql}"), args).scalar()
    found = session.execute(sa.text(
        f"SELECT query, sum(count) AS count, count(*) AS days, max(day) AS last_day "
        f"FROM dazhou_search_log {where_sql} GROUP BY query "
        f"ORDER BY sum(count) DESC, query LIMIT :limit OFFSET :offset"), args).all()
    return {"count": total, "results": [
        {"query": r.query, "count": int(r.count), "days": int(r.days), "last_day": r.last_day.isoformat()}
        for r in found]}


def dazhou_search_log_list_auth(context: Context, data_dict: DataDict) -> dict[str, Any]:
    if viewer_from_context(context).is_bureau:
        return {"success": True}
    return {"success": False, "msg": tk._("Only the bureau can read the search log")}


ACTIONS = {"dazhou_search_log_list": dazhou_search_log_list}
AUTH = {"dazhou_search_log_list": dazhou_search_log_list_auth}
