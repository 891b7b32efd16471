"""Staff sessions kept on the server (the cookie holds only their random id).

Revision ID: 0002_staff_sessions
Revises: 0001_initial
Create Date: 2026-11-25
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_staff_sessions"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

S = "dazhou_admin"


def upgrade() -> None:
    op.create_table(
        "staff_session",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("token", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_seen", sa.DateTime, nullable=False),
        schema=S,
    )


def downgrade() -> None:
    op.drop_table("staff_session", schema=S)
