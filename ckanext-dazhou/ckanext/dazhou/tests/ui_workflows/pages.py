"""Signing in with API tokens and reading CSRF tokens, for the page tests."""
from __future__ import annotations

import re

from ckan.tests import helpers

from ckanext.dazhou.tests.factories import site_context


def headers(user) -> dict[str, str]:
    token = helpers.call_action("api_token_create", site_context(), user=user["name"], name="t")["token"]
    return {"Authorization": token}


def csrf(response) -> str:
    return re.search(r'name="_csrf_token" value="([^"]+)"', response.get_data(as_text=True)).group(1)
