"""CKAN core actions wrapped so that no door shows more than the measures allow.

Registered by plugin.get_actions with toolkit.chained_action.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.dazhou.access import log as access_log
from ckanext.dazhou.access.redact import redact_for
from ckanext.dazhou.access.resources import usable_package_ids
from ckanext.dazhou.access.roles import viewer_from_context


def _not_found(kind: str):
    return tk.ObjectNotFound(tk._("{kind} not found").format(kind=kind))


def _dataset_or_404(original, context, data_dict):
    try:
        return original(context, data_dict)
    except tk.NotAuthorized:
        raise _not_found(tk._("Dataset"))


@tk.chained_action
@tk.side_effect_free
def package_show(original, context, data_dict):
    """A dataset the viewer may not see does not exist for them (404, not 403)."""
    return _dataset_or_404(original, context, data_dict)


@tk.chained_action
@tk.side_effect_free
def package_activity_list(original, context, data_dict):
    """Like package_show: an invisible dataset has no activity stream (404, not 403)."""
    return _dataset_or_404(original, context, data_dict)


@tk.chained_action
@tk.side_effect_free
def package_search(original, context, data_dict):
    result = original(context, data_dict)
    rows = [r for r in result.get("results", []) if isinstance(r, dict) and "id" in r]
    if rows:
        redact_for(viewer_from_context(context), rows)
    return result


@tk.chained_action
@tk.side_effect_free
def current_package_list_with_resources(original, context, data_dict):
    result = original(context, data_dict)
    redact_for(viewer_from_context(context), result)
    return result


@tk.chained_action
@tk.side_effect_free
def resource_show(original, context, data_dict):
    """404 when the dataset is invisible, 403 without the right to use it; logged."""
    resource = model.Resource.get(tk.get_or_bust(data_dict, "id"))
    if resource is None or resource.state == "deleted":
        raise _not_found(tk._("Resource"))
    dataset = tk.get_action("package_show")(dict(context, for_view=False),
                                            {"id": resource.package_id})
    viewer = viewer_from_context(context)
    allowed = dataset.get("dazhou_resource_access", False)
    if access_log.needs_logging(dataset) and not context.get("ignore_auth"):
        access_log.record(viewer.user_id, dataset, resource.id, allowed)
    if not allowed:
        raise tk.NotAuthorized(tk._(
            "Using this resource needs an approved share or open application (Art. 18, 27)"))
    return original(context, data_dict)


@tk.chained_action
@tk.side_effect_free
def resource_search(original, context, data_dict):
    result = original(context, data_dict)
    results = result.get("results", [])
    ids = {r["package_id"] for r in results}
    # one query for the page's datasets; resource_search only returns public (not private) ones
    packages = model.Session.query(model.Package).filter(model.Package.id.in_(ids)).all()
    datasets = [{"id": p.id, "owner_org": p.owner_org, **(p.extras or {})} for p in packages]
    usable = usable_package_ids(viewer_from_context(context), datasets)
    result["results"] = [r for r in results if r["package_id"] in usable]
    result["count"] = len(result["results"])
    return result




@tk.chained_action
@tk.side_effect_free
def organization_show(original, context, data_dict):
    """The dataset count the viewer may see: CKAN counts private (closed) datasets only for
    members, but department staff see every cataloged dataset (Art. 18)."""
    result = original(context, data_dict)
    search = tk.get_action("package_search")(
        {k: v for k, v in context.items() if k in ("user", "auth_user_obj", "ignore_auth")},
        {"fq": f'owner_org:"{result["id"]}"', "rows": 0, "include_private": True})
    result["package_count"] = search["count"]
    return result


def get_actions() -> dict[str, Any]:
    return {f.__name__: f for f in (package_show, package_activity_list, package_search,
                                    organization_show,
                                    current_package_list_with_resources, resource_show,
                                    resource_search)}
