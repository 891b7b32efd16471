"""Access grants, share applications and their events, the resource access log.

Revision ID: 0002_access
Revises: 0001_catalog
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_access"
down_revision = "0001_catalog"
branch_labels = None
depends_on = None


def _package_fk():
    return sa.ForeignKey("package.id", ondelete="CASCADE")


def upgrade():
    op.create_table(
        "dazhou_access_grant",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("kind", sa.UnicodeText, nullable=False),
        sa.Column("package_id", sa.UnicodeText, _package_fk(), nullable=False, index=True),
        sa.Column("grantee_type", sa.UnicodeText, nullable=False),
        sa.Column("grantee_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("application_id", sa.UnicodeText),
        sa.Column("granted_by", sa.UnicodeText, nullable=False),
        sa.Column("granted_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime),
        sa.Column("revoked_at", sa.DateTime),
        sa.Column("revoked_by", sa.UnicodeText),
        sa.Column("revoke_reason", sa.UnicodeText),
        sa.CheckConstraint("kind in ('share', 'open')", name="dazhou_access_grant_kind"),
        sa.CheckConstraint("grantee_type in ('organization', 'user')",
                           name="dazhou_access_grant_grantee_type"),
    )
    op.create_table(
        "dazhou_share_application",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, _package_fk(), nullable=False, index=True),
        sa.Column("owner_org_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("applicant_user_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("applicant_org_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("purpose", sa.UnicodeText, nullable=False),
        sa.Column("scope", sa.UnicodeText, nullable=False),
        sa.Column("legal_basis", sa.UnicodeText, nullable=False),
        sa.Column("resource_ids", sa.JSON, nullable=False),
        sa.Column("state", sa.UnicodeText, nullable=False, index=True),
        sa.Column("submitted_at", sa.DateTime, nullable=False),
        sa.Column("reply_due", sa.Date, nullable=False),
        sa.Column("decided_at", sa.DateTime),
        sa.Column("decided_by", sa.UnicodeText),
        sa.Column("decision_reason", sa.UnicodeText),
        sa.Column("escalated_at", sa.DateTime),
        sa.Column("escalation_reason", sa.UnicodeText),
        sa.Column("grant_id", sa.UnicodeText),
    )
    op.create_table(
        "dazhou_application_event",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("application_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("from_state", sa.UnicodeText),
        sa.Column("to_state", sa.UnicodeText, nullable=False),
        sa.Column("actor_id", sa.UnicodeText, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("note", sa.UnicodeText, nullable=False, server_default=""),
    )
    op.create_table(
        "dazhou_access_log",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False, index=True),
        sa.Column("user_id", sa.UnicodeText, index=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("resource_id", sa.UnicodeText, nullable=False),
        sa.Column("allowed", sa.Boolean, nullable=False),
        sa.Column("door", sa.UnicodeText, nullable=False),
    )


def downgrade():
    for table in ("dazhou_access_log", "dazhou_application_event",
                  "dazhou_share_application", "dazhou_access_grant"):
        op.drop_table(table)
