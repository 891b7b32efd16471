"""Dataset dicts reduced to the schema's fields, for round-trip comparison."""
from __future__ import annotations

from typing import Any

from ckanext.scheming.helpers import scheming_get_dataset_schema

EMPTY = ("", None, [], {})


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if _clean(v) not in EMPTY}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def schema_view(dataset: dict[str, Any]) -> dict[str, Any]:
    """Every dataset and resource field of the schema; empty values dropped; tags by name."""
    schema = scheming_get_dataset_schema("dataset")
    view: dict[str, Any] = {}
    for field in schema["dataset_fields"]:
        key = field["field_name"]
        if key == "tag_string":
            view["tags"] = sorted(t["name"] for t in dataset.get("tags") or [])
        elif key == "data_items":
            view[key] = [{sub["field_name"]: item.get(sub["field_name"])
                          for sub in field["repeating_subfields"]}
                         for item in dataset.get(key) or []]
        else:
            view[key] = dataset.get(key)
    resource_keys = [f["field_name"] for f in schema["resource_fields"]]
    view["resources"] = [{k: r.get(k) for k in resource_keys} for r in dataset.get("resources") or []]
    return _clean(view)
