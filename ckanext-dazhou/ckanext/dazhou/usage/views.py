"""Which answered requests count as a download or an API call (after the answer is made).

Downloads: the resource download (an upload served, or the redirect to a linked file) and the
DataStore dump. API calls: datastore_search through the action API. Refused or failed
requests do not count; the preview's own requests are not API calls.
"""
from __future__ import annotations

import flask

from ckanext.dazhou.usage import counts

usage_counter = flask.Blueprint("dazhou_usage", __name__)

_DOWNLOADS = {"resource.download", "dataset_resource.download", "datastore.dump"}
_API = {"datastore_search"}


def _api_resource_id() -> str:
    request = flask.request
    value = request.args.get("resource_id") or request.form.get("resource_id")
    if not value and request.is_json:
        body = request.get_json(silent=True)
        value = body.get("resource_id") if isinstance(body, dict) else None
    return value if isinstance(value, str) else ""


@usage_counter.after_app_request
def _count(response):
    endpoint = flask.request.endpoint or ""
    view_args = flask.request.view_args or {}
    if endpoint in _DOWNLOADS and response.status_code in (200, 302):
        counts.count("download", str(view_args.get("resource_id") or ""))
    elif (endpoint == "api.action" and view_args.get("logic_function") in _API
          and response.status_code == 200):
        counts.count("api", _api_resource_id())
    return response
