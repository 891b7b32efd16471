"""Template helpers. Labels and choices come from the vocabularies, never typed here."""
from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.dazhou import codes, org_counts
from dazhou_vocab import loader


def _lang() -> str:
    try:
        return tk.h.lang() or "zh_Hans_CN"
    except (RuntimeError, TypeError):  # outside a request
        return "zh_Hans_CN"


def dazhou_vocab_choices(field: dict[str, Any]) -> list[dict[str, Any]]:
    """Scheming choices for a field with `vocab_scheme` (and optional `vocab_level`)."""
    scheme = loader.scheme(field["vocab_scheme"])
    level = field.get("vocab_level")
    concepts = scheme.concepts
    if level == "top":
        concepts = scheme.top_concepts()
    elif level == "narrower":
        concepts = [c for c in scheme.concepts if c.broader is not None]
    return [
        {"value": c.key, "label": {"zh_Hans_CN": c.label_zh, "en": c.label_en}}
        for c in concepts
    ]


def dazhou_vocab_label(scheme_name: str, key: str | None) -> str:
    """The label of a coded value in the UI language ('' for an empty value)."""
    if not key:
        return ""
    return loader.scheme(scheme_name).label(key, "en" if _lang().startswith("en") else "zh")


def _keys(value: Any) -> list[str]:
    """A multiple-choice value as a list of keys (list, JSON list string or comma list)."""
    if value is None or value == "" or value == []:
        return []
    if isinstance(value, str):
        if value.startswith("["):
            try:
                return [str(v) for v in json.loads(value)]
            except ValueError:
                pass
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value]


def dazhou_vocab_labels(scheme_name: str, keys: Any) -> list[str]:
    """The labels of several coded values (a list, or scheming's JSON list string)."""
    return [dazhou_vocab_label(scheme_name, key) for key in _keys(keys)]


def dazhou_is_true(value: Any) -> bool:
    """Booleans as stored or posted: True, "true", "1", "yes", "on"."""
    return value is True or str(value).strip().lower() in ("true", "1", "yes", "on")


def dazhou_choice_label(field: dict[str, Any], value: Any) -> str:
    """The label of a select field's value; booleans match the "true"/"false" choices."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        value = "true" if value else "false"
    for choice in tk.h.scheming_field_choices(field) or []:
        if str(choice["value"]) == str(value):
            return tk.h.scheming_language_text(choice.get("label", value))
    return str(value)


def _has_error(error: Any) -> bool:
    if isinstance(error, dict):
        return any(_has_error(e) for e in error.values())
    if isinstance(error, (list, tuple)):
        return any(_has_error(e) for e in error)
    return bool(error)


def dazhou_form_sections(schema: dict[str, Any], errors: dict[str, Any] | None = None
                         ) -> list[dict[str, Any]]:
    """The dataset fields grouped by their `form_section`, in the schema's section order.

    Each section: key, title, description (language dicts), fields and error_count (how many
    of its fields have errors). Fields without a known section come last under "other".
    """
    errors = errors or {}
    sections = [dict(s, fields=[], error_count=0) for s in schema.get("form_sections") or []]
    by_key = {s["key"]: s for s in sections}
    other: dict[str, Any] | None = None
    for field in schema.get("dataset_fields") or []:
        section = by_key.get(field.get("form_section"))
        if section is None:
            if other is None:
                other = {"key": "other", "title": tk._("Other information"), "description": "",
                         "fields": [], "error_count": 0}
            section = other
        section["fields"].append(field)
        if _has_error(errors.get(field["field_name"])):
            section["error_count"] += 1
    if other:
        sections.append(other)
    return [s for s in sections if s["fields"]]


def dazhou_dataset_by_code(code: str | None) -> dict[str, Any] | None:
    """{name, title} of the dataset holding a resource code, if the user may see it."""
    if not code:
        return None
    package_id = codes.owner_of(code.strip())
    package = model.Package.get(package_id) if package_id else None
    if package is None or package.state != "active":
        return None
    if not tk.h.check_access("package_show", {"id": package.id}):
        return None
    return {"name": package.name, "title": package.title or package.name}


def dazhou_home_summary() -> dict[str, Any]:
    """The home page's figures and newest entries, as the visitor may see them: one
    package_search (counts by open type and category, five newest) with their context."""
    user = tk.current_user.name if tk.current_user.is_authenticated else ""
    result = tk.get_action("package_search")({"user": user}, {
        "q": "*:*", "fq": "-dataset_type:harvest", "rows": 5, "include_private": True,
        "sort": "metadata_modified desc",
        "facet.field": ["open_type", "resource_category", "organization"], "facet.limit": -1})
    facets = {name: {item["name"]: item["count"] for item in facet["items"]}
              for name, facet in result["search_facets"].items()}
    return {
        "total": result["count"],
        "open_types": facets.get("open_type", {}),
        "categories": facets.get("resource_category", {}),
        "departments": len(facets.get("organization", {})),
        "newest": result["results"],
    }


def dazhou_calendar_gaps() -> list[int]:
    """Years within the next 60 days whose official holiday schedule is not loaded yet."""
    from ckanext.dazhou.supervision import official_years
    from ckanext.dazhou import deadlines
    return official_years.calendar().unknown_years_ahead(deadlines.today())


def dazhou_search_note(q: str | None) -> dict[str, Any] | None:
    """How the search page's query was searched: {"rewritten": 社会保险, "fallback": None|"pinyin"}."""
    from ckanext.dazhou.search import notes

    return notes.note_for(q)


def dazhou_search_zero_result(q: str | None) -> dict[str, Any]:
    """For a search without result: the nearest vocabulary terms and the Art. 11 categories."""
    from ckanext.dazhou.search import zero_result  # the search package imports these helpers

    return zero_result.offer(q)


def dazhou_day(value: Any) -> str:
    """A stored date or time as its day in Asia/Shanghai: 2026年12月2日 (dates.py)."""
    from ckanext.dazhou import dates
    return dates.day_text(value)


def dazhou_iso_day(value: Any) -> str:
    """A stored date or time as its day in Asia/Shanghai: 2026-12-02."""
    from ckanext.dazhou import dates
    return dates.iso_day(value)


def dazhou_time(value: Any) -> str:
    """A stored time in Asia/Shanghai to the minute: 2026-12-02 14:35."""
    from ckanext.dazhou import dates
    return dates.time_text(value)


def dazhou_apply_routes(pkg: dict[str, Any]) -> list[dict[str, Any]]:
    """Open/share applications the viewer can make for a dataset (via login when anonymous)."""
    from ckanext.dazhou.access import explain
    return explain.routes(pkg)


def dazhou_login_url(target: str) -> str:
    """The login page that brings the visitor back to `target`."""
    from ckanext.dazhou.access import explain
    return explain.login_url(target)


def dazhou_resource_refusal(pkg: dict[str, Any]) -> dict[str, Any] | None:
    """Why the viewer may not use the dataset's resources and how to apply; None when they may."""
    from ckanext.dazhou.access import explain
    return explain.refusal(pkg)


def dazhou_refused_download() -> dict[str, Any] | None:
    """On a download's 403 page: the dataset, resource and refusal to explain."""
    from ckanext.dazhou.access import explain
    return explain.refused_download()


def dazhou_reply_days(option: str) -> int:
    """A deadline of the measures in working days (ckanext.dazhou.<option>)."""
    from ckanext.dazhou import deadlines
    return deadlines.reply_days(option)


def dazhou_organization_box(org_id: str | None) -> dict[str, Any] | None:
    """What the sidebar's organization box shows (name, title, description, image, state),
    read from the group row as it is now: organizations are public, no dataset count."""
    group = model.Group.get(org_id) if org_id else None
    if group is None or not group.is_organization:
        return None
    image = group.image_url or ""
    if image and not image.startswith(("http://", "https://")):
        image = tk.h.url_for_static(f"uploads/group/{image}", qualified=True)
    return {"id": group.id, "name": group.name, "title": group.title, "type": group.type,
            "state": group.state, "description": group.description,
            "image_url": group.image_url, "image_display_url": image}


def dazhou_viewer_is_bureau() -> bool:
    """The signed-in user is a sysadmin or staff of the Big Data Bureau."""
    from ckanext.dazhou.access.roles import viewer_for
    return viewer_for(tk.current_user).is_bureau


@tk.chained_helper
def check_access(next_helper, action: str, data_dict: dict[str, Any] | None = None) -> bool:
    """CKAN's h.check_access, asked once per request for the same action and data: a dataset
    page asks package_update four times (six queries each, the organization tree among them).
    The request cache is dropped on every commit or rollback (access/request_cache.py)."""
    from ckanext.dazhou.access import request_cache

    try:
        user = tk.current_user.name if tk.current_user.is_authenticated else ""
        key = ("check_access", user, action, json.dumps(data_dict, sort_keys=True))
    except (TypeError, ValueError):  # data that is no JSON: not worth a cache key
        return next_helper(action, data_dict)
    return request_cache.remember(key, lambda: next_helper(action, data_dict))


@tk.chained_helper
def organizations_available(next_helper, permission: str = "manage_group",
                            include_dataset_count: bool = False,
                            include_member_count: bool = False,
                            user: str | None = None) -> list[dict[str, Any]]:
    """CKAN's h.organizations_available, asked once per request for the same arguments: the
    dataset page's action bar is rendered twice (page.html tests it, then writes it), and its
    workflow buttons ask for the viewer's departments (two queries each time)."""
    from ckanext.dazhou.access import request_cache

    viewer = tk.current_user.name if tk.current_user.is_authenticated else ""
    key = ("organizations_available", viewer, permission, include_dataset_count,
           include_member_count, user)
    return request_cache.remember(key, lambda: next_helper(
        permission, include_dataset_count, include_member_count, user))


def dazhou_latest_withdrawal(package_id: str) -> dict[str, Any] | None:
    """The reason and time of a withdrawn dataset's latest withdrawal (its page's banner)."""
    from ckanext.dazhou.publishing import withdrawal
    return withdrawal.latest(package_id)


def dazhou_is_generic_item(name: str | None) -> bool:
    """A generic dimension (统计月份 …) that one data, one source leaves alone (authority.py)."""
    from ckanext.dazhou import authority
    return authority.is_generic(name)


def dazhou_members_heading(html: str, count: int) -> Any:
    """A member page's block with CKAN's untranslatable "N members" heading translated."""
    from markupsafe import Markup
    from ckan.common import ungettext

    heading = ungettext("{num} member", "{num} members", count).format(num=count)
    return Markup(str(html).replace(f"{count} members</h3>", f"{Markup.escape(heading)}</h3>", 1))


def dazhou_harvest_form(html: str) -> Any:
    """ckanext-harvest's source form with its hard-coded English in Chinese (issue 14)."""
    import re

    from markupsafe import Markup
    from ckan.common import _

    from ckanext.dazhou.facets import harvester_label

    text = str(html)
    text = text.replace('<label class="control-label">Source type</label>',
                        f'<label class="control-label">{Markup.escape(_("Source type"))}</label>')
    text = text.replace('value="Save"', f'value="{Markup.escape(_("Save"))}"')
    text = text.replace("达州市：省级 DCAT-AP 目录 (Provincial DCAT-AP catalog)",
                        str(Markup.escape(harvester_label("dazhou_province"))))
    text = text.replace("Harvests the provincial platform&#39;s DCAT-AP feed into the catalog.",
                        str(Markup.escape(_("Harvests the provincial platform's DCAT-AP feed into the catalog."))))
    # the name field's prefix is the address path of the source page
    text = re.sub(r'<label class="input-group-text">harvest</label>',
                  '<label class="input-group-text" translate="no">/harvest/</label>', text)
    return Markup(text)


def dazhou_swap_text(html: str, before: str, english: str, after: str, text: str) -> Any:
    """A rendered block with a hard-coded English text between the markup `before` and `after`
    swapped for `text` (escaped): for CKAN templates whose English is outside any _()."""
    from markupsafe import Markup
    return Markup(str(html).replace(before + english + after,
                                    before + str(Markup.escape(text)) + after))


def dazhou_has_interface(pkg: dict[str, Any], res: dict[str, Any] | None = None) -> bool:
    """The resource (or, without one, the dataset) has a 接口说明 page (issue 15)."""
    from ckanext.dazhou.datastore import interface
    return interface.has_interface(pkg, res)


def dazhou_usage_figures(pkg: dict[str, Any]) -> dict[str, int]:
    """Downloads and API calls of a dataset, for its own (access-checked) page only."""
    from ckanext.dazhou.usage import counts
    return counts.totals([pkg["id"]]).get(pkg["id"], {"downloads": 0, "api_calls": 0})


@tk.chained_helper
def follow_count(next_helper, obj_type: str, obj_id: str) -> int:
    """CKAN's h.follow_count; an active group's or organization's in one statement
    (org_counts.py). Anything else, or an unknown group, goes to CKAN's helper."""
    count = org_counts.followers(obj_id) if obj_type == "group" and obj_id else None
    return next_helper(obj_type, obj_id) if count is None else count


@tk.chained_helper
def member_count(next_helper, group: str) -> int:
    """CKAN's h.member_count (user members) of an active group in one statement."""
    count = org_counts.user_members(group) if group else None
    return next_helper(group) if count is None else count


@tk.chained_helper
def user_image(next_helper, user_id: str, size: int = 100):
    """CKAN's h.user_image; for the signed-in user without an uploaded picture (Gravatar is
    off here) the placeholder CKAN would render, from the user the request holds: CKAN runs
    user_show for it (a dictize and a count of the user's datasets) on every page header."""
    user = tk.current_user
    if (not user.is_authenticated or user_id not in (user.id, user.name) or user.image_url
            or tk.config.get("ckan.gravatar_default") != "disabled"):
        return next_helper(user_id, size)
    return tk.h.snippet("user/snippets/placeholder.html", size=size, user_name=user.display_name)
