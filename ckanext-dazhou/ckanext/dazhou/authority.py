"""One data, one source (Art. 14): each data item has at most one authoritative dataset.

An authoritative item is identified by its standard data element code when given, else by
its normalized name. Generic dimensions (time, period, region, statistical unit; a configured
list) are no data items of anyone: they never claim and never block. An item may instead
reference the authoritative item of another dataset (data_items' `reference`, references.py). Claims live in dazhou_authoritative_item, whose primary key is the
identity: the validator's check gives a friendly error, the key makes two concurrent claims
impossible (the loser's transaction fails and is rolled back).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.dazhou.model import AuthoritativeItem

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Claim:
    identity: str
    name: str
    code: str
    index: int  # position in the dataset's data_items


@dataclass(frozen=True)
class Owner:
    identity: str
    package_id: str
    package_name: str
    package_title: str
    org_title: str


def identity(name: str | None, code: str | None) -> str:
    code = (code or "").strip()
    if code:
        return "code:" + unicodedata.normalize("NFKC", code).upper()
    return "name:" + _SPACES.sub("", unicodedata.normalize("NFKC", name or "")).lower()


def is_generic(name: str | None) -> bool:
    """A generic dimension (统计月份, 行政区划 …, `ckanext.dazhou.generic_item_names`): a column
    every dataset may have, not a data item one department provides."""
    key = _SPACES.sub("", unicodedata.normalize("NFKC", name or "")).lower()
    names = tk.config.get("ckanext.dazhou.generic_item_names") or []
    if isinstance(names, str):
        names = names.split()
    return bool(key) and key in {_SPACES.sub("", unicodedata.normalize("NFKC", n)).lower() for n in names}


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("true", "1", "yes", "on")


def claims(data_items: Iterable[dict[str, Any]] | None) -> list[Claim]:
    """The authoritative claims a dataset's data items make, in item order."""
    return [
        Claim(identity(item.get("name"), item.get("code")), item.get("name") or "",
              (item.get("code") or "").strip(), index)
        for index, item in enumerate(data_items or [])
        if _truthy(item.get("authoritative")) and (item.get("name") or item.get("code"))
        and not is_generic(item.get("name"))
    ]


def owners(identities: Iterable[str], excluding_package: str | None = None) -> dict[str, Owner]:
    """Current owners of the given identities (one query), other than excluding_package."""
    identities = list(set(identities))
    if not identities:
        return {}
    query = (
        sa.select(AuthoritativeItem.identity, model.Package.id, model.Package.name,
                  model.Package.title, model.Group.title)
        .join(model.Package, model.Package.id == AuthoritativeItem.package_id)
        .outerjoin(model.Group, model.Group.id == model.Package.owner_org)
        .where(AuthoritativeItem.identity.in_(identities))
    )
    if excluding_package:
        query = query.where(AuthoritativeItem.package_id != excluding_package)
    return {row[0]: Owner(*row) for row in model.Session.execute(query)}


class ClaimConflict(Exception):
    def __init__(self, conflicts: dict[str, Owner]):
        super().__init__(sorted(conflicts))
        self.conflicts = conflicts


def sync_claims(package_id: str, data_items: Iterable[dict[str, Any]] | None) -> None:
    """Make the stored claims of package_id equal to its data items' claims.

    Runs inside the action's transaction. Raises ClaimConflict when another dataset holds
    one of the identities, including one that committed while this transaction waited.
    """
    wanted = {c.identity: c for c in claims(data_items)}
    session = model.Session
    session.execute(
        sa.delete(AuthoritativeItem)
        .where(AuthoritativeItem.package_id == package_id)
        .where(AuthoritativeItem.identity.notin_(list(wanted) or [""]))
    )
    if not wanted:
        return
    session.execute(
        insert(AuthoritativeItem)
        .values([{"identity": c.identity, "item_name": c.name, "item_code": c.code,
                  "package_id": package_id} for c in wanted.values()])
        .on_conflict_do_nothing(index_elements=["identity"])
    )
    conflicts = owners(wanted, excluding_package=package_id)
    if conflicts:
        raise ClaimConflict(conflicts)


def release_claims(package_id: str) -> None:
    model.Session.execute(sa.delete(AuthoritativeItem).where(AuthoritativeItem.package_id == package_id))
