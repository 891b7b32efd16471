"""Datasets this process saved a moment ago, whose search-index copy cannot be current yet.

CKAN's package_show first asks Solr for the stored copy of a dataset and uses it when its
metadata_modified matches the database. For a dataset saved in this request (or, outside a
request, by this process in its last few thousand saves) that copy is either not committed yet
(one-second soft commit) or not written at all (defer_commit), so the lookup is a wasted Solr
round trip on every save: the activity's package_show right after package_create and
package_update. Skipping it is always correct; it only decides where the same dict comes from.
"""
from __future__ import annotations

import collections

import flask

_KEY = "_dazhou_just_written"
_OUTSIDE_REQUESTS = 5000  # a bulk load's recent saves; older ones are committed and indexed


_outside_requests: collections.OrderedDict = collections.OrderedDict()


def _ids() -> collections.OrderedDict:
    if not flask.has_request_context():
        return _outside_requests
    if not hasattr(flask.g, _KEY):
        setattr(flask.g, _KEY, collections.OrderedDict())
    return getattr(flask.g, _KEY)


def note(*names_or_ids: str) -> None:
    ids = _ids()
    for value in names_or_ids:
        if value:
            ids[value] = True
            ids.move_to_end(value)
    while len(ids) > _OUTSIDE_REQUESTS:
        ids.popitem(last=False)


def is_just_written(name_or_id: str | None) -> bool:
    return bool(name_or_id) and name_or_id in _ids()
