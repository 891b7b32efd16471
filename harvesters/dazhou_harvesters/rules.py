"""The province harvester's rules for one incoming dataset (Art. 14, 24, 25).

- never take over a dataset a local department owns (same resource code, not harvested);
- one data, one source: an authoritative claim on an item a local dataset owns is dropped
  from the harvested copy and reported as a conflict for the bureau;
- harvested datasets belong to the harvest source's organization, with defaults for the
  catalog attributes a foreign DCAT-AP record does not carry.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from ckan import model
from ckanext.dazhou import authority, codes
from ckanext.harvest.model import HarvestObject

# catalog attributes a foreign record may lack; a source's config "defaults" overrides them
DEFAULTS = {
    "resource_category": "departmental",
    "share_type": "unconditional",
    "open_type": "closed",
    "update_cycle": "irregular",
    "security_level": "public",
}


def local_owner_of(resource_code: str | None, source_id: str) -> str | None:
    """The id of a dataset with this code that this source did not harvest, if any."""
    if not resource_code:
        return None
    package_id = codes.owner_of(resource_code)
    if package_id is None:
        return None
    harvested = model.Session.execute(
        sa.select(HarvestObject.id).where(HarvestObject.package_id == package_id,
                                          HarvestObject.harvest_source_id == source_id).limit(1)
    ).first()
    return None if harvested else package_id


def drop_conflicting_claims(dataset: dict[str, Any], package_id: str | None) -> list[str]:
    """Turn claims a local dataset already holds into plain items; describe each conflict."""
    items = dataset.get("data_items") or []
    wanted = {c.identity: c for c in authority.claims(items)}
    owners = authority.owners(wanted, excluding_package=package_id)
    conflicts = []
    for identity, owner in owners.items():
        claim = wanted[identity]
        items[claim.index]["authoritative"] = False
        conflicts.append(
            f"one data one source: item {claim.name!r} ({claim.code or 'no code'}) is "
            f"provided authoritatively by {owner.package_title} ({owner.org_title}); "
            "the harvested claim was not taken over and is listed for the bureau")
    return conflicts


def apply_defaults(dataset: dict[str, Any], source_defaults: dict[str, Any]) -> None:
    for key, value in {**DEFAULTS, **source_defaults}.items():
        if not dataset.get(key):
            dataset[key] = value
    if not dataset.get("notes"):
        dataset["notes"] = dataset.get("title") or "-"
    if dataset.get("open_type") in ("open", "conditional"):
        # opening needs a passed confidentiality review (Art. 26): the province did it
        dataset.setdefault("confidentiality_review", "passed")
        dataset.setdefault("confidentiality_reviewer", "省级平台")
        dataset.setdefault("confidentiality_review_date", (dataset.get("published_date")
                                                           or "1970-01-01")[:10])
    for resource in dataset.get("resources") or []:
        resource.pop("distribution_ref", None)
