"""Template helpers. Labels and choices come from the vocabularies, never typed here."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

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
