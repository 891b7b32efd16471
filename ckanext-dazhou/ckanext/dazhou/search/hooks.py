"""What the plugin's package hooks do for search: rewrite the query (before_dataset_search),
say what was rewritten (after_dataset_search) and fill the normalised and pinyin index fields
(before_dataset_index)."""
from __future__ import annotations

import contextvars
from typing import Any

from ckanext.dazhou.search import index_text, query

# set while package_search retries a query that found nothing by its pinyin (fallback.py)
pinyin_mode: contextvars.ContextVar[bool] = contextvars.ContextVar("dazhou_pinyin_mode",
                                                                     default=False)
NOTE_KEY = "_dazhou_search"  # in search_params["extras"], which CKAN keeps off Solr's params


def before_search(search_params: dict[str, Any]) -> dict[str, Any]:
    rewrite = query.rewrite(search_params.get("q") or "", pinyin_mode.get())
    if rewrite is None:
        return search_params
    search_params["q"] = rewrite.q
    search_params["defType"] = "edismax"
    # every word typed is required (CKAN's default mm 2<-1 5<80% would let some go); common
    # words are made optional inside q itself (query.py)
    search_params["mm"] = "100%"
    extras = search_params.setdefault("extras", {})
    extras[NOTE_KEY] = {"rewritten": rewrite.rewritten, "han": rewrite.has_han}
    return search_params


def after_search(search_results: dict[str, Any], search_params: dict[str, Any]) -> dict[str, Any]:
    note = (search_params.get("extras") or {}).get(NOTE_KEY)
    if note:
        search_results["dazhou_rewritten_query"] = note["rewritten"]
        search_results["dazhou_fallback"] = "pinyin" if pinyin_mode.get() else None
        search_results["_dazhou_han"] = note["han"]
    return search_results


def before_index(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    return index_text.fill(pkg_dict)
