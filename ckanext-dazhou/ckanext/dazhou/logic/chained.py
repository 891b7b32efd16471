"""CKAN actions wrapped so that no door shows more than the measures allow.

Every answer passes the generic redaction (access/doors.py); these narrow what no dataset
shape shows: 404 instead of 403, query fields, tag names, member ids, a diff's text, harvested
records. Registered by plugin.get_actions with toolkit.chained_action; listed in
doors.NARROWED.
"""
from __future__ import annotations

import difflib
import json
import re
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.dazhou.access import log as access_log
from ckanext.dazhou.access import search_fields, visibility
from ckanext.dazhou.access.redact import redact_answer
from ckanext.dazhou.access.resources import usable_package_ids
from ckanext.dazhou.access.roles import viewer_from_context
from ckanext.dazhou.index import just_written


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
    if just_written.is_just_written(data_dict.get("id") or data_dict.get("name_or_id")):
        context["use_cache"] = False  # its Solr copy is not current yet (index/just_written.py)
    return _dataset_or_404(original, context, data_dict)


@tk.chained_action
@tk.side_effect_free
def package_activity_list(original, context, data_dict):
    """Like package_show: an invisible dataset has no activity stream (404, not 403)."""
    return _dataset_or_404(original, context, data_dict)


@tk.chained_action
@tk.side_effect_free
def package_search(original, context, data_dict):
    """Below the bureau, no field that holds addresses or whole stored dicts is returned,
    faceted or queried (access/search_fields.py); results pass the generic redaction."""
    if not viewer_from_context(context).is_bureau:
        search_fields.check_search_params(data_dict)
    return original(context, data_dict)


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
    members, but department staff see every cataloged dataset (Art. 18).

    Without the datasets themselves, the count is given to CKAN beforehand (its
    `dataset_counts`): CKAN would otherwise run its own count and a facet over every group
    (facet.limit=-1) only to have both replaced. Sub-organizations (the city has none) then
    show no count."""
    def count(org_id: str) -> int:
        return tk.get_action("package_search")(
            {k: v for k, v in context.items() if k in ("user", "auth_user_obj", "ignore_auth")},
            {"fq": f'owner_org:"{org_id}"', "rows": 0, "include_private": True})["count"]

    try:
        wants_datasets = tk.asbool(data_dict.get("include_datasets", False))
        group = model.Group.get(data_dict.get("id") or "")
    except (ValueError, AttributeError, TypeError):  # CKAN's own errors for these
        wants_datasets, group = True, None
    if group is not None and group.is_organization and not wants_datasets \
            and "dataset_counts" not in context:
        counted = count(group.id)
        inner = dict(context, dataset_counts={"owner_org": {group.id: counted}, "groups": {}})
        result = original(inner, data_dict)
        # CKAN's views read the group object the action leaves in their context (bulk_process)
        for key in ("group", "package"):
            if key in inner:
                context[key] = inner[key]
        result["package_count"] = counted
        return result
    result = original(context, data_dict)
    result["package_count"] = count(result["id"])
    return result


@tk.chained_action
@tk.side_effect_free
def activity_show(original, context, data_dict):
    """CKAN's auth reads include_data unconditionally (a 500 without it); the answer passes the
    generic redaction, which also hides activities of datasets the viewer cannot see now."""
    data_dict["include_data"] = tk.asbool(data_dict.get("include_data", False))  # "false" too
    return original(context, data_dict)


@tk.chained_action
@tk.side_effect_free
def activity_diff(original, context, data_dict):
    """The diff is text the shape-based redaction cannot see into: made again from the
    redacted versions."""
    result = original(context, data_dict)
    redact_answer(lambda: viewer_from_context(context), result["activities"])
    object_type = data_dict.get("object_type")
    versions = [(a.get("data") or {}).get(object_type) for a in result["activities"]]
    result["diff"] = _diff(versions, data_dict.get("diff_type", "unified"))
    return result


def _diff(versions: list[Any], diff_type: str) -> str:
    """The same text as CKAN's activity_diff (ckanext/activity/logic/action.py)."""
    lines = [json.dumps(v, indent=2, sort_keys=True).split("\n") for v in versions]
    if diff_type == "unified":
        return "\n".join(difflib.unified_diff(*lines))
    if diff_type == "context":
        return "\n".join(difflib.context_diff(*lines))
    wrapped = [[part for line in side for part in re.findall(r".{1,70}(?:\s+|$)", line)]
               for side in lines]
    return difflib.HtmlDiff().make_table(*wrapped)


def _visible_facet_values(context, field: str) -> set[str]:
    """Values of a facet over the datasets the viewer may see (one search, their labels)."""
    search_context = {k: v for k, v in context.items()
                      if k in ("user", "auth_user_obj", "ignore_auth")}
    result = tk.get_action("package_search")(search_context, {
        "rows": 0, "include_private": True, "include_drafts": True,
        "facet.field": [field], "facet.limit": -1})
    return {item["name"] for item in result["search_facets"].get(field, {}).get("items", [])}


def _tag_name(tag: Any) -> str:
    return tag["name"] if isinstance(tag, dict) else tag


@tk.chained_action
@tk.side_effect_free
def tag_list(original, context, data_dict):
    """Free tags only as far as a dataset the viewer may see uses them; vocabulary tags are
    published code lists."""
    return _visible_tags(context, data_dict, original(context, data_dict))


@tk.chained_action
@tk.side_effect_free
def tag_autocomplete(original, context, data_dict):
    return _visible_tags(context, data_dict, original(context, data_dict))


def _visible_tags(context, data_dict, tags: list[Any]) -> list[Any]:
    if data_dict.get("vocabulary_id") or viewer_from_context(context).is_bureau:
        return tags
    visible = _visible_facet_values(context, "tags")
    return [tag for tag in tags if _tag_name(tag) in visible]


@tk.chained_action
@tk.side_effect_free
def tag_search(original, context, data_dict):
    result = original(context, data_dict)
    result["results"] = _visible_tags(context, data_dict, result["results"])
    result["count"] = len(result["results"])
    return result


@tk.chained_action
@tk.side_effect_free
def tag_show(original, context, data_dict):
    """A free tag no visible dataset uses is not found; its datasets pass the generic
    redaction."""
    result = original(context, data_dict)
    if result.get("vocabulary_id") or viewer_from_context(context).is_bureau:
        return result
    if result["name"] not in _visible_facet_values(context, "tags"):
        raise _not_found(tk._("Tag"))
    return result


@tk.chained_action
@tk.side_effect_free
def format_autocomplete(original, context, data_dict):
    result = original(context, data_dict)
    if viewer_from_context(context).is_bureau:
        return result
    visible = {f.lower() for f in _visible_facet_values(context, "res_format")}
    return [f for f in result if f.lower() in visible]


def _visible_package_ids(context, package_ids) -> set[str]:
    current = visibility.current_datasets(package_ids)
    return visibility.visible_ids(viewer_from_context(context), current.values())


@tk.chained_action
@tk.side_effect_free
def member_list(original, context, data_dict):
    """A group's or department's members without the datasets the viewer cannot see."""
    result = original(context, data_dict)
    packages = {row[0] for row in result if row[1] == "package"}
    if not packages:
        return result
    visible = _visible_package_ids(context, packages)
    return [row for row in result if row[1] != "package" or row[0] in visible]


@tk.chained_action
@tk.side_effect_free
def package_relationships_list(original, context, data_dict):
    """Relationships name the other dataset: only those the viewer may see."""
    result = original(context, data_dict)
    names = {r[k] for r in result for k in ("subject", "object")}
    ids = dict(model.Session.query(model.Package.name, model.Package.id)
               .filter(model.Package.name.in_(names)).all()) if names else {}
    visible = _visible_package_ids(context, ids.values())
    return [r for r in result
            if ids.get(r["subject"]) in visible and ids.get(r["object"]) in visible]


@tk.chained_action
@tk.side_effect_free
def followee_list(original, context, data_dict):
    """CKAN's followee_list sets ignore_auth on the context it was given; a copy keeps the
    caller's context (and so the generic redaction of the followed datasets) intact."""
    return original(dict(context), data_dict)


@tk.chained_action
@tk.side_effect_free
def harvest_object_show(original, context, data_dict):
    """A harvest object's content is the remote record, addresses included (ckanext-harvest
    lets any signed-in user read it): only for the source's department, the bureau, or those
    who may use the dataset it became."""
    result = original(context, data_dict)
    viewer = viewer_from_context(context)
    if viewer.is_bureau:
        return result
    source = model.Package.get(result.get("source") or "")
    if source is not None and viewer.owns(source.owner_org):
        return result
    current = visibility.current_datasets([result["package"]] if result.get("package") else [])
    if not usable_package_ids(viewer, list(current.values())):
        raise tk.NotAuthorized(tk._("Only the source's department may read harvested records"))
    return result


def get_actions() -> dict[str, Any]:
    return {f.__name__: f for f in (
        package_show, package_activity_list, package_search, organization_show,
        resource_show, resource_search, activity_show,
        activity_diff, tag_list, tag_autocomplete, tag_search, tag_show, format_autocomplete,
        member_list, package_relationships_list, followee_list, harvest_object_show)}
