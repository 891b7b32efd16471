"""config/production-options.ini: secure cookies and bureau-only departments, all declared options."""
from __future__ import annotations

import configparser
from pathlib import Path

from ckan.common import config_declaration

PRODUCTION = Path(__file__).parents[5] / "config" / "production-options.ini"


def options() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # Flask's keys are upper case
    parser.read(PRODUCTION, encoding="utf-8")
    return dict(parser["app:main"])


def test_cookies_secure_and_same_site():
    values = options()
    assert values["SESSION_COOKIE_SECURE"] == values["REMEMBER_COOKIE_SECURE"] == "true"
    assert values["REMEMBER_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert int(values["PERMANENT_SESSION_LIFETIME"]) <= 86400


def test_departments_by_the_bureau_only():
    values = options()
    assert values["ckan.auth.user_create_organizations"] == "false"
    assert values["ckan.auth.user_create_groups"] == "false"


def test_every_option_is_declared(with_plugins):
    undeclared = [key for key in options() if key not in config_declaration]
    assert undeclared == []
