"""WSGI middleware: a request whose path or query string holds a NUL byte gets 400.

PostgreSQL cannot compare text with a NUL in it, so `/dataset/a%00b` or `?id=a%00b` made
every lookup behind it (CKAN's own doors included) fail with a 500. No name, id or search
term of the catalog contains one; refusing it at the door answers all of them at once.
"""
from __future__ import annotations

from typing import Any, Callable

MESSAGE = "400 Bad Request: 请求地址含有不允许的控制字符（NUL）。".encode("utf-8")


def has_nul(environ: dict[str, Any]) -> bool:
    query = environ.get("QUERY_STRING", "")
    return ("\x00" in environ.get("PATH_INFO", "") or "\x00" in query
            or "%00" in query)


class RefuseNulBytes:
    def __init__(self, app: Callable[..., Any]):
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        if has_nul(environ):
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8"),
                                               ("Content-Length", str(len(MESSAGE)))])
            return [MESSAGE]
        return self.app(environ, start_response)
