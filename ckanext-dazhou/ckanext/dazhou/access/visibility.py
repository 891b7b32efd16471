"""Which datasets a viewer may see now, decided for a whole page of ids at once.

Stored answers (activities, tag and member lists) carry the rights of the day they were
written; this module answers with today's permission labels (labels.py), one query per page.
"""
from __future__ import annotations

from typing import Any, Iterable

from ckan import model

from ckanext.dazhou.access import labels
from ckanext.dazhou.access.roles import Viewer


def current_datasets(package_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """{id: the fields access decisions read} from the database (one query)."""
    ids = list(set(package_ids))
    if not ids:
        return {}
    packages = model.Session.query(model.Package).filter(model.Package.id.in_(ids)).all()
    return {p.id: {**(p.extras or {}), "id": p.id, "name": p.name, "owner_org": p.owner_org,
                   "state": p.state, "type": p.type,
                   "dazhou_labels": labels.dataset_labels(p)} for p in packages}


def visible_ids(viewer: Viewer, datasets: Iterable[dict[str, Any]]) -> set[str]:
    """Ids of current_datasets() entries the viewer may see (CKAN's label rule, and a
    deleted dataset only for those who may edit it, as package_show does)."""
    if viewer.is_bureau:
        return {d["id"] for d in datasets}
    mine = set(labels.viewer_labels(viewer))
    return {d["id"] for d in datasets
            if mine.intersection(d["dazhou_labels"])
            and (d["state"] != "deleted" or viewer.can_edit(d["owner_org"]))}
