"""Fixtures of the DCAT tests: the demo catalog, loaded once per module through the action API.

Loading the 57 demo datasets takes tens of seconds, so read-only tests share one load.
"""
from __future__ import annotations

import ckan.plugins
import pytest
from ckan.tests import helpers
from ckanext.dazhou.demo import loader
from ckanext.dazhou.profiles import departments
from ckanext.dazhou.tests.factories import site_context

# the root conftest.py's PLUGINS_WITH_MIGRATIONS (its clean_db is function-scoped)
PLUGINS_WITH_MIGRATIONS = ("activity", "harvest", "dazhou")


@pytest.fixture(scope="module")
def demo_catalog_loaded(reset_db, reset_index, migrate_db_for):
    """The demo catalog in a fresh database; the datasets as the site user sees them."""
    ckan.plugins.load_all()
    try:
        reset_db()
        for plugin in PLUGINS_WITH_MIGRATIONS:
            migrate_db_for(plugin)
        reset_index()
        departments.forget()
        loader.load()
        departments.forget()
        return helpers.call_action("package_search", site_context(), rows=1000,
                                   include_private=True, sort="name asc")["results"]
    finally:
        ckan.plugins.unload_all()


@pytest.fixture
def demo_catalog(demo_catalog_loaded, with_plugins):
    return demo_catalog_loaded
