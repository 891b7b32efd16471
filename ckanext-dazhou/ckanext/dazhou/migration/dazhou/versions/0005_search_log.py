"""Search log: queries that found nothing, counted per day, without who asked (issue 12).

Revision ID: 0005_search_log
Revises: 0004_harvest_conflicts
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_search_log"
down_revision = "0004_harvest_conflicts"
branch_labels = None
depends_on = None


def upgrade():
    # One row per normalised query and day; a search adds 1 to it (INSERT ... ON CONFLICT).
    # No user, IP or session column: the bureau sees what is typed, never by whom.
    op.create_table(
        "dazhou_search_log",
        sa.Column("query", sa.UnicodeText, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("count", sa.Integer, nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("query", "day", name="dazhou_search_log_pkey"),
    )
    op.create_index("dazhou_search_log_day", "dazhou_search_log", ["day"])


def downgrade():
    op.drop_table("dazhou_search_log")
