"""Keeps the plugin's catalog tables in step with datasets, inside the action's transaction."""
from __future__ import annotations

from typing import Any

import sqlalchemy.exc

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import _

from ckanext.dazhou import authority, codes
from ckanext.dazhou.supervision import conflicts


def _fail(errors: dict[str, Any]):
    # The package rows are flushed but not committed: undo them, as CKAN does for duplicate emails.
    model.Session.rollback()
    raise tk.ValidationError(errors)


def dataset_saved(pkg_dict: dict[str, Any]) -> None:
    package_id = pkg_dict["id"]
    if pkg_dict.get("state") == "deleted":
        dataset_deleted(package_id)
        return
    try:
        with model.Session.begin_nested():
            if pkg_dict.get("resource_code"):
                codes.record(package_id, pkg_dict["resource_code"])
    except sqlalchemy.exc.IntegrityError:
        _fail({"resource_code": [_("The resource code {code} is already used by another dataset").format(
            code=pkg_dict["resource_code"])]})
    relabel_activities(package_id)
    try:
        authority.sync_claims(package_id, pkg_dict.get("data_items"))
    except authority.ClaimConflict as conflict:
        owners = ", ".join(f"{o.package_title} ({o.org_title})" for o in conflict.conflicts.values())
        _fail({"data_items": [_("One data, one source (Art. 14): another dataset became the "
                                "authoritative source first: {owners}").format(owners=owners)]})
    conflicts.clear_released(package_id)


def relabel_activities(package_id: str) -> None:
    """Give the dataset's past activities its current permission labels (one UPDATE).

    CKAN stamps labels on an activity when it is written; without this, a dataset closed
    after being open would keep showing its title in old public activity streams.
    """
    from ckanext.activity.model import Activity  # the activity plugin is always enabled here
    from ckanext.dazhou.access.labels import dataset_labels

    package = model.Package.get(package_id)
    if package is None:
        return
    model.Session.query(Activity).filter(Activity.object_id == package_id).update(
        {"permission_labels": dataset_labels(package)}, synchronize_session=False)


def dataset_deleted(package_id: str) -> None:
    """A deleted dataset gives up its authoritative claims (and its harvest conflicts are
    cleared); its code stays reserved."""
    authority.release_claims(package_id)
    conflicts.clear_released(package_id, deleted=True)
