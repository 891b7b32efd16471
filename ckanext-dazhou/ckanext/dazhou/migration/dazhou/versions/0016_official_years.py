"""The official calendar's entered years in the database, not in a file of the package (one
calendar for every web and worker process, and an image's package folder is read-only).

Revision ID: 0016_official_years
Revises: 0014_access_log_grant
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0016_official_years"
down_revision = "0014_access_log_grant"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "dazhou_official_year",
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("holidays", sa.ARRAY(sa.Date), nullable=False),
        sa.Column("workdays", sa.ARRAY(sa.Date), nullable=False),
        sa.Column("entered_by", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("entered", sa.DateTime, nullable=False, server_default=sa.func.now()),
    )


def downgrade():
    op.drop_table("dazhou_official_year")
