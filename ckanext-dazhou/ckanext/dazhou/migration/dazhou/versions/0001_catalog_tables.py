"""Catalog entries (unique resource codes), authoritative data items, code sequences.

Revision ID: 0001_catalog
Revises:
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "0001_catalog"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "dazhou_catalog_entry",
        sa.Column("package_id", sa.UnicodeText,
                  sa.ForeignKey("package.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("resource_code", sa.UnicodeText, nullable=False, unique=True),
    )
    # One data, one source (Art. 14): the unique key makes two concurrent claims impossible.
    op.create_table(
        "dazhou_authoritative_item",
        sa.Column("identity", sa.UnicodeText, primary_key=True),
        sa.Column("item_name", sa.UnicodeText, nullable=False),
        sa.Column("item_code", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("package_id", sa.UnicodeText,
                  sa.ForeignKey("package.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("claimed", sa.DateTime, nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        "dazhou_code_sequence",
        sa.Column("prefix", sa.UnicodeText, primary_key=True),
        sa.Column("last_value", sa.Integer, nullable=False),
    )


def downgrade():
    op.drop_table("dazhou_code_sequence")
    op.drop_table("dazhou_authoritative_item")
    op.drop_table("dazhou_catalog_entry")
