"""Shared pytest fixtures for every test folder of the project."""
from __future__ import annotations

import ckan.plugins
import pytest
from ckan.lib.app_globals import _CONFIG_CACHE
from ckan.tests import helpers as ckan_test_helpers

import warm_ckan

# Plugins whose tables live in their own alembic migrations (`ckan db upgrade -p NAME`).
PLUGINS_WITH_MIGRATIONS = ("activity", "harvest", "dazhou")


@pytest.fixture
def clean_db(reset_db, migrate_db_for):
    """CKAN's clean_db leaves only core tables: re-apply the plugins' migrations."""
    reset_db()
    for plugin in PLUGINS_WITH_MIGRATIONS:
        migrate_db_for(plugin)


@pytest.fixture(scope="module")
def fresh_site(reset_db, reset_index, migrate_db_for):
    """An emptied database and index, with the configured plugins loaded, for a module-scoped
    world that several read-only tests share (function-scoped clean_db would rebuild it each)."""
    warm_ckan.ensure_loaded()
    reset_db()
    for plugin in PLUGINS_WITH_MIGRATIONS:
        migrate_db_for(plugin)
    reset_index()


@pytest.fixture(autouse=True)
def _plugins_only_for_tests_that_ask(request):
    """A test without with_plugins runs with none loaded, as under CKAN's own fixtures."""
    if "with_plugins" not in request.fixturenames:
        warm_ckan.forget()


@pytest.fixture
def with_plugins(ckan_config, provide_plugin, monkeypatch, request):
    """CKAN's with_plugins, kept loaded for the next test with the same configuration."""
    extra = warm_ckan.extra_plugins(request)
    if warm_ckan.ENABLED and all(isinstance(name, str) for name in extra):
        warm_ckan.load_plugins(ckan_config, monkeypatch, extra)
        yield
        warm_ckan.after_test()
        return
    # CKAN's way, loaded and unloaded around the test (plugins the test provides itself)
    warm_ckan.forget()
    names = []
    for plugin in extra:
        if isinstance(plugin, dict):
            for name, impl in plugin.items():
                provide_plugin(name, impl)
                names.append(name)
        else:
            names.append(plugin)
    current = ckan_config["ckan.plugins"]
    current = current.split() if isinstance(current, str) else current
    monkeypatch.setitem(ckan_config, "ckan.plugins", current + names)
    ckan.plugins.load_all()
    yield
    ckan.plugins.unload_all()


@pytest.fixture
def make_app(ckan_config):
    """CKAN's make_app, reusing the app built from the same configuration."""
    from ckan.config.middleware import make_app as build

    _CONFIG_CACHE.clear()
    return lambda: ckan_test_helpers.CKANTestApp(warm_ckan.wsgi_app(build))


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(f"warm CKAN fixtures: {warm_ckan.counts}")
