"""A success message after CKAN's dataset and resource forms save (they redirect silently).

Registered as an app-wide after_request on a route-less blueprint: the message is flashed
only for a form POST of those views that answered with a redirect (a refused form answers
200 with its errors), so API calls never leave messages in the session.
"""
from __future__ import annotations

import flask

from ckan.common import _
from ckan.lib.helpers import flash_success

saved_messages = flask.Blueprint("dazhou_saved_messages", __name__)


RESOURCE_BLUEPRINTS = ("dataset_resource", "resource")  # CKAN registers both


def _message(endpoint: str, save: str | None) -> str | None:
    blueprint, _sep, view = endpoint.partition(".")
    if blueprint == "dataset" and view == "new":
        return _("The dataset has been saved. Now add its resources.")
    if blueprint == "dataset" and view == "edit":
        return _("The dataset has been saved.")
    if blueprint in RESOURCE_BLUEPRINTS and view == "new":
        if save == "go-metadata":
            return _("The dataset has been published.")
        return _("The resource has been added.")
    if blueprint in RESOURCE_BLUEPRINTS and view == "edit":
        return _("The resource has been saved.")
    return None


@saved_messages.after_app_request
def flash_after_save(response: flask.Response) -> flask.Response:
    request = flask.request
    if request.method == "POST" and response.status_code in (302, 303):
        message = _message(request.endpoint or "", request.form.get("save"))
        if message:
            flash_success(message)
    return response
