"""Harvest conflicts: harvested authoritative claims on items local datasets own (Art. 14).

Revision ID: 0004_harvest_conflicts
Revises: 0003_deadlines
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_harvest_conflicts"
down_revision = "0003_deadlines"
branch_labels = None
depends_on = None


def upgrade():
    # No foreign keys to package: the harvested dataset may not exist yet, and the row stays
    # on record for the bureau after either dataset is purged.
    op.create_table(
        "dazhou_harvest_conflict",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("harvest_source_id", sa.UnicodeText, nullable=False),
        sa.Column("harvest_source_title", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("original_uri", sa.UnicodeText, nullable=False),
        sa.Column("harvested_title", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("harvested_package_id", sa.UnicodeText, index=True),
        sa.Column("identity", sa.UnicodeText, nullable=False),
        sa.Column("item_name", sa.UnicodeText, nullable=False),
        sa.Column("item_code", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("owner_package_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("owner_org_id", sa.UnicodeText, index=True),
        sa.Column("state", sa.UnicodeText, nullable=False, index=True),
        sa.Column("first_seen", sa.DateTime, nullable=False),
        sa.Column("last_seen", sa.DateTime, nullable=False),
        sa.Column("cleared_at", sa.DateTime),
        sa.Column("resolved_by", sa.UnicodeText),
        sa.Column("resolved_at", sa.DateTime),
        sa.Column("resolution_note", sa.UnicodeText),
        # a re-harvest of the same record updates its row (INSERT ... ON CONFLICT)
        sa.UniqueConstraint("harvest_source_id", "original_uri", "identity",
                            name="dazhou_harvest_conflict_claim"),
        sa.CheckConstraint("state in ('open', 'resolved', 'cleared')",
                           name="dazhou_harvest_conflict_state"),
    )


def downgrade():
    op.drop_table("dazhou_harvest_conflict")
