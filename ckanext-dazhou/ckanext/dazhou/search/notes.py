"""What the search page tells about its query: searched as the catalog's words (已按 社会保险
检索) or, after nothing was found, by its sound (以下是 户籍 的结果).

package_search's result carries it (dazhou_rewritten_query, dazhou_fallback); CKAN's search
view passes the template only the results, so the request also keeps it, by query text.
"""
from __future__ import annotations

from typing import Any

import flask

_KEY = "dazhou_search_notes"


def remember(q: str | None, result: dict[str, Any]) -> None:
    if not q or not flask.has_app_context():
        return
    notes = flask.g.setdefault(_KEY, {})
    notes[q] = {"rewritten": result.get("dazhou_rewritten_query"),
                "fallback": result.get("dazhou_fallback")}


def note_for(q: str | None) -> dict[str, Any] | None:
    if not q or not flask.has_app_context():
        return None
    note = flask.g.get(_KEY, {}).get(q)
    return note if note and note["rewritten"] else None
