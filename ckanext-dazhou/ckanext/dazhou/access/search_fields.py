"""Which index fields package_search may return, facet or query for callers below the bureau.

Solr stores the whole dataset (data_dict, validated_data_dict), resource addresses (res_url)
and the interface address (api_endpoint): `fl`, `facet.field`, field queries, `qf`, `df` and
`sort` would hand them out, or let a caller test guesses against them, past the redaction of
package_show. Returned and faceted fields come from an allowlist (the catalog fields of the
dataset schema, CKAN's descriptive fields); queried fields from a denylist, since searching
and filtering on every other field is the catalog's job. Refused, not narrowed: a caller
asking for a field gets a validation error keyed by the parameter, never a silently
different answer.
"""
from __future__ import annotations

import json
import re
from typing import Any

import ckan.plugins.toolkit as tk

# CKAN's descriptive index fields, safe wherever the dataset itself is visible
CORE_FIELDS = frozenset((
    "id", "name", "title", "notes", "owner_org", "organization", "groups", "tags",
    "license_id", "license", "metadata_created", "metadata_modified", "dataset_type", "type",
    "state", "capacity", "num_resources", "num_tags", "res_format", "res_name",
    "res_description", "res_type", "author", "maintainer", "version", "score", "index_id",
    "indexed_ts", "entity_type", "site_id", "title_ngram", "name_ngram",
))
# ckanext-harvest's source list facets on these (its dataset_facets): how often and with which
# harvester a source runs describe the source, not any dataset's data
HARVEST_SOURCE_FIELDS = frozenset(("frequency", "source_type"))
_RESTRICTED = re.compile(r"url|api_endpoint|data_dict|^res_extras_|^extras_res_|^\*$")
_FIELD_REF = re.compile(r"([A-Za-z_][\w.\-]*)\s*:")
_WORD = re.compile(r"[A-Za-z_*][\w.*\-]*")


def is_restricted(field_name: str) -> bool:
    return bool(_RESTRICTED.search(field_name))


def safe_fields() -> frozenset[str]:
    names = set(CORE_FIELDS | HARVEST_SOURCE_FIELDS)
    try:
        from ckanext.scheming.helpers import scheming_get_dataset_schema
        schema = scheming_get_dataset_schema("dataset") or {}
    except (ImportError, AttributeError, KeyError):  # scheming not loaded: CKAN's fields only
        schema = {}
    for schema_field in schema.get("dataset_fields", []):
        name = schema_field["field_name"]
        names.update((name, f"extras_{name}"))
    return frozenset(n for n in names if not is_restricted(n))


def _allowed(name: str, safe: frozenset[str]) -> bool:
    # repeating subfields are indexed as extras_<field>__<subfield>
    return name in safe or name.split("__")[0] in safe


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = value
        value = parsed if isinstance(parsed, list) else [value]
    if not isinstance(value, (list, tuple)):
        return [str(value)]
    return [str(v) for v in value]


def _refused(key: str, names: list[str]) -> tk.ValidationError:
    return tk.ValidationError({key: [tk._("Field not available: {fields}").format(
        fields=", ".join(sorted(set(names))))]})


def check_search_params(data_dict: dict[str, Any]) -> None:
    """Raise a ValidationError keyed by the parameter that names a field not allowed."""
    safe = safe_fields()
    for key in ("fl", "facet.field"):
        if data_dict.get(key) in (None, "", []):
            continue
        names = [n for item in _as_list(data_dict[key]) for n in re.split(r"[,\s]+", item) if n]
        bad = [n for n in names if not _allowed(n, safe)]
        if bad:
            raise _refused(key, bad)
    for key in ("q", "fq", "fq_list"):
        if data_dict.get(key):
            bad = [n for text in _as_list(data_dict[key]) for n in _FIELD_REF.findall(text)
                   if is_restricted(n)]
            if bad:
                raise _refused(key, bad)
    for key in ("qf", "df", "sort", "bf", "boost"):
        if data_dict.get(key):
            bad = [n for text in _as_list(data_dict[key]) for n in _WORD.findall(text)
                   if is_restricted(n) and n != "*"]
            if bad:
                raise _refused(key, bad)
