"""Removes what a viewer may not use from dataset dicts: resource URLs (Art. 18, 26)."""
from __future__ import annotations

from typing import Any

from ckanext.dazhou.access.resources import usable_package_ids
from ckanext.dazhou.access.roles import Viewer

RESTRICTED_RESOURCE_KEYS = ("url", "url_type", "datastore_active", "cache_url", "hash")


def redact_resources(dataset: dict[str, Any]) -> None:
    """Keep each resource's name, description and format; drop how to reach it."""
    for resource in dataset.get("resources") or []:
        for key in RESTRICTED_RESOURCE_KEYS:
            if key in resource:
                resource[key] = "" if key == "url" else None
        resource["dazhou_restricted"] = True
    # the interface address is a way to the data too (Art. 19): only for those who may use it
    if dataset.get("api_endpoint"):
        dataset["api_endpoint"] = ""
    dataset["dazhou_resource_access"] = False


def redact_for(viewer: Viewer, datasets: list[dict[str, Any]]) -> None:
    usable = usable_package_ids(viewer, datasets)
    for dataset in datasets:
        if dataset["id"] in usable:
            dataset["dazhou_resource_access"] = True
        else:
            redact_resources(dataset)
