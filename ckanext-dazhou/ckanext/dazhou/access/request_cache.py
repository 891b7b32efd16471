"""Answers that hold for one request only: the viewer, the bureau's id, users by name.

Kept on flask.g (a new one each request), so nothing survives into the next request: a
membership granted or taken away is seen by the next page. Within a request the cache is
dropped whenever the database session commits or rolls back, so an action that changes
memberships (or a test that does) is followed by a fresh lookup. Outside a request (CLI,
jobs) nothing is cached.
"""
from __future__ import annotations

from typing import Any, Callable, Hashable

import flask
import sqlalchemy as sa

from ckan import model

_KEY = "_dazhou_request_cache"


def _cache() -> dict[Hashable, Any] | None:
    if not flask.has_request_context():
        return None
    cache = getattr(flask.g, _KEY, None)
    if cache is None:
        cache = {}
        setattr(flask.g, _KEY, cache)
    return cache


def remember(key: Hashable, compute: Callable[[], Any]) -> Any:
    cache = _cache()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def forget(*_args: Any) -> None:
    if flask.has_request_context() and getattr(flask.g, _KEY, None):
        setattr(flask.g, _KEY, {})


def _signed_in_user() -> model.User | None:
    """The request's user if flask-login has loaded it already (never loads it: its loader
    calls model.User.get itself), and only while it belongs to the current session."""
    if not flask.has_request_context():
        return None
    user = flask.g.get("_login_user")
    if isinstance(user, model.User) and sa.orm.object_session(user) is model.Session.registry():
        return user
    return None


def _install_user_get() -> None:
    """CKAN's check_access loads the user by name for every new context (25 queries on a
    staff member's dataset page): the signed-in user is answered with the object the request
    already holds, the very row the query would return from the session's identity map."""
    original = model.User.get.__func__
    if getattr(original, "_dazhou_shares_signed_in_user", False):
        return

    def get(cls, user_reference):
        user = _signed_in_user() if user_reference and cls is model.User else None
        if user is not None and user_reference in (user.name, user.id):
            return user
        return original(cls, user_reference)

    get._dazhou_shares_signed_in_user = True
    model.User.get = classmethod(get)


def install() -> None:
    """Called by the plugin once per load; idempotent."""
    # any transaction end may have changed memberships, users or the bureau organization
    for event in ("after_commit", "after_rollback"):
        if not sa.event.contains(model.Session, event, forget):
            sa.event.listen(model.Session, event, forget)
    _install_user_get()
