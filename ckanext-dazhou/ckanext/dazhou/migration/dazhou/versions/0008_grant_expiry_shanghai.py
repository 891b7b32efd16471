"""Grant expiry at the end of the day in Asia/Shanghai (issue 14, dates and times).

Grants valid "until 2027-06-30" were stored as 2027-06-30 23:59:59.999999 UTC, which is
2027-07-01 07:59 in Shanghai: shown as 2027年7月1日 and lasting 8 hours too long. They now end
at 23:59:59.999999 Shanghai time (15:59:59.999999 UTC); stored ones are moved back 8 hours.

Revision ID: 0008_grant_expiry_shanghai
Revises: 0006_access_log_hits
Create Date: 2026-12-01
"""
from alembic import op

revision = "0008_grant_expiry_shanghai"
down_revision = "0006_access_log_hits"
branch_labels = None
depends_on = None

_OLD_END = "expires_at::time = time '23:59:59.999999'"


def upgrade():
    op.execute("UPDATE dazhou_access_grant SET expires_at = "
               f"((expires_at::date + time '23:59:59.999999') AT TIME ZONE 'Asia/Shanghai') "
               f"AT TIME ZONE 'UTC' WHERE {_OLD_END}")


def downgrade():
    op.execute("UPDATE dazhou_access_grant SET expires_at = "
               "expires_at::date + time '23:59:59.999999' "
               "WHERE expires_at::time = time '15:59:59.999999'")
