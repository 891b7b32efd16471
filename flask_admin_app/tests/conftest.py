"""Fixtures of the admin app tests: a private database, a private running CKAN, the app.

No CKAN pytest fixtures are used: the admin app talks to CKAN over HTTP only, so the tests
start a real CKAN (scripts/test-env.sh admin: database ckan_test_admin, Solr core ckan_admin)
on port 5051 with the demo catalog, and point the app at it.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import ckanapi
import pytest
import requests
import sqlalchemy as sa

from flask_admin_app import migrate
from flask_admin_app.config import SCHEMA, Settings

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
TEST_DB = "dazhou_admin_test"
TEST_DB_URL = os.environ.get(
    "DAZHOU_ADMIN_TEST_DATABASE_URL",
    f"postgresql://ckan_default:ckan_default@127.0.0.1:5432/{TEST_DB}")
CKAN_PORT = 5051
CKAN_URL = f"http://127.0.0.1:{CKAN_PORT}"
SYSADMIN = "admin-test-sysadmin"
BUREAU_USER = "dsjj-staff"   # demo user, member of dz-dsjj
OUTSIDER = "citizen"         # demo user without any organization
ARTIFACTS = ROOT / "test-artifacts" / "flask_admin_app"


def _ensure_database() -> None:
    exists = subprocess.run(
        ["runuser", "-u", "postgres", "--", "psql", "-X", "-tAc",
         f"select 1 from pg_database where datname='{TEST_DB}'"],
        capture_output=True, text=True, check=True).stdout.strip()
    if exists != "1":
        subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-c",
                        f"create database {TEST_DB} owner ckan_default"], check=True)


@pytest.fixture(scope="session")
def admin_db_url() -> str:
    """The test database, migrated from scratch once per run (tests the migrations too)."""
    if "DAZHOU_ADMIN_TEST_DATABASE_URL" not in os.environ:
        _ensure_database()
    engine = sa.create_engine(TEST_DB_URL)
    with engine.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
    engine.dispose()
    migrate.upgrade(TEST_DB_URL)
    return TEST_DB_URL


@pytest.fixture
def clean_admin_db(admin_db_url):
    """Empty tables for each test."""
    engine = sa.create_engine(admin_db_url)
    with engine.begin() as connection:
        connection.execute(sa.text(
            f"TRUNCATE {SCHEMA}.audit_entry, {SCHEMA}.expert_review, {SCHEMA}.project, "
            f"{SCHEMA}.expert, {SCHEMA}.staff_session RESTART IDENTITY CASCADE"))
    engine.dispose()
    return admin_db_url


def _ckan_cli(ini: str, *args: str) -> str:
    return subprocess.run([str(VENV_BIN / "ckan"), "-c", ini, *args], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "DAZHOU_DEMO_PASSWORD":
                                                     "Admin-test-123"}).stdout


def _wait_for(url: str, seconds: float) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if requests.get(url, timeout=2).ok:
                return True
        except requests.RequestException:
            pass
        time.sleep(0.5)
    return False


@pytest.fixture(scope="session")
def ckan_server():
    """A private CKAN on 127.0.0.1:5051 with the demo catalog; tokens per role."""
    ini = subprocess.run([str(ROOT / "scripts" / "test-env.sh"), "admin"], capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout.strip().splitlines()[-1]
    log = open(ROOT / ".dev" / "log" / "ckan-test-admin.log", "w")
    server = subprocess.Popen([str(VENV_BIN / "ckan"), "-c", ini, "run", "-H", "127.0.0.1",
                               "-p", str(CKAN_PORT)], stdout=log, stderr=subprocess.STDOUT,
                              cwd=ROOT, start_new_session=True)
    try:
        assert _wait_for(f"{CKAN_URL}/api/3/action/status_show", 90), "test CKAN did not start"
        if "name=" + SYSADMIN not in _ckan_cli(ini, "user", "show", SYSADMIN):
            _ckan_cli(ini, "user", "add", SYSADMIN, "email=sysadmin@test.invalid",
                      "password=Admin-test-123")
            _ckan_cli(ini, "sysadmin", "add", SYSADMIN)
        token = re.findall(r"\S+", _ckan_cli(ini, "user", "token", "add", SYSADMIN, "tests"))[-1]
        site = ckanapi.RemoteCKAN(CKAN_URL, apikey=token)
        try:
            site.action.package_show(id="dz-population-base")
        except ckanapi.NotFound:  # a fresh test database: load the demo catalog once
            _ckan_cli(ini, "dazhou", "demo", "load")
        else:
            indexed = site.action.package_search(q="name:dz-population-base", include_private=True)
            if not indexed["count"]:  # the database outlived its Solr core (a new checkout)
                _ckan_cli(ini, "search-index", "rebuild")
        tokens = {SYSADMIN: token}
        for user in (BUREAU_USER, OUTSIDER):
            tokens[user] = site.action.api_token_create(user=user, name="tests")["token"]
        yield {"url": CKAN_URL, "tokens": tokens}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


@pytest.fixture
def settings(clean_admin_db, ckan_server) -> Settings:
    return Settings(database_url=clean_admin_db, ckan_url=ckan_server["url"],
                    ckan_token=ckan_server["tokens"][SYSADMIN], review_threshold_yuan=300000,
                    bureau_org="dz-dsjj", secret_key="admin-tests-secret", secure_cookies=True,
                    recheck_seconds=300)


@pytest.fixture
def app(settings):
    from flask_admin_app.app import create_app

    app = create_app(settings)
    app.config["TESTING"] = True
    yield app
    db = app.extensions["dazhou_db"]
    db.remove()  # a test's own queries must not hold a transaction the next TRUNCATE waits for
    db.get_bind().dispose()
