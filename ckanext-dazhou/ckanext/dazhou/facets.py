"""Search facets of the catalog (Art. 11, 17, 25, 12) and their Chinese value labels."""
from __future__ import annotations

from collections import OrderedDict
from typing import Any

from ckan.common import _

from ckanext.dazhou.helpers import dazhou_vocab_label

# facet field -> vocabulary scheme whose labels name its values
CODED_FACETS = {
    "resource_category": "resource_category",
    "share_type": "share_type",
    "open_type": "open_type",
    "update_cycle": "update_cycle",
    "resource_subcategory": "resource_category",  # sub-categories are narrower concepts of it
    "res_format": "format",  # stored as the vocabulary key (api, csv), shown as on the badge
}


def dataset_facets(facets: "OrderedDict[str, Any]") -> "OrderedDict[str, Any]":
    """Department, category and the catalog attributes first; CKAN's tag and format facets after."""
    ours = OrderedDict([
        ("organization", _("Provider")),
        ("resource_category", _("Resource category")),
        ("resource_subcategory", _("Resource sub-category")),
        ("share_type", _("Share type")),
        ("open_type", _("Open type")),
        ("update_cycle", _("Update cycle")),
    ])
    for key in ("tags", "res_format"):
        if key in facets:
            ours[key] = facets[key]
    return ours


def harvester_label(source_type: str) -> str:
    """The Chinese name of a harvester (ckanext-harvest lists sources by its raw type)."""
    labels = {"dazhou_province": _("Provincial DCAT-AP catalog")}
    return labels.get(source_type, source_type)


def label_facet_items(search_results: dict[str, Any]) -> dict[str, Any]:
    """Show vocabulary labels instead of stored keys in search_facets."""
    for item in search_results.get("search_facets", {}).get("source_type", {}).get("items", []):
        item["display_name"] = harvester_label(item["name"])
    for field, scheme in CODED_FACETS.items():
        facet = search_results.get("search_facets", {}).get(field)
        if not facet:
            continue
        for item in facet.get("items", []):
            item["display_name"] = dazhou_vocab_label(scheme, item["name"]) or item["name"]
    return search_results
