"""Alembic environment of the admin app: everything, version table included, in dazhou_admin."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from flask_admin_app.config import SCHEMA
from flask_admin_app.models import Base

config = context.config


def run_migrations_online() -> None:
    engine = sa.create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        # The version table lives in the schema, so the schema must exist before alembic looks.
        connection.execute(sa.text(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}"))
        context.configure(connection=connection, target_metadata=Base.metadata,
                          version_table_schema=SCHEMA, include_schemas=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
