"""API-token sign-in that records a token's last use at most once a minute.

CKAN 2.12 writes `api_token.last_access` and commits on every request made with a token: an
UPDATE and a commit (a WAL flush) before any work, the main reason an API search by a
department's token cost 1.26x an anonymous one. Here the token is resolved exactly as CKAN
does (JWT decode, IApiToken plugins, the token row, its owner) and the time is written only
when the stored one is older than LAST_ACCESS_PRECISION: the token list still says when a
token was last used, to the minute.
"""
from __future__ import annotations

import datetime as dt

from flask import g, request

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import api_token

LAST_ACCESS_PRECISION = dt.timedelta(minutes=1)


def user_from_header() -> model.User | None:
    """The owner of the request's API token (None: no token, or not a valid one; CKAN's own
    lookup then runs and finds nothing either)."""
    encoded = request.headers.get(tk.config.get("apitoken_header_name"), "")
    if not encoded:
        return None
    data = api_token.decode(str(encoded))
    for plugin in reversed(list(p.PluginImplementations(p.IApiToken))):
        if not data:
            break
        data = plugin.preprocess_api_token(data)
    if not data or "jti" not in data:
        return None
    token = model.ApiToken.get(data["jti"])
    if token is None or token.owner is None:
        return None
    now = dt.datetime.utcnow()
    if token.last_access is None or now - token.last_access >= LAST_ACCESS_PRECISION:
        token.touch(True)
    g.login_via_auth_header = True  # as CKAN sets it: API-token requests skip the CSRF check
    return token.owner
