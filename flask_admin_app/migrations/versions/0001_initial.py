"""Schema dazhou_admin: experts, projects, expert reviews, audit trail.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-24
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

S = "dazhou_admin"


def upgrade() -> None:
    op.execute(f"CREATE SCHEMA IF NOT EXISTS {S}")
    op.create_table(
        "expert",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("organization", sa.String(200), nullable=False),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("specialty", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(50), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        schema=S,
    )
    op.create_table(
        "project",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("department", sa.String(200), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("investment_yuan", sa.BigInteger, nullable=False),
        sa.Column("funding_source", sa.String(200), nullable=False),
        sa.Column("construction_content", sa.Text, nullable=False),
        sa.Column("planned_data_items", sa.Text, nullable=False),
        sa.Column("security_plan", sa.Text, nullable=False),
        sa.Column("operation_maintenance", sa.Text, nullable=False),
        sa.Column("state", sa.String(30), nullable=False, index=True),
        sa.Column("review_opinion", sa.Text, nullable=False),
        sa.Column("review_conclusion", sa.String(30), nullable=False),
        sa.Column("opinion_issued_at", sa.DateTime),
        sa.Column("opinion_issued_by", sa.String(100), nullable=False),
        sa.Column("approved_at", sa.DateTime),
        sa.Column("funded_at", sa.DateTime),
        sa.Column("tendered_at", sa.DateTime),
        sa.Column("procured_at", sa.DateTime),
        sa.Column("construction_started_at", sa.DateTime),
        sa.Column("acceptance_date", sa.Date),
        sa.Column("acceptance_result", sa.String(30), nullable=False),
        sa.Column("acceptance_notes", sa.Text, nullable=False),
        sa.Column("filed_at", sa.DateTime),
        sa.Column("filing_number", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        schema=S,
    )
    op.create_table(
        "expert_review",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer,
                  sa.ForeignKey(f"{S}.project.id", ondelete="CASCADE"), nullable=False),
        sa.Column("expert_id", sa.Integer,
                  sa.ForeignKey(f"{S}.expert.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("answers", sa.JSON, nullable=False),
        sa.Column("comments", sa.Text, nullable=False),
        sa.Column("submitted_at", sa.DateTime),
        sa.Column("assigned_at", sa.DateTime, nullable=False),
        sa.Column("assigned_by", sa.String(100), nullable=False),
        sa.UniqueConstraint("project_id", "expert_id"),
        schema=S,
    )
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False, index=True),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("table_name", sa.String(100), nullable=False),
        sa.Column("row_id", sa.String(100), nullable=False),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
        schema=S,
    )


def downgrade() -> None:
    for table in ("audit_entry", "expert_review", "project", "expert"):
        op.drop_table(table, schema=S)
