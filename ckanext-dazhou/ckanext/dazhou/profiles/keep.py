"""What the stock DCAT-AP 3 parse found that our schema has no field for: kept as extras.

Licence, contact point, spatial, temporal, language, conformsTo, applicable legislation,
dct:modified and the rest stay as the stock profile names them (`temporal_start`,
`contact_email`, …), so the stock serializer, which our profile runs first, writes them into
our feeds again. Distributions keep mediaType, byteSize, checksum, licence the same way.
"""
from __future__ import annotations

import functools
import json
from typing import Any

import ckan.plugins.toolkit as tk

# stock extras our parse steps turn into schema fields or harvest provenance (`uri` stays:
# ckanext-dcat's own harvester takes it as the guid; ours moves it to its provenance)
MAPPED_EXTRAS = {
    "identifier",  # resource_code, or the provenance's original identifier
    "issued",  # published_date
    "publisher_uri", "publisher_name", "publisher_email", "publisher_url",
    "publisher_type", "publisher_identifier",  # provenance; the source's organization publishes
}
# stock extras kept only when our vocabulary could not map them
MAPPED_WHEN_KNOWN = {"access_rights": "open_type", "frequency": "update_cycle",
                     "theme": "resource_category"}
# top-level lists of the stock DCAT-AP 3 parse (scheming-style); their content is in extras
STOCK_LISTS = ("contact", "creator", "publisher")
# resource keys our parse sets itself
OWN_RESOURCE_KEYS = {"name", "description", "url", "format", "uri", "distribution_ref",
                     "collection_sample"}


@functools.lru_cache(maxsize=1)
def _schema_fields() -> frozenset[str]:
    from ckanext.scheming.helpers import scheming_get_dataset_schema

    schema = scheming_get_dataset_schema("dataset") or {}
    return frozenset(f["field_name"] for f in schema.get("dataset_fields", []))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def kept_extras(stock: dict[str, Any], ours: dict[str, Any]) -> list[dict[str, str]]:
    """The stock extras we keep (as strings), given what our steps mapped into `ours`."""
    fields = _schema_fields()
    kept = []
    for extra in stock.get("extras") or []:
        key, value = extra.get("key"), extra.get("value")
        if not key or value in (None, "", "[]") or key in MAPPED_EXTRAS or key in fields:
            continue
        if key in MAPPED_WHEN_KNOWN and ours.get(MAPPED_WHEN_KNOWN[key]):
            continue
        if key == "homepage" and value == tk.config.get("ckan.site_url"):
            continue  # stock fills in our own site when the record has no homepage
        kept.append({"key": key, "value": _text(value)})
    if stock.get("qualified_relation"):
        kept.append({"key": "qualified_relation", "value": _text(stock["qualified_relation"])})
    return kept


def kept_resource_fields(stock: dict[str, Any]) -> dict[str, Any]:
    """A stock resource dict's fields beyond ours; the mimetype as `text/csv`, not the IRI."""
    kept = {k: (v if isinstance(v, (str, int, float, bool)) else _text(v))
            for k, v in stock.items()
            if k not in OWN_RESOURCE_KEYS and v not in (None, "", [], {})}
    mimetype = str(kept.get("mimetype") or "")
    if "/assignments/media-types/" in mimetype:
        kept["mimetype"] = mimetype.split("/assignments/media-types/", 1)[1]
    if stock.get("format"):
        kept["source_format"] = str(stock["format"])  # what the source said, even if unknown
    return kept
