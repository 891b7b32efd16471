"""Cookie defaults that hold even when a site's config forgets them."""
from __future__ import annotations

from typing import Any


def secure_defaults(app: Any) -> None:
    """`remember_token` is never sent cross-site: CKAN's default SameSite=None let a
    cross-site form POST ride on it. Lax unless the site chose Strict."""
    if str(app.config.get("REMEMBER_COOKIE_SAMESITE")) not in ("Lax", "Strict"):
        app.config["REMEMBER_COOKIE_SAMESITE"] = "Lax"
