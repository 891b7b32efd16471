"""The 接口说明 page of a resource (issue 15): how to call its data (Art. 19, 24).

For a resource in the DataStore: its fields and types (labelled with the dataset's data items
where the column has the item's name), a working curl example against datastore_search with a
filter and full text, the dump URL, the limits and who may call it. For a registered
interface (the dataset's api_endpoint, `format: api` resources): its address and description.
Only those who may use the resource see it: the page reads the dataset through package_show
(redacted for the viewer, access/redact.py) and the fields through datastore_info, whose auth
is the resource rule (datastore/access.py); others get the refusal and the way to apply.
"""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from flask import Blueprint

import ckan.plugins.toolkit as tk

resource_interface = Blueprint("dazhou_resource_interface", __name__)


def _item_labels(pkg: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(i.get("name") or "").strip(): i for i in pkg.get("data_items") or []
            if isinstance(i, dict) and i.get("name")}


def fields(pkg: dict[str, Any], info: dict[str, Any]) -> list[dict[str, Any]]:
    """DataStore columns with the matching data item's type, length and description."""
    items = _item_labels(pkg)
    found = []
    for column in (info.get("fields") or []):
        if column.get("id") == "_id":
            continue
        item = items.get(column["id"], {})
        found.append({"id": column["id"], "type": column.get("type", ""),
                      "item_type": item.get("data_type", ""), "length": item.get("length", ""),
                      "description": item.get("description", "")})
    return found


def example(resource_id: str, columns: list[dict[str, Any]], sample: dict[str, Any]) -> dict:
    """A datastore_search call with one filter (first column, first row's value) and q."""
    params: dict[str, Any] = {"resource_id": resource_id, "limit": 5}
    text_column = next((c["id"] for c in columns if c["type"] == "text"), None)
    if text_column and sample.get(text_column) not in (None, ""):
        params["filters"] = json.dumps({text_column: sample[text_column]}, ensure_ascii=False)
        params["q"] = str(sample[text_column])
    query = "&".join(f"{k}={quote(str(v), safe='')}" for k, v in params.items())
    url = tk.h.url_for("api.action", ver=3, logic_function="datastore_search",
                       qualified=True) + "?" + query
    return {"url": url, "curl": f"curl -H 'Authorization: <API Token>' '{url}'"}


def callers(pkg: dict[str, Any]) -> list[str]:
    """Who may call it, from the open and share types (Art. 18, 26, 27)."""
    found = []
    open_type, share_type = pkg.get("open_type"), pkg.get("share_type") or "unconditional"
    if open_type == "open":
        found.append(tk._("The public, without signing in (unconditionally open data)"))
    elif open_type == "conditional":
        found.append(tk._("Users whose open-data application was approved (Art. 27)"))
    if share_type == "unconditional":
        found.append(tk._("Every department, with the API token of a department account "
                          "(unconditional sharing)"))
    elif share_type == "conditional":
        found.append(tk._("Departments whose share application was approved, with the API "
                          "token of a department account (Art. 18)"))
    found.append(tk._("The providing department and the Big Data Bureau"))
    return found


def _page(id: str, resource_id: str | None):
    try:
        pkg = tk.get_action("package_show")({}, {"id": id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, tk._("Dataset not found"))
    res = None
    if resource_id:
        res = next((r for r in pkg.get("resources") or [] if r["id"] == resource_id), None)
        if res is None:
            return tk.abort(404, tk._("Resource not found"))
    refusal = tk.h.dazhou_resource_refusal(pkg)
    extra: dict[str, Any] = {"pkg": pkg, "pkg_dict": pkg, "res": res, "refusal": refusal,
                             "callers": callers(pkg)}
    if refusal:
        return tk.render("package/resource_interface.html", extra_vars=extra), 403
    if res is not None and res.get("datastore_active"):
        try:
            info = tk.get_action("datastore_info")({}, {"id": res["id"]})
            first = tk.get_action("datastore_search")({}, {"resource_id": res["id"],
                                                           "limit": 1})["records"]
        except (tk.ObjectNotFound, tk.NotAuthorized):
            return tk.abort(404, tk._("Resource not found"))
        columns = fields(pkg, info)
        extra.update(
            fields=columns, example=example(res["id"], columns, first[0] if first else {}),
            dump_url=tk.h.url_for("datastore.dump", resource_id=res["id"], qualified=True),
            rows_max=tk.config.get("ckan.datastore.search.rows_max"),
            total=(info.get("meta") or {}).get("count"))
    return tk.render("package/resource_interface.html", extra_vars=extra)


def resource_page(id: str, resource_id: str):
    return _page(id, resource_id)


def dataset_page(id: str):
    return _page(id, None)


def has_interface(pkg: dict[str, Any], res: dict[str, Any] | None = None) -> bool:
    """A page exists: the resource is in the DataStore or is an interface, or the dataset
    registers an interface (api_endpoint; redacted away for those who may not use it)."""
    if res is not None:
        return bool(res.get("datastore_active")) or (res.get("format") or "").lower() == "api"
    return bool(pkg.get("api_endpoint") or pkg.get("api_description"))


resource_interface.add_url_rule("/dataset/<id>/resource/<resource_id>/interface",
                                view_func=resource_page)
resource_interface.add_url_rule("/dataset/<id>/interface", view_func=dataset_page)
