"""WSGI middleware: raw UTF-8 in query strings reaches CKAN as the text that was sent.

`curl 'http://…/package_search?q=人口'` sends the bytes unencoded. PEP 3333 servers hand
them over as a latin-1 string; Werkzeug's development server (`ckan run`) encodes that
string to UTF-8 once more, so CKAN would search for mojibake. This percent-encodes the
original bytes, which every layer above decodes the same way.
"""
from __future__ import annotations

from typing import Any, Callable
from urllib.parse import quote


def original_bytes(query: str) -> bytes:
    """Undo the extra UTF-8 layers a server added to a latin-1 WSGI string."""
    raw = query.encode("latin-1", errors="replace")
    while True:
        try:
            text = raw.decode("utf-8")
            again = text.encode("latin-1")
        except (UnicodeDecodeError, UnicodeEncodeError):
            return raw
        if again == raw:
            return raw
        raw = again


def repair_query_string(query: str) -> str:
    if query.isascii():
        return query
    return quote(original_bytes(query), safe="&=+%;,/:@!$'()*~?")


class RawQueryStringRepair:
    def __init__(self, app: Callable[..., Any]):
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        query = environ.get("QUERY_STRING", "")
        if query and not query.isascii():
            environ["QUERY_STRING"] = repair_query_string(query)
        return self.app(environ, start_response)
