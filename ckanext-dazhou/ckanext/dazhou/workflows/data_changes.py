"""Recorded data changes (Art. 20, 13): shared data updated within 5 working days, the catalog
entry within 10. A resource modified after the record meets Art. 20; a dataset update meets Art. 13."""
from __future__ import annotations

import datetime as dt
import uuid

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import _

from ckanext.dazhou import deadlines
from ckanext.dazhou.access.roles import viewer_from_context
from ckanext.dazhou.logic import params
from ckanext.dazhou.model import DataChange
from ckanext.dazhou.workflows.common import actor, validate


@tk.validator_args
def _schema(not_empty, unicode_safe, ignore_missing):
    return {"package_id": [not_empty, unicode_safe, params.bounded_text],
            "changed_on": [ignore_missing, params.day_validator],
            "note": [ignore_missing, unicode_safe]}


def dazhou_data_change_record_auth(context, data_dict):
    package = model.Package.get(data_dict.get("package_id") or "")
    if package is None:
        raise tk.ObjectNotFound(_("Dataset not found"))
    if viewer_from_context(context).can_edit(package.owner_org):
        return {"success": True}
    return {"success": False, "msg": _("Only editors of the providing department record data changes")}


def data_change_record(context, data_dict):
    """Record that a dataset's data changed; starts the Art. 20 and Art. 13 deadlines.

    :param package_id: the dataset
    :param changed_on: the day the data changed (default today)
    :param note: what changed
    """
    data = validate(data_dict, _schema(), context)  # before the auth function's lookup
    tk.check_access("dazhou_data_change_record", context, data)
    package = model.Package.get(data["package_id"])
    if package is None or package.state == "deleted":
        raise tk.ObjectNotFound(_("Dataset not found"))
    changed_on = data.get("changed_on") or deadlines.today()
    if isinstance(changed_on, dt.datetime):
        changed_on = changed_on.date()
    change = DataChange(
        id=str(uuid.uuid4()), package_id=package.id, changed_on=changed_on,
        recorded_at=dt.datetime.utcnow(), recorded_by=actor(context).id,
        note=data.get("note") or "",
        shared_due=deadlines.due_date(changed_on, "shared_update_days"),
        catalog_due=deadlines.due_date(changed_on, "catalog_update_days"))
    model.Session.add(change)
    model.Session.commit()
    return {"id": change.id, "package_id": package.id, "changed_on": changed_on.isoformat(),
            "shared_due": change.shared_due.isoformat(), "catalog_due": change.catalog_due.isoformat()}


ACTIONS = {"dazhou_data_change_record": data_change_record}
AUTH = {"dazhou_data_change_record": dazhou_data_change_record_auth}
