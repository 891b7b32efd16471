"""What a search page without result offers: the nearest vocabulary terms and the categories."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.dazhou.search import terms
from dazhou_vocab import loader


def _link(field: str, value: str) -> str:
    return tk.h.url_for("dataset.search", **{field: value})


def offer(q: str | None) -> dict[str, Any]:
    rows = tk.config.get("ckanext.dazhou.suggest_terms")
    near = terms.nearest(q or "", rows) if q else []
    scheme = loader.scheme(terms.CATEGORY_SCHEME)
    categories = [{
        "label": top.label_zh, "url": _link("resource_category", top.key),
        "narrower": [{"label": c.label_zh, "url": _link("resource_subcategory", c.key)}
                     for c in scheme.narrower(top.key)],
    } for top in scheme.top_concepts()]
    return {"terms": [{"label": t.label, "url": _link(t.field, t.value)} for t in near],
            "categories": categories}
