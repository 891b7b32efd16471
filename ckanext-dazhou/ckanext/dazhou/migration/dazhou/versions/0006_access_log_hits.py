"""Access log: anonymous attempts counted per resource, door and day (issue 11 §7).

An anonymous caller could add one row per request; now anonymous repeats on the same
resource, door, outcome and day (Asia/Shanghai) add to one row's `hits`.

Revision ID: 0006_access_log_hits
Revises: 0005_search_log
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_access_log_hits"
down_revision = "0005_search_log"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("dazhou_access_log",
                  sa.Column("hits", sa.Integer, nullable=False, server_default="1"))
    op.add_column("dazhou_access_log", sa.Column("day", sa.Date))
    op.execute("UPDATE dazhou_access_log SET day = "
               "(at AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date")
    op.alter_column("dazhou_access_log", "day", nullable=False)
    # anonymous repeats already stored become one row each, with their count
    op.execute("""
        WITH groups AS (
          SELECT min(id) AS keep, count(*) AS n FROM dazhou_access_log WHERE user_id IS NULL
          GROUP BY day, resource_id, door, allowed HAVING count(*) > 1)
        UPDATE dazhou_access_log l SET hits = g.n FROM groups g WHERE l.id = g.keep""")
    op.execute("""
        DELETE FROM dazhou_access_log l USING dazhou_access_log k
        WHERE l.user_id IS NULL AND k.user_id IS NULL AND l.day = k.day
          AND l.resource_id = k.resource_id AND l.door = k.door AND l.allowed = k.allowed
          AND l.id > k.id""")
    op.create_index("dazhou_access_log_anonymous_day", "dazhou_access_log",
                    ["day", "resource_id", "door", "allowed"], unique=True,
                    postgresql_where=sa.text("user_id IS NULL"))


def downgrade():
    op.drop_index("dazhou_access_log_anonymous_day", "dazhou_access_log")
    op.drop_column("dazhou_access_log", "day")
    op.drop_column("dazhou_access_log", "hits")
