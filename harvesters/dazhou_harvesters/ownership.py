"""A harvest source writes only the datasets it created (issue 11 §4).

ckanext-dcat finds "the existing dataset" of a record by its guid alone, so a second source
serving the same URIs took over the first one's datasets (owner_org changed, later deleted).
Here a record whose guid belongs to a live dataset this source did not harvest (another
source's, or a local one carrying the guid) is not imported: it is an object error and a
conflict listed for the bureau (dazhou_harvest_conflict, identity `dataset:<guid>`).
"""
from __future__ import annotations

import json

import sqlalchemy as sa
from ckan import model
from ckanext.dazhou.supervision import conflicts as conflict_list
from ckanext.harvest.model import HarvestObject


def _datasets_with_guid(guid: str) -> list[str]:
    return list(model.Session.scalars(
        sa.select(model.Package.id).where(model.Package.extras["guid"] == json.dumps(guid),
                                          model.Package.state == "active")))


def ours(package_id: str, source_id: str) -> bool:
    """Whether this source harvested the dataset (any of its harvest objects points to it)."""
    return model.Session.execute(
        sa.select(HarvestObject.id).where(HarvestObject.package_id == package_id,
                                          HarvestObject.harvest_source_id == source_id).limit(1)
    ).first() is not None


def own_dataset(guid: str, source_id: str) -> str | None:
    """The id of the live dataset with this guid that this source harvested, if any."""
    return next((pid for pid in _datasets_with_guid(guid) if ours(pid, source_id)), None)


def held_elsewhere(guid: str, source_id: str) -> str | None:
    """The id of a live dataset with this guid that this source did not harvest, if any."""
    return next((pid for pid in _datasets_with_guid(guid) if not ours(pid, source_id)), None)


def message(guid: str, holder_id: str) -> str:
    holder = model.Package.get(holder_id)
    title = holder.title if holder else holder_id
    return (f"the record {guid} is already the dataset {title!r}, which another source or a "
            "department holds: not taken over, listed for the bureau as a conflict")


def record_conflict(harvest_object: HarvestObject, title: str, holder_id: str) -> None:
    """List the claim for the bureau (one row per source and record; a re-harvest moves
    last_seen). Runs in the harvest's transaction."""
    source = harvest_object.job.source
    conflict_list.record(source.id, source.title or "", harvest_object.guid, title, None,
                         [(f"dataset:{harvest_object.guid}", title, "", holder_id)])
