"""Who a feed is computed for: the action context of each audience."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckanext.dazhou.access.roles import viewer_for


def public_context() -> dict[str, Any]:
    """An anonymous visitor: open and conditional-open datasets, redacted as for the public."""
    return {"user": "", "auth_user_obj": None, "ignore_auth": False}


def site_context() -> dict[str, Any]:
    """The site user: every dataset, nothing redacted (the full export)."""
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def user_context(user: model.User) -> dict[str, Any]:
    return {"user": user.name, "auth_user_obj": user, "ignore_auth": False}


def government_user(user: model.User | None) -> model.User:
    """The caller of the government feed: a department or bureau member (Art. 17, 18)."""
    if user is None or not getattr(user, "id", None):
        raise tk.NotAuthorized(tk._("The government sharing feed needs an API token"))
    if not viewer_for(user).is_staff:
        raise tk.NotAuthorized(tk._("The government sharing feed is for government departments"))
    return user
