"""The province harvester's rules for one incoming dataset (Art. 14, 24, 25).

- never take over a dataset a local department owns (same resource code, not harvested);
- one data, one source: an authoritative claim on an item a local dataset owns is dropped
  from the harvested copy and listed as a conflict for the bureau (dazhou_harvest_conflict,
  one row per source, record and item; also an object error in the harvest report);
- harvested datasets belong to the harvest source's organization, with defaults for the
  catalog attributes a foreign DCAT-AP record does not carry.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from ckan import model
from ckanext.dazhou import authority, codes
from ckanext.dazhou.supervision import conflicts as conflict_list
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


@dataclass(frozen=True)
class Conflict:
    """A harvested authoritative claim on an item that a local dataset owns."""

    claim: authority.Claim
    owner: authority.Owner

    @property
    def message(self) -> str:
        return (f"one data one source: item {self.claim.name!r} ({self.claim.code or 'no code'}) "
                f"is provided authoritatively by {self.owner.package_title} "
                f"({self.owner.org_title}); the harvested claim was not taken over and is "
                "listed for the bureau")


def drop_conflicting_claims(dataset: dict[str, Any], package_id: str | None) -> list[Conflict]:
    """Turn claims a local dataset already holds into plain items; return each conflict."""
    items = dataset.get("data_items") or []
    wanted = {c.identity: c for c in authority.claims(items)}
    owners = authority.owners(wanted, excluding_package=package_id)
    for identity in owners:
        items[wanted[identity].index]["authoritative"] = False
    return [Conflict(wanted[identity], owner) for identity, owner in owners.items()]


def record_conflicts(harvest_object: HarvestObject, original_uri: str | None,
                     dataset: dict[str, Any], conflicts: list[Conflict]) -> None:
    """List this record's conflicts for the bureau; its earlier ones that are gone are cleared."""
    source = harvest_object.job.source
    conflict_list.record(
        source.id, source.title or "", original_uri or harvest_object.guid,
        dataset.get("title") or "", dataset.get("id") or harvest_object.package_id,
        [(c.claim.identity, c.claim.name, c.claim.code, c.owner.package_id) for c in conflicts])


def apply_defaults(dataset: dict[str, Any], source_defaults: dict[str, Any],
                   source_overrides: dict[str, Any] | None = None) -> None:
    """Fill what the record lacks (defaults), then force what the source's config overrides
    (e.g. `"open_type": "closed"` when the city re-reviews everything it takes in)."""
    for key, value in {**DEFAULTS, **source_defaults}.items():
        if not dataset.get(key):
            dataset[key] = value
    dataset.update(source_overrides or {})
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
