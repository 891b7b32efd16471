"""Feedback, open applications, data changes, the calendar table, reminders.

Revision ID: 0003_deadlines
Revises: 0002_access
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_deadlines"
down_revision = "0002_access"
branch_labels = None
depends_on = None


def _package_fk(nullable=False):
    return sa.Column("package_id", sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"),
                     nullable=nullable, index=True)


def upgrade():
    op.create_table(
        "dazhou_feedback",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        _package_fk(),
        sa.Column("resource_id", sa.UnicodeText),
        sa.Column("owner_org_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("reporter_user_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("description", sa.UnicodeText, nullable=False),
        sa.Column("state", sa.UnicodeText, nullable=False, index=True),
        sa.Column("submitted_at", sa.DateTime, nullable=False),
        sa.Column("reply_due", sa.Date, nullable=False, index=True),
        sa.Column("replied_at", sa.DateTime),
        sa.Column("replied_by", sa.UnicodeText),
        sa.Column("reply", sa.UnicodeText),
    )
    op.create_table(
        "dazhou_open_application",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        _package_fk(nullable=True),
        sa.Column("owner_org_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("applicant_user_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("purpose", sa.UnicodeText, nullable=False),
        sa.Column("description", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("state", sa.UnicodeText, nullable=False, index=True),
        sa.Column("submitted_at", sa.DateTime, nullable=False),
        sa.Column("reply_due", sa.Date, nullable=False, index=True),
        sa.Column("decided_at", sa.DateTime),
        sa.Column("decided_by", sa.UnicodeText),
        sa.Column("decision_reason", sa.UnicodeText),
        sa.Column("grant_id", sa.UnicodeText),
    )
    op.create_table(
        "dazhou_data_change",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        _package_fk(),
        sa.Column("changed_on", sa.Date, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("recorded_by", sa.UnicodeText, nullable=False),
        sa.Column("note", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("shared_due", sa.Date, nullable=False),
        sa.Column("catalog_due", sa.Date, nullable=False),
    )
    op.create_table(
        "dazhou_calendar_day",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("is_workday", sa.Boolean, nullable=False),
        sa.Column("workday_index", sa.Integer, nullable=False),
    )
    op.create_table(
        "dazhou_reminder_sent",
        sa.Column("item_type", sa.UnicodeText, primary_key=True),
        sa.Column("item_id", sa.UnicodeText, primary_key=True),
        sa.Column("sent_on", sa.Date, primary_key=True),
    )
    op.create_index("ix_dazhou_share_application_state_due", "dazhou_share_application",
                    ["state", "reply_due"])


def downgrade():
    op.drop_index("ix_dazhou_share_application_state_due", "dazhou_share_application")
    for table in ("dazhou_reminder_sent", "dazhou_calendar_day", "dazhou_data_change",
                  "dazhou_open_application", "dazhou_feedback"):
        op.drop_table(table)
