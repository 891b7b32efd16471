"""Signing in through the real login form, as a browser does (session cookie, CSRF token)."""
from __future__ import annotations

import re

PASSWORD = "Correct-horse-7"


def csrf_token(app) -> str:
    page = app.get("/user/login").get_data(as_text=True)
    return re.search(r'name="_csrf_token" value="([^"]+)"', page).group(1)


def sign_in(app, login: str, password: str = PASSWORD, **extra: str):
    data = {"_csrf_token": csrf_token(app), "login": login, "password": password, **extra}
    return app.post("/user/login", data=data, follow_redirects=False)


def signed_in(response) -> bool:
    return response.status_code == 302 and "/user/login" not in response.headers["Location"]
