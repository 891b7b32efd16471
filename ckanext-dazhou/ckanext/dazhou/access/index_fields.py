"""Addresses stay out of the search index's searchable text.

CKAN's schema copies `res_url` (through `urls`) and every `extras_*` field into the catch-all
`text` field. Redaction removes resource and interface addresses from every answer, but a free
text search for a word of an address would still find the dataset, confirming a guess to a
viewer who may not use it. Nothing searches by address, so the index never receives them; the
stored `data_dict` and `validated_data_dict` keep them for the actions that read them back.
"""
from __future__ import annotations

from typing import Any

ADDRESS_INDEX_KEYS = ("res_url", "urls", "api_endpoint", "extras_api_endpoint")


def without_addresses(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    for key in ADDRESS_INDEX_KEYS:
        pkg_dict.pop(key, None)
    return pkg_dict
