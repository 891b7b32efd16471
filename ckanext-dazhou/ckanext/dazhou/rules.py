"""The catalog rules of the measures that look at one dataset on its own.

Pure functions over a dataset dict, so the API/UI validators, the spreadsheet import and the
harvester apply exactly the same rules. Rules that need the whole catalog (one data one source,
unique resource codes) live in authority.py and codes.py.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

from ckan.common import _

from dazhou_vocab import loader

# Update cycles whose data changes so often that only an interface keeps users current (Art. 19).
INTERFACE_CYCLES = ("realtime", "daily")
PUBLIC_OPEN_TYPES = ("open", "conditional")


@dataclass(frozen=True)
class Violation:
    field: str
    rule: str  # stable id, e.g. "art18_conditions"
    message: str


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, tuple)) and not value)


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("true", "1", "yes", "on")


def _as_list(value: Any) -> list[str]:
    if _blank(value):
        return []
    if isinstance(value, str):
        if value.startswith("["):  # scheming stores multiple choices as a JSON list
            return list(json.loads(value))
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value)


def check_category(ds: dict[str, Any]) -> list[Violation]:
    category, sub = ds.get("resource_category"), ds.get("resource_subcategory")
    scheme = loader.scheme("resource_category")
    if _blank(category) or category not in scheme.by_key:
        return []  # the vocabulary validator reports it
    allowed = [c.key for c in scheme.narrower(category)]
    if allowed and _blank(sub):
        return [Violation("resource_subcategory", "art11_subcategory",
                          _("Basic and thematic resources need a sub-category (Art. 11)"))]
    if not _blank(sub) and sub not in allowed:
        return [Violation("resource_subcategory", "art11_subcategory",
                          _("The sub-category does not belong to the chosen category (Art. 11)"))]
    return []


def check_share(ds: dict[str, Any]) -> list[Violation]:
    share_type = ds.get("share_type") or "unconditional"
    found = []
    if share_type == "conditional" and _blank(ds.get("share_conditions")):
        found.append(Violation("share_conditions", "art18_conditions",
                               _("Conditional sharing requires the share conditions (Art. 18)")))
    if share_type == "none":
        if _blank(ds.get("non_share_basis_type")):
            found.append(Violation("non_share_basis_type", "art18_basis",
                                   _("Data not shared requires the type of its basis (Art. 18)")))
        if _blank(ds.get("non_share_basis")):
            found.append(Violation("non_share_basis", "art18_basis",
                                   _("Data not shared requires a stated basis: law, policy or reason (Art. 18)")))
    return found


def check_interface(ds: dict[str, Any]) -> list[Violation]:
    needs_api = ds.get("update_cycle") in INTERFACE_CYCLES or _truthy(
        ds.get("cross_department_approval"))
    if not needs_api:
        return []
    found = []
    if "api" not in _as_list(ds.get("share_methods")):
        found.append(Violation("share_methods", "art19_interface",
                               _("Real-time, daily or cross-department approval data must be shared through an interface (Art. 19)")))
    for field in ("api_description", "api_endpoint"):
        if _blank(ds.get(field)):
            found.append(Violation(field, "art19_interface",
                                   _("An interface must be registered with its description and calling method (Art. 19)")))
    return found


def check_opening(ds: dict[str, Any]) -> list[Violation]:
    found = []
    open_type = ds.get("open_type")
    if ds.get("security_level") == "classified" and open_type != "closed":
        found.append(Violation("open_type", "art26_classified",
                               _("Classified data can never be opened: choose not open (Art. 26)")))
    elif open_type in PUBLIC_OPEN_TYPES and ds.get("confidentiality_review") != "passed":
        found.append(Violation("confidentiality_review", "art26_review",
                               _("Data can be opened only after passing the confidentiality review (Art. 26)")))
    if open_type == "conditional" and _blank(ds.get("open_conditions")):
        found.append(Violation("open_conditions", "art26_conditions",
                               _("Conditional opening requires the open conditions: purpose, user qualification, confidentiality (Art. 26)")))
    if ds.get("confidentiality_review") in ("passed", "refused"):
        for field in ("confidentiality_reviewer", "confidentiality_review_date"):
            if _blank(ds.get(field)):
                found.append(Violation(field, "art26_review_record",
                                       _("A confidentiality review decision records its reviewer and date (Art. 26)")))
    return found


CHECKS: tuple[Callable[[dict[str, Any]], list[Violation]], ...] = (
    check_category, check_share, check_interface, check_opening,
)


def violations(ds: dict[str, Any]) -> list[Violation]:
    """Every single-dataset rule the dataset breaks (empty when it is valid)."""
    return [v for check in CHECKS for v in check(ds)]
