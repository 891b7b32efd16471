"""Shared pytest fixtures for every test folder of the project."""
from __future__ import annotations

import pytest

# Plugins whose tables live in their own alembic migrations (`ckan db upgrade -p NAME`).
PLUGINS_WITH_MIGRATIONS = ("activity", "harvest", "dazhou")


@pytest.fixture
def clean_db(reset_db, migrate_db_for):
    """CKAN's clean_db leaves only core tables: re-apply the plugins' migrations."""
    reset_db()
    for plugin in PLUGINS_WITH_MIGRATIONS:
        migrate_db_for(plugin)
