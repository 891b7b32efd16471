"""An index for CKAN's questions about one kind of member of an organization.

Every permission check for a signed-in user asks for the organization's parent groups
(`Group.get_parent_group_hierarchy`: member rows of table_name 'group'), and the organization
page counts its users (`member_list` with object_type 'user'). CKAN's only index on
member.group_id also holds the organization's dataset rows, so at 10^5 datasets each question
read thousands of rows (20 ms; twice per organization page for department staff). This index
leads with the kind, so each question reads only its own rows.

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
    op.execute("CREATE INDEX IF NOT EXISTS dazhou_member_group_kind ON member (group_id, table_name) "
               "WHERE state = 'active'")


def downgrade():
    op.execute("DROP INDEX IF EXISTS dazhou_member_group_kind")
