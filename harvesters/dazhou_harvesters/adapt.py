"""A harvested record is never lost to a local rule it could not know (issue 13).

Our rules (rules.py of the catalog) are written for Dazhou's departments: conditional
opening needs open conditions (Art. 26), daily data an interface (Art. 19), sharing with
conditions its conditions (Art. 18). A provincial record that breaks one is still imported:
the gap is filled from the source's config `defaults` or marked `按来源平台规定` with the
record's link; every adaptation is reported in the harvest report and kept on the dataset
(extra `harvest_review`), so the bureau can list what needs review
(`package_search` with `fq=extras_harvest_review:*`).
"""
from __future__ import annotations

import json
from typing import Any

from ckanext.dazhou import names, rules

REVIEW_EXTRA = "harvest_review"
API_METHOD = "api"
# text fields a rule may require, filled with the marker when the source config has no default
TEXT_FIELDS = ("open_conditions", "share_conditions", "non_share_basis", "api_description")


def marker(link: str) -> str:
    return f"按来源平台规定（来源：{link}）" if link else "按来源平台规定"


def _fill(dataset: dict[str, Any], field: str, defaults: dict[str, Any], link: str) -> str | None:
    if field in TEXT_FIELDS:
        dataset[field] = defaults.get(field) or marker(link)
    elif field == "api_endpoint":
        dataset[field] = defaults.get(field) or link
    elif field == "share_methods":
        methods = [m for m in dataset.get("share_methods") or [] if m]
        dataset[field] = [*methods, API_METHOD] if API_METHOD not in methods else methods
    elif field == "non_share_basis_type":
        dataset[field] = defaults.get(field) or "other"
    else:
        return None
    return f"{field}: {dataset[field]}"


def local_rules(dataset: dict[str, Any], defaults: dict[str, Any], link: str) -> list[str]:
    """Fill what the catalog rules would refuse; returns one line per adaptation."""
    adapted = []
    for violation in rules.violations(dataset):
        filled = dataset.get(violation.field) not in (None, "", [])
        if filled and violation.field != "share_methods":
            continue  # already filled by an earlier violation of the same field
        done = _fill(dataset, violation.field, defaults, link)
        if done:
            adapted.append(f"{violation.rule} → {done}")
    return adapted


def unparsed_issued(dataset: dict[str, Any], provenance: dict[str, Any]) -> list[str]:
    value = provenance.get("issued_unparsed")
    if not value:
        return []
    _add_extra(dataset, "source_issued", value)
    return [f"dct:issued {value!r} is no ISO date: published_date left empty, "
            "kept as source_issued"]


def record(dataset: dict[str, Any], adapted: list[str]) -> None:
    """Keep the adaptations on the dataset (an update without any clears them)."""
    dataset["extras"] = [e for e in dataset.get("extras") or [] if e.get("key") != REVIEW_EXTRA]
    if adapted:
        _add_extra(dataset, REVIEW_EXTRA, json.dumps(adapted, ensure_ascii=False))


def _add_extra(dataset: dict[str, Any], key: str, value: str) -> None:
    extras = [e for e in dataset.get("extras") or [] if e.get("key") != key]
    dataset["extras"] = [*extras, {"key": key, "value": value}]


def readable_name(dataset: dict[str, Any], provenance: dict[str, Any]) -> str:
    """The source's own Latin slug (landing page, then dct:identifier), else the title's
    pinyin; unique among stored datasets. A name CKAN munged from the title (`__`) is ignored."""
    current = dataset.get("name")
    candidates = [] if names.is_munged(current) or not current else [current]
    candidates += provenance.get("slugs") or []
    base = next((s for s in map(names.latin_slug, candidates) if s), None)
    return names.unique_name(dataset.get("title") or "", base=base)


def apply(dataset: dict[str, Any], package_id: str | None, provenance: dict[str, Any],
          config: dict[str, Any], source_url: str) -> list[str]:
    """Name (new datasets only), local rules and dates; returns the adaptations made."""
    if package_id is None:
        dataset["name"] = readable_name(dataset, provenance)
    uri = provenance.get("uri") or ""
    link = uri if uri.startswith(("http://", "https://")) else source_url
    adapted = unparsed_issued(dataset, provenance)
    adapted += local_rules(dataset, config.get("defaults", {}), link)
    record(dataset, adapted)
    return adapted
