"""Use figures: downloads and API calls per dataset and day (issue 15 item 7).

Counted in Redis per request and added here by `ckan dazhou usage flush`.

Revision ID: 0013_usage_counts
Revises: 0006_access_log_hits
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0013_usage_counts"
down_revision = "0008_grant_expiry_shanghai"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "dazhou_usage_count",
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),  # Asia/Shanghai
        sa.Column("downloads", sa.Integer, nullable=False, server_default="0"),
        sa.Column("api_calls", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("dazhou_usage_count_day", "dazhou_usage_count", ["day"])


def downgrade():
    op.drop_table("dazhou_usage_count")
