"""The one redaction of dataset data (Art. 18, 21, 26): every action's answer passes here.

redact_answer finds what is shaped like a dataset, a resource or an activity anywhere in an
answer and applies the viewer's current rights: datasets and resources they may not use lose
their addresses, datasets and activities of datasets they may not see leave lists, and an
activity of such a dataset is not found. Decisions come from the database as it is now, not
from the stored dict (an activity keeps the rights of its day), for the whole answer at once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import ckan.plugins.toolkit as tk

from ckanext.dazhou.access import visibility
from ckanext.dazhou.access.resources import usable_package_ids
from ckanext.dazhou.access.roles import Viewer

RESTRICTED_RESOURCE_KEYS = ("url", "url_type", "datastore_active", "cache_url", "hash")


def redact_resource(resource: dict[str, Any]) -> None:
    for key in RESTRICTED_RESOURCE_KEYS:
        if key in resource:
            resource[key] = "" if key == "url" else None
    resource["dazhou_restricted"] = True


def redact_resources(dataset: dict[str, Any]) -> None:
    """Keep each resource's name, description and format; drop how to reach it."""
    for resource in dataset.get("resources") or []:
        if isinstance(resource, dict):
            redact_resource(resource)
    # the interface address is a way to the data too (Art. 19): only for those who may use it
    if dataset.get("api_endpoint"):
        dataset["api_endpoint"] = ""
    # unvalidated dicts (the index's data_dict, as tag_show returns them) keep it in extras
    for extra in dataset.get("extras") or []:
        if isinstance(extra, dict) and extra.get("key") == "api_endpoint":
            extra["value"] = ""
    dataset["dazhou_resource_access"] = False


def is_dataset(value: dict[str, Any]) -> bool:
    return ("owner_org" in value and isinstance(value.get("id"), str)
            and ("resources" in value or "num_resources" in value))


def is_resource(value: dict[str, Any]) -> bool:
    return "package_id" in value and "url" in value and isinstance(value.get("id"), str)


def is_package_activity(value: dict[str, Any]) -> bool:
    return ("object_id" in value and "package" in str(value.get("activity_type") or ""))


@dataclass
class _Found:
    datasets: list[dict[str, Any]] = field(default_factory=list)
    resources: list[dict[str, Any]] = field(default_factory=list)
    activities: list[dict[str, Any]] = field(default_factory=list)

    def package_ids(self) -> set[str]:
        return ({d["id"] for d in self.datasets} | {r["package_id"] for r in self.resources}
                | {a["object_id"] for a in self.activities})


def _collect(value: Any, found: _Found) -> None:
    if isinstance(value, list):
        for item in value:
            _collect(item, found)
    elif isinstance(value, dict):
        if is_dataset(value):
            found.datasets.append(value)
            return  # its resources are redacted with it
        if is_resource(value):
            found.resources.append(value)
            return
        if is_package_activity(value):
            found.activities.append(value)
        for item in value.values():
            if isinstance(item, (dict, list)):
                _collect(item, found)


def _hidden(value: Any, visible: set[str]) -> bool:
    if not isinstance(value, dict):
        return False
    if is_package_activity(value):
        return value["object_id"] not in visible
    # harvest sources and other package types keep their own rules
    return is_dataset(value) and value.get("type", "dataset") == "dataset" \
        and value["id"] not in visible


def _prune(value: Any, visible: set[str]) -> None:
    if isinstance(value, list):
        value[:] = [item for item in value if not _hidden(item, visible)]
        for item in value:
            _prune(item, visible)
    elif isinstance(value, dict) and not is_dataset(value):
        for item in value.values():
            if isinstance(item, (dict, list)):
                _prune(item, visible)


def redact_answer(viewer: Viewer | Callable[[], Viewer], answer: Any) -> None:
    """Redact an action's answer in place; ObjectNotFound for an invisible activity.

    The viewer may be given as a function: it is asked only when the answer holds
    dataset data (most answers do not, and the viewer costs a query)."""
    found = _Found()
    _collect(answer, found)
    if not (found.datasets or found.resources or found.activities):
        return
    if callable(viewer):
        viewer = viewer()
    if viewer.is_bureau:
        for dataset in found.datasets:
            dataset["dazhou_resource_access"] = True
        return
    current = visibility.current_datasets(found.package_ids())
    visible = visibility.visible_ids(viewer, current.values())
    usable = usable_package_ids(viewer, [current[i] for i in visible])
    if isinstance(answer, dict) and is_package_activity(answer) \
            and answer["object_id"] not in visible:
        raise tk.ObjectNotFound(tk._("Activity not found"))
    for dataset in found.datasets:
        if dataset["id"] in usable:
            dataset["dazhou_resource_access"] = True
        else:
            redact_resources(dataset)
    for resource in found.resources:
        if resource["package_id"] not in usable:
            redact_resource(resource)
    _prune(answer, visible)
