"""Why a viewer may not use a dataset's resources, and which application opens them.

The dataset and resource pages and the download's 403 page say it in the viewer's terms: a
conditional-open dataset needs an approved open application (Art. 27, anyone registered), a
conditional-share one an approved share application (Art. 18, departments only), a not-shared
one cannot be applied for. Anonymous visitors get the same routes behind the login page, which
brings them back to the form (`came_from`).
"""
from __future__ import annotations

from typing import Any

import flask

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.dazhou.access.roles import Viewer, viewer_for


def login_url(target: str) -> str:
    """The login page that returns to `target` (a local path) after signing in."""
    return tk.h.url_for("user.login", came_from=target)


def _route(viewer: Viewer, endpoint: str, name: str) -> dict[str, Any]:
    url = tk.h.url_for(endpoint, id=name)
    signed_in = bool(viewer.user_id)
    return {"url": url if signed_in else login_url(url), "login": not signed_in}


def routes(pkg: dict[str, Any], viewer: Viewer | None = None) -> list[dict[str, Any]]:
    """The applications a viewer without the right to use `pkg` can make, in order:
    [{"kind": "open"|"share", "url": ..., "login": bool}]; "share" only for staff and for
    anonymous visitors (who may be staff not yet signed in)."""
    viewer = viewer or viewer_for(tk.current_user)
    if viewer.owns(pkg.get("owner_org")):
        return []
    found = []
    if pkg.get("open_type") == "conditional":
        found.append({"kind": "open", **_route(viewer, "dazhou_workflows.open_apply_dataset",
                                                pkg["name"])})
    if pkg.get("share_type") == "conditional" and (viewer.is_staff or not viewer.user_id):
        found.append({"kind": "share", **_route(viewer, "dazhou_sharing.apply", pkg["name"])})
    return found


def refusal(pkg: dict[str, Any]) -> dict[str, Any] | None:
    """None when the viewer may use the resources; else the reason's kind and the routes."""
    if pkg.get("dazhou_resource_access", True) is not False:
        return None
    viewer = viewer_for(tk.current_user)
    found = routes(pkg, viewer)
    if found:
        kind = found[0]["kind"]
    elif pkg.get("share_type") == "none":
        kind = "not_shared"  # staff of another department: nothing to apply for (Art. 18)
    else:
        kind = "not_open"
    return {"kind": kind, "routes": found, "signed_in": bool(viewer.user_id)}


def refused_download() -> dict[str, Any] | None:
    """On the 403 page of a resource download (the file, or the DataStore's dump of its table):
    the dataset, resource and refusal, when the dataset is visible to the viewer (an invisible
    one answered 404 before)."""
    args = flask.request.view_args or {}
    endpoint = flask.request.endpoint or ""
    is_file = endpoint.endswith("resource.download")
    if not (is_file or endpoint == "datastore.dump") or "resource_id" not in args:
        return None
    context = {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}
    if is_file:
        dataset_id = args.get("id", "")
    else:  # resource_show refuses this viewer; package_show below still decides visibility
        stored = model.Resource.get(args["resource_id"])
        dataset_id = stored.package_id if stored else ""
    try:
        pkg = tk.get_action("package_show")(context, {"id": dataset_id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return None
    resource = next((r for r in pkg.get("resources", []) if r["id"] == args["resource_id"]), None)
    reason = refusal(pkg)
    if resource is None or reason is None:
        return None
    return {"pkg": pkg, "res": resource, "refusal": reason}
