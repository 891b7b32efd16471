"""Paged package_search for the feeds (never one package_show per dataset): the feed pages by
`page` (hydra), the export by a keyset cursor on the id."""
from __future__ import annotations

import datetime as dt
import math
from typing import Any, Iterator
from urllib.parse import urlencode

import ckan.plugins.toolkit as tk
from dateutil.parser import parse as parse_date


def since_filter(modified_since: str | None) -> list[str]:
    if not modified_since:
        return []
    try:
        since = parse_date(modified_since)
    except (ValueError, OverflowError):
        raise tk.ValidationError(
            {"modified_since": [tk._("Use an ISO 8601 date or time")]}) from None
    if since.tzinfo is not None:  # metadata_modified is stored in UTC
        since = since.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return [f"metadata_modified:[{since.isoformat()}Z TO *]"]


def search(context: dict[str, Any], page: int, rows: int,
           modified_since: str | None = None) -> dict[str, Any]:
    """One page of datasets the context's user may see (closed ones too when allowed)."""
    if page < 1:
        raise tk.ValidationError({"page": [tk._("Page must be a positive integer")]})
    return tk.get_action("package_search")(dict(context), {
        "q": "*:*",
        "fq_list": ["-dataset_type:harvest", *since_filter(modified_since)],
        "rows": rows,
        "start": rows * (page - 1),
        "sort": "metadata_modified desc, id asc",
        "include_private": True,
    })


def after_id_filter(last_id: str | None) -> list[str]:
    """Keyset cursor: the datasets after `last_id` in id order. Solr answers it from the
    index like the first page, where `start` would collect and skip every earlier row."""
    if not last_id:
        return []
    return ['id:{"%s" TO *]' % last_id.replace("\\", "\\\\").replace('"', '\\"')]


def all_pages(context: dict[str, Any], rows: int,
              modified_since: str | None = None) -> Iterator[list[dict[str, Any]]]:
    """Every page in turn (for the export), in id order, each page starting after the last
    id of the one before (no deep offsets; a dataset added meanwhile never shifts a page)."""
    last_id = None
    while True:
        result = tk.get_action("package_search")(dict(context), {
            "q": "*:*", "fq_list": ["-dataset_type:harvest", *since_filter(modified_since),
                                   *after_id_filter(last_id)],
            "rows": rows, "start": 0, "sort": "id asc", "include_private": True})
        if not result["results"]:
            return
        yield result["results"]
        if len(result["results"]) < rows:
            return
        last_id = result["results"][-1]["id"]


def hydra_info(base_url: str, params: dict[str, str], page: int, rows: int,
               count: int) -> dict[str, Any]:
    """The pagination dict ckanext-dcat's serializer turns into a hydra:PagedCollection."""
    def url(number: int) -> str:
        return f"{base_url}?{urlencode({**params, 'page': number})}"

    last = max(1, math.ceil(count / rows))
    info = {"count": count, "items_per_page": rows, "current": url(page),
            "first": url(1), "last": url(last)}
    if page > 1:
        info["previous"] = url(min(page - 1, last))
    if page < last:
        info["next"] = url(page + 1)
    return info
