"""Alembic for the admin app without an alembic.ini: `python -m flask_admin_app.migrate [REV]`."""
from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

from flask_admin_app.config import Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)


if __name__ == "__main__":
    upgrade(Settings.from_env().database_url, sys.argv[1] if len(sys.argv) > 1 else "head")
