"""Which resource URLs a catalog entry may carry: web addresses, or files uploaded to us.

A `javascript:` or `data:` URL becomes a link on the dataset page and in every export;
`file:` and relative paths point into the server. Schemes are an allowlist (configurable).
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import ckan.plugins.toolkit as tk

_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def schemes() -> list[str]:
    return [s.lower() for s in tk.config.get("ckanext.dazhou.resource_url_schemes")]


def is_web_address(url: str) -> bool:
    """An absolute URL with an allowed scheme and a host, without spaces or control bytes."""
    if _CONTROL.search(url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (a bad port raises ValueError)
    except ValueError:
        return False
    return parts.scheme.lower() in schemes() and bool(parts.hostname)
