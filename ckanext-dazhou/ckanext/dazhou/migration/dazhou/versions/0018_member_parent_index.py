"""An index for CKAN's organization-tree question on its `member` table.

Every permission check for a signed-in user asks for the organization's parent groups
(`Group.get_parent_group_hierarchy`: member rows with table_name 'group'). CKAN's only index
on member.group_id also holds the organization's dataset rows, so at 10^5 datasets each
question read thousands of rows (20 ms, twice per organization page for department staff).
A partial index holds only the group-to-group rows.

Revision ID: 0018_member_parent_index
Revises: 0017_dataset_summary
Create Date: 2026-12-02
"""
from alembic import op

revision = "0018_member_parent_index"
down_revision = "0017_dataset_summary"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("CREATE INDEX IF NOT EXISTS dazhou_member_parent_groups ON member (group_id) "
               "WHERE table_name = 'group' AND state = 'active'")


def downgrade():
    op.execute("DROP INDEX IF EXISTS dazhou_member_parent_groups")
