"""CSRF exemptions for API-token requests that last one request, not the process.

CKAN 2.12's `ckan_before_request` calls `csrf.exempt(view)` for a request authenticated by
an `Authorization` header; Flask-WTF keeps the view in a process-wide set, so every later
cookie POST to that view would skip the CSRF check. The set is replaced by one that keeps
such an exemption on the request (`flask.g`) that asked for it.
"""
from __future__ import annotations

from typing import Any

from flask import g, has_request_context

_KEY = "_dazhou_token_csrf_exempt"


def _token_request() -> bool:
    return has_request_context() and bool(g.get("login_via_auth_header"))


class RequestScopedExemptions(set):
    """Flask-WTF's exempt view set; additions made by a token request stay on that request."""

    def add(self, view: Any) -> None:
        if _token_request():
            g.setdefault(_KEY, set()).add(view)
        else:
            super().add(view)

    def __contains__(self, view: object) -> bool:
        if super().__contains__(view):
            return True
        return has_request_context() and view in g.get(_KEY, ())


def scope_exemptions_to_request(app: Any) -> None:
    """Install the request-scoped set on the app's CSRFProtect (idempotent)."""
    csrf = getattr(app, "extensions", {}).get("csrf")
    if csrf is not None and not isinstance(csrf._exempt_views, RequestScopedExemptions):
        csrf._exempt_views = RequestScopedExemptions(csrf._exempt_views)
