"""The public feed (/catalog.<fmt>): ckanext-dcat's endpoint, computed for an anonymous visitor.

Whoever calls it, it holds only what the public may see: no closed dataset, conditional-open
ones as metadata without resource URLs. Registered with toolkit.chained_action.
"""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckanext.dazhou.feeds.audience import public_context
from ckanext.dazhou.feeds.serialize import joinable, joined_page


def _catalog_page(original, action: str, context, data_dict):
    """ckanext-dcat's own search and paging; a Turtle or N-Triples page in the configured
    profiles is assembled from each dataset's cached text (feeds/serialize.py)."""
    if not joinable(data_dict.get("format")) or data_dict.get("profiles"):
        return original(context, data_dict)
    from ckanext.dcat.logic import _pagination_info, _search_ckan_datasets

    tk.check_access(action, context, data_dict)
    query = _search_ckan_datasets(context, data_dict)
    return joined_page(query["results"], data_dict["format"],
                       _pagination_info(query, data_dict), describe_catalog=True)


@tk.chained_action
@tk.side_effect_free
def dcat_catalog_show(original, context, data_dict):
    context.update(public_context())  # the same dict: CKAN's auth audit lives in it
    return _catalog_page(original, "dcat_catalog_show", context, data_dict)


@tk.chained_action
@tk.side_effect_free
def dcat_catalog_search(original, context, data_dict):
    context.update(public_context())
    return _catalog_page(original, "dcat_catalog_search", context, data_dict)


def get_actions() -> dict:
    return {"dcat_catalog_show": dcat_catalog_show, "dcat_catalog_search": dcat_catalog_search}
