"""What of a dataset goes to the province: the schema's fields, never ids or local state."""
from __future__ import annotations

from typing import Any

from ckanext.scheming.helpers import scheming_get_dataset_schema

SKIP = ("owner_org",)


def shareable(dataset: dict[str, Any]) -> bool:
    """Art. 17–18: unconditional and conditional sharing go to the province; not-shared stays."""
    shared = (dataset.get("share_type") or "unconditional") != "none"
    return shared and bool(dataset.get("resource_code"))


def payload(dataset: dict[str, Any], owner_org: str) -> dict[str, Any]:
    schema = scheming_get_dataset_schema("dataset")
    out: dict[str, Any] = {"owner_org": owner_org}
    for field in schema["dataset_fields"]:
        key = field["field_name"]
        if key in SKIP:
            continue
        if key == "tag_string":
            out["tags"] = [{"name": t["name"]} for t in dataset.get("tags") or []]
        elif dataset.get(key) not in (None, "", []):
            out[key] = dataset[key]
    resource_keys = [f["field_name"] for f in schema["resource_fields"]]
    out["resources"] = [{k: r[k] for k in resource_keys if r.get(k) not in (None, "")}
                        for r in dataset.get("resources") or []]
    return out


def same(local: dict[str, Any], remote: dict[str, Any]) -> bool:
    """Whether the remote copy already holds the payload (so nothing needs sending)."""
    def view(d):
        p = payload(d, "")
        p.pop("owner_org")
        p["tags"] = sorted(t["name"] for t in p.get("tags", []))
        return p
    return view(local) == view(remote)
