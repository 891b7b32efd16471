"""The stored datasets the rows of a file update: matched by 代码, else by 网址名称."""
from __future__ import annotations

from typing import Any, Iterable

import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.dazhou.model import CatalogEntry
from ckanext.dazhou.spreadsheet.decode import DatasetRow

_CHUNK = 200


def match(rows: list[DatasetRow]) -> dict[int, str]:
    """Row number → id of the active dataset it updates (two queries for the whole file)."""
    codes = {r.code for r in rows if r.code}
    names = {r.name for r in rows if r.name}
    active = sa.and_(model.Package.state == "active", model.Package.type == "dataset")
    by_code = dict(model.Session.execute(
        sa.select(CatalogEntry.resource_code, model.Package.id)
        .join(model.Package, model.Package.id == CatalogEntry.package_id)
        .where(CatalogEntry.resource_code.in_(codes), active)).all()) if codes else {}
    by_name = dict(model.Session.execute(
        sa.select(model.Package.name, model.Package.id)
        .where(model.Package.name.in_(names), active)).all()) if names else {}
    found = {}
    for row in rows:
        package_id = by_code.get(row.code) or by_name.get(row.name)
        if package_id:
            found[row.row] = package_id
    return found


def site_context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def fetch(package_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The full dicts of these datasets, a page of package_search at a time (not redacted)."""
    ids = sorted(set(package_ids))
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        result = tk.get_action("package_search")(site_context(), {
            "fq": "id:(" + " OR ".join(f'"{i}"' for i in chunk) + ")",
            "rows": len(chunk), "include_private": True,
        })
        found.update({d["id"]: d for d in result["results"]})
    for missing in set(ids) - set(found):  # not in the search index (yet): read it directly
        found[missing] = tk.get_action("package_show")(site_context(), {"id": missing})
    return found
