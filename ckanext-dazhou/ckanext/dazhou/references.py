"""A data item that references the authoritative item of another dataset instead of claiming it.

One data, one source (Art. 14): a department that uses an item another department provides
authoritatively reuses it and says where it comes from. The item's `reference` names the
authoritative dataset by resource code (or name); the item itself is matched as claims are
(data element code, else normalized name). Stored as the referenced dataset's resource code,
which never changes once issued.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import sqlalchemy as sa

from ckan import model
from ckan.common import _

from ckanext.dazhou import authority, codes
from ckanext.dazhou.model import AuthoritativeItem


@dataclass(frozen=True)
class Problem:
    index: int
    message: str


def _target(reference: str) -> model.Package | None:
    package_id = codes.owner_of(reference)
    package = model.Package.get(package_id or reference)
    if package is None or package.state != "active" or package.type != "dataset":
        return None
    return package


def resolved(data_items: Iterable[dict[str, Any]] | None,
             package_id: str | None) -> tuple[dict[int, str], list[Problem]]:
    """(index → resource code to store, problems) for the items that carry a reference."""
    stored: dict[int, str] = {}
    problems: list[Problem] = []
    wanted: dict[int, tuple[str, model.Package]] = {}
    for index, item in enumerate(data_items or []):
        reference = str(item.get("reference") or "").strip()
        if not reference:
            continue
        if authority._truthy(item.get("authoritative")):
            problems.append(Problem(index, _(
                "An item that references another dataset's authoritative item is not authoritative "
                "itself: choose No under Authoritative source")))
            continue
        target = _target(reference)
        if target is None:
            problems.append(Problem(index, _("No published dataset has the resource code {code}").format(
                code=reference)))
            continue
        if target.id == package_id:
            problems.append(Problem(index, _("A data item cannot reference its own dataset")))
            continue
        wanted[index] = (authority.identity(item.get("name"), item.get("code")), target)
    if not wanted:
        return stored, problems
    holders = {(row.identity, row.package_id) for row in model.Session.execute(
        sa.select(AuthoritativeItem.identity, AuthoritativeItem.package_id)
        .where(AuthoritativeItem.identity.in_({identity for identity, _t in wanted.values()})))}
    for index, (identity, target) in wanted.items():
        item = list(data_items or [])[index]
        if (identity, target.id) not in holders:
            problems.append(Problem(index, _(
                "{dataset} is not the authoritative source of {item}: reference the dataset that "
                "claims it, with the same name or data element code").format(
                dataset=target.title or target.name, item=item.get("name") or item.get("code"))))
            continue
        stored[index] = (target.extras or {}).get("resource_code") or target.name
    return stored, problems
