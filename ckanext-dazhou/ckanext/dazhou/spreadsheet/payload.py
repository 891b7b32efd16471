"""The dict a row gives package_create or package_update.

An update starts from the stored dataset: what the sheet does not show (privacy, groups,
licence, fields a newer schema adds) is kept; what the sheet shows is replaced, and an empty
cell clears its field. Resources keep their ids when their address (and name) still match.
"""
from __future__ import annotations

from typing import Any, Callable

from ckanext.scheming.helpers import scheming_get_dataset_schema

from ckanext.dazhou.spreadsheet import columns as c
from ckanext.dazhou.spreadsheet.decode import DatasetRow, Detail

# Core fields outside our schema that an update keeps as stored.
KEEP = ("id", "type", "state", "private", "groups", "license_id", "author", "author_email",
        "maintainer", "maintainer_email", "version", "url")
_RESOURCE_DROP = ("position", "tracking_summary")  # recomputed by CKAN


def _uncovered_schema_fields() -> set[str]:
    schema = scheming_get_dataset_schema("dataset")
    return {f["field_name"] for f in schema["dataset_fields"]} - c.covered_fields()


def _take(candidates: list[dict[str, Any]], test: Callable[[dict[str, Any]], bool]):
    for candidate in candidates:
        if test(candidate):
            candidates.remove(candidate)
            return candidate
    return None


def resources(details: list[Detail], stored: list[dict[str, Any]]) -> list[dict[str, Any]]:
    unused = list(stored)
    merged = []
    for detail in details:
        url, name = detail.values.get("url", ""), detail.values.get("name", "")
        match = (_take(unused, lambda r: (r.get("url") or "", r.get("name") or "") == (url, name))
                 or (url and _take(unused, lambda r: r.get("url") == url))
                 or (name and _take(unused, lambda r: r.get("name") == name)))
        resource = {k: v for k, v in (match or {}).items()
                    if k not in _RESOURCE_DROP and not k.startswith("dazhou_")}
        for column in c.RESOURCE_FIELDS:
            value = detail.values.get(column.field)
            if column.kind == c.BOOL:  # stored as an extra: absent clears it
                resource.pop(column.field, None)
                if value is not None:
                    resource[column.field] = value
            else:  # core columns keep their old value when absent: send '' to clear
                resource[column.field] = value or ""
        merged.append(resource)
    return merged


def build(row: DatasetRow, stored: dict[str, Any] | None) -> dict[str, Any]:
    data = dict(row.fields)
    if row.items:
        data["data_items"] = [dict(d.values) for d in row.items]
    if stored is None:
        if row.resources:
            data["resources"] = resources(row.resources, [])
        return dict(data, type="dataset")
    keep = set(KEEP) | _uncovered_schema_fields()
    base = {k: v for k, v in stored.items() if k in keep}
    base.update(data)
    base["resources"] = resources(row.resources, stored.get("resources") or [])
    return base
