"""The container's CKAN config comes from the image's template, the production options and the
environment only (docker/ckan/envconfig.py)."""
from __future__ import annotations

import configparser
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("envconfig", ROOT / "docker" / "ckan" / "envconfig.py")
envconfig = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(envconfig)
TEMPLATE = str(ROOT / "docker" / "ckan" / "ckan.ini")
PRODUCTION = str(ROOT / "config" / "production-options.ini")


@pytest.mark.parametrize("variable, option", [
    ("CKAN___SECRET_KEY", "SECRET_KEY"),
    ("CKAN___SESSION_COOKIE_SECURE", "SESSION_COOKIE_SECURE"),
    ("CKAN___SMTP__MAIL_FROM", "smtp.mail_from"),
    ("CKAN___CKANEXT__XLOADER__JOBS_DB__URI", "ckanext.xloader.jobs_db.uri"),
    ("CKAN___CKANEXT__DAZHOU__HARVEST__ALLOWED_HOSTS", "ckanext.dazhou.harvest.allowed_hosts"),
])
def test_variable_names_map_to_options(variable, option):
    assert envconfig.option_name(variable) == option


def test_template_production_options_then_environment():
    config = envconfig.build(TEMPLATE, PRODUCTION, {
        "CKAN___SECRET_KEY": "s3cr%t", "CKAN___SESSION_COOKIE_SECURE": "false", "HOME": "/x"})
    main = config["app:main"]
    assert main["SECRET_KEY"] == "s3cr%%t"  # CKAN interpolates: a literal % stays literal
    assert main["SESSION_COOKIE_SECURE"] == "false"  # the environment wins over production options
    assert main["REMEMBER_COOKIE_SECURE"] == "true"  # production options over the template
    assert main["ckan.plugins"].split()[0] == "dazhou"
    assert "HOME" not in main


def test_template_and_repository_hold_no_secret():
    template = configparser.ConfigParser(interpolation=None)
    template.optionxform = str
    template.read(TEMPLATE, encoding="utf-8")
    main = template["app:main"]
    assert "SECRET_KEY" not in main and "sqlalchemy.url" not in main
    assert main["WTF_CSRF_SECRET_KEY"] == "%(SECRET_KEY)s"


def test_missing_required_variables_stop_the_container(tmp_path, monkeypatch, capsys):
    for name in envconfig.REQUIRED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CKAN_SQLALCHEMY_URL", "postgresql://x@db/ckan")
    out = tmp_path / "ckan.ini"
    assert envconfig.main([TEMPLATE, PRODUCTION, str(out)]) == 2
    assert "CKAN___SECRET_KEY" in capsys.readouterr().err and not out.exists()


def test_written_config_is_readable_by_its_owner_only(tmp_path, monkeypatch):
    for name in envconfig.REQUIRED:
        monkeypatch.setenv(name, "x")
    out = tmp_path / "ckan.ini"
    assert envconfig.main([TEMPLATE, PRODUCTION, str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o600
