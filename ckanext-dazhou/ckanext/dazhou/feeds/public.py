"""The public feed (/catalog.<fmt>): ckanext-dcat's endpoint, computed for an anonymous visitor.

Whoever calls it, it holds only what the public may see: no closed dataset, conditional-open
ones as metadata without resource URLs. Registered with toolkit.chained_action.
"""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckanext.dazhou.feeds.audience import public_context


@tk.chained_action
@tk.side_effect_free
def dcat_catalog_show(original, context, data_dict):
    context.update(public_context())  # the same dict: CKAN's auth audit lives in it
    return original(context, data_dict)


@tk.chained_action
@tk.side_effect_free
def dcat_catalog_search(original, context, data_dict):
    context.update(public_context())
    return original(context, data_dict)


def get_actions() -> dict:
    return {"dcat_catalog_show": dcat_catalog_show, "dcat_catalog_search": dcat_catalog_search}
