"""Access log: the grant a use was made under, so its purpose is on record (Art. 21).

Revision ID: 0014_access_log_grant
Revises: 0013_usage_counts
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0014_access_log_grant"
down_revision = "0013_usage_counts"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("dazhou_access_log", sa.Column("grant_id", sa.UnicodeText, nullable=True))


def downgrade():
    op.drop_column("dazhou_access_log", "grant_id")
