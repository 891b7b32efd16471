"""Harvest conflicts (Art. 14): the bureau's list of harvested authoritative claims on items
that a local dataset owns.

The province harvester records each conflict it finds in a harvested record (`record`); a
re-harvest of the record moves last_seen, and the record's open rows that no longer hold are
cleared in the same step. A local owner that gives the item up, or the harvested dataset's
deletion, clears the open rows about it (`clear_released`). The bureau resolves a row with a
note. Every change is one statement.
"""
from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import aliased

from ckan import model

from ckanext.dazhou.model import AuthoritativeItem, HarvestConflict

OPEN, RESOLVED, CLEARED = "open", "resolved", "cleared"
STATES = (OPEN, RESOLVED, CLEARED)

_table = HarvestConflict.__table__


def record(source_id: str, source_title: str, original_uri: str, harvested_title: str,
           harvested_package_id: str | None,
           conflicts: Iterable[tuple[str, str, str, str]]) -> None:
    """Store the conflicts one harvested record makes now; clear its open rows that are gone.

    conflicts: (identity, item name, item code, owner package id) per conflicting claim.
    Runs in the harvest's transaction (the caller commits).
    """
    rows = list({row[0]: row for row in conflicts}.values())  # one row per identity
    now = dt.datetime.utcnow()
    session = model.Session
    if rows:
        found = sa.values(
            sa.column("id", sa.UnicodeText), sa.column("identity", sa.UnicodeText),
            sa.column("item_name", sa.UnicodeText), sa.column("item_code", sa.UnicodeText),
            sa.column("owner_package_id", sa.UnicodeText), name="found",
        ).data([(str(uuid.uuid4()), *row) for row in rows])
        select = (
            sa.select(found.c.id, sa.literal(source_id), sa.literal(source_title or ""),
                      sa.literal(original_uri), sa.literal(harvested_title or ""),
                      sa.literal(harvested_package_id, sa.UnicodeText), found.c.identity,
                      found.c.item_name, found.c.item_code, found.c.owner_package_id,
                      model.Package.owner_org, sa.literal(OPEN), sa.literal(now), sa.literal(now))
            .select_from(found)
            .outerjoin(model.Package, model.Package.id == found.c.owner_package_id)
        )
        statement = insert(_table).from_select(
            ["id", "harvest_source_id", "harvest_source_title", "original_uri", "harvested_title",
             "harvested_package_id", "identity", "item_name", "item_code", "owner_package_id",
             "owner_org_id", "state", "first_seen", "last_seen"], select)
        new = statement.excluded
        reopened = _table.c.state == CLEARED
        session.execute(statement.on_conflict_do_update(
            constraint="dazhou_harvest_conflict_claim",
            set_={
                "last_seen": new.last_seen,
                "harvest_source_title": new.harvest_source_title,
                "harvested_title": new.harvested_title,
                "harvested_package_id": new.harvested_package_id,
                "item_name": new.item_name, "item_code": new.item_code,
                "owner_package_id": new.owner_package_id, "owner_org_id": new.owner_org_id,
                # a cleared conflict that comes back is open again; a resolved one stays resolved
                "state": sa.case((reopened, OPEN), else_=_table.c.state),
                "cleared_at": sa.case((reopened, sa.null()), else_=_table.c.cleared_at),
            }))
    session.execute(
        sa.update(_table)
        .where(_table.c.harvest_source_id == source_id, _table.c.original_uri == original_uri,
               _table.c.state == OPEN, _table.c.identity.notin_([r[0] for r in rows] or [""]))
        .values(state=CLEARED, cleared_at=now))


def clear_released(package_id: str, deleted: bool = False) -> None:
    """Clear the open conflicts that no longer hold once package_id was saved or deleted:
    it owned the item and gave it up, or (deleted) it was the harvested dataset."""
    held = sa.select(AuthoritativeItem.identity).where(
        AuthoritativeItem.identity == _table.c.identity,
        AuthoritativeItem.package_id == _table.c.owner_package_id)
    released = sa.and_(_table.c.owner_package_id == package_id, ~held.exists())
    gone = _table.c.harvested_package_id == package_id
    model.Session.execute(
        sa.update(_table)
        .where(_table.c.state == OPEN, sa.or_(released, gone) if deleted else released)
        .values(state=CLEARED, cleared_at=dt.datetime.utcnow()))


def _joined(query: sa.Select) -> sa.Select:
    """The query's conflicts with the names the list shows (datasets, department, resolver)."""
    owner, org = aliased(model.Package), aliased(model.Group)
    harvested, source = aliased(model.Package), aliased(model.Package)
    return (
        query.add_columns(owner.name, owner.title, org.name, org.title, harvested.name,
                          source.name, model.User.name)
        .outerjoin(owner, owner.id == HarvestConflict.owner_package_id)
        .outerjoin(org, org.id == HarvestConflict.owner_org_id)
        .outerjoin(harvested, sa.and_(harvested.id == HarvestConflict.harvested_package_id,
                                      harvested.state == "active"))
        .outerjoin(source, source.id == HarvestConflict.harvest_source_id)
        .outerjoin(model.User, model.User.id == HarvestConflict.resolved_by)
    )


def page(owner_org_ids: Iterable[str] | None, state: str | None, harvest_source_id: str | None,
         offset: int, limit: int) -> tuple[int, list[dict[str, Any]]]:
    """One page of conflicts, open ones first, then the most recently seen.

    owner_org_ids None means every department (the bureau).
    """
    query = sa.select(HarvestConflict)
    if owner_org_ids is not None:
        query = query.where(HarvestConflict.owner_org_id.in_(list(owner_org_ids) or [""]))
    if state:
        query = query.where(HarvestConflict.state == state)
    if harvest_source_id:
        query = query.where(HarvestConflict.harvest_source_id == harvest_source_id)
    total = model.Session.execute(
        sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    rows = model.Session.execute(
        _joined(query)
        .order_by(HarvestConflict.state != OPEN, HarvestConflict.last_seen.desc(),
                  HarvestConflict.id)
        .offset(offset).limit(limit)).all()
    return total, [as_dict(*row) for row in rows]


def one(conflict_id: str) -> dict[str, Any]:
    row = model.Session.execute(
        _joined(sa.select(HarvestConflict).where(HarvestConflict.id == conflict_id))).one()
    return as_dict(*row)


def as_dict(c: HarvestConflict, owner_name: str | None = None, owner_title: str | None = None,
            org_name: str | None = None, org_title: str | None = None,
            harvested_name: str | None = None, source_name: str | None = None,
            resolver_name: str | None = None) -> dict[str, Any]:
    def iso(value: dt.datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": c.id, "state": c.state,
        "harvest_source_id": c.harvest_source_id, "harvest_source_name": source_name,
        "harvest_source_title": c.harvest_source_title,
        "original_uri": c.original_uri, "harvested_title": c.harvested_title,
        "harvested_package_id": c.harvested_package_id, "harvested_package_name": harvested_name,
        "identity": c.identity, "item_name": c.item_name, "item_code": c.item_code,
        "owner_package_id": c.owner_package_id, "owner_package_name": owner_name,
        "owner_package_title": owner_title or owner_name,
        "owner_org_id": c.owner_org_id, "owner_org_name": org_name, "owner_org_title": org_title,
        "first_seen": iso(c.first_seen), "last_seen": iso(c.last_seen),
        "cleared_at": iso(c.cleared_at), "resolved_by": c.resolved_by,
        "resolved_by_name": resolver_name, "resolved_at": iso(c.resolved_at),
        "resolution_note": c.resolution_note,
    }


def get(conflict_id: str) -> HarvestConflict | None:
    return model.Session.get(HarvestConflict, conflict_id)


def resolve(conflict: HarvestConflict, user_id: str, note: str) -> None:
    conflict.state, conflict.resolved_by = RESOLVED, user_id
    conflict.resolved_at, conflict.resolution_note = dt.datetime.utcnow(), note
    model.Session.commit()
