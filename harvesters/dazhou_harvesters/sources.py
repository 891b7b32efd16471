"""Harvest sources: safe URLs when saved, and a search-index entry with its source_type.

- package_create/package_update of a harvest source (every door: the form, harvest_source_*
  actions, package_patch) refuse a URL safe_urls would not open, keyed `url`;
- ckanext-harvest 1.6.3's harvest_source_reindex (run after every job) indexes the
  *unvalidated* source dict as CKAN 2.12's validated cache, so harvest_source_show then lacks
  source_type (and config, frequency), which broke `harvester run-test` (KeyError) and
  harvest_source_patch; the source is re-indexed as CKAN itself indexes a dataset.
"""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan import logic, model
from ckan.types import Context, DataDict

from dazhou_harvesters import safe_urls

HARVEST_TYPE = "harvest"


def _is_source(data_dict: DataDict, creating: bool) -> bool:
    if data_dict.get("type") or creating:  # ckanext-harvest creates sources typed
        return data_dict.get("type") == HARVEST_TYPE
    existing = model.Package.get(data_dict.get("id") or data_dict.get("name") or "")
    return existing is not None and existing.type == HARVEST_TYPE


def _check_url(data_dict: DataDict, creating: bool = False) -> None:
    if "url" not in data_dict or not _is_source(data_dict, creating):
        return  # a missing url is left to ckanext-harvest's not_empty
    try:
        safe_urls.check(data_dict["url"])
    except safe_urls.UnsafeURL as error:
        raise tk.ValidationError({"url": [error.translated()]}) from None


@tk.chained_action
def package_create(original, context: Context, data_dict: DataDict):
    _check_url(data_dict, creating=True)
    return original(context, data_dict)


@tk.chained_action
def package_update(original, context: Context, data_dict: DataDict):
    _check_url(data_dict)
    return original(context, data_dict)


@tk.chained_action
def harvest_source_reindex(original, context: Context, data_dict: DataDict):
    """Index the source with its validated dict (what package_show serves from the index)."""
    source_id = tk.get_or_bust(data_dict, "id")
    tk.check_access("harvest_source_reindex", context, data_dict)
    logic.index_update_package({"ignore_auth": True}, source_id,
                               defer_commit=context.get("defer_commit", False))
    return True
