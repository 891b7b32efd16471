"""One narrow row per active dataset for the supervision page (Art. 31), kept by triggers.

The stale-dataset check needs each dataset's last data update (its creation or its newest
resource change) and its update cycle; the ratios need its share and open types. Computed
from `package` and `resource` on every page view that was a scan of both tables (1.5 s at
10^5 datasets). Triggers keep this table right for every writer (actions, harvests, imports,
SQL), so no save path can forget it, and the page reads it by index.

Revision ID: 0017_dataset_summary
Revises: 0016_official_years
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0017_dataset_summary"
down_revision = "0016_official_years"
branch_labels = None
depends_on = None

# What each row holds, from package and resource: the refresh of one dataset and the first fill
_SOURCE = """
SELECT p.id, p.owner_org, p.extras->>'update_cycle',
       coalesce(p.extras->>'share_type', 'unconditional'), p.extras->>'open_type',
       greatest(p.metadata_created,
                (SELECT max(greatest(coalesce(r.last_modified, r.created), r.metadata_modified))
                 FROM resource r WHERE r.package_id = p.id AND r.state = 'active'))
FROM package p WHERE p.state = 'active' AND p.type = 'dataset'
"""

_REFRESH = """
CREATE OR REPLACE FUNCTION dazhou_dataset_summary_refresh(pid text) RETURNS void AS $$
BEGIN
  INSERT INTO dazhou_dataset_summary AS s""" + _SOURCE + """  AND p.id = pid
  ON CONFLICT (package_id) DO UPDATE SET
    owner_org = excluded.owner_org, update_cycle = excluded.update_cycle,
    share_type = excluded.share_type, open_type = excluded.open_type,
    last_update = excluded.last_update;
  IF NOT FOUND THEN
    DELETE FROM dazhou_dataset_summary WHERE package_id = pid;
  END IF;
END $$ LANGUAGE plpgsql;
"""

_PACKAGE_TRIGGER = """
CREATE OR REPLACE FUNCTION dazhou_dataset_summary_on_package() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM dazhou_dataset_summary WHERE package_id = OLD.id;
  ELSE
    PERFORM dazhou_dataset_summary_refresh(NEW.id);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER dazhou_dataset_summary AFTER INSERT OR UPDATE OR DELETE ON package
  FOR EACH ROW EXECUTE FUNCTION dazhou_dataset_summary_on_package();
"""

_RESOURCE_TRIGGER = """
CREATE OR REPLACE FUNCTION dazhou_dataset_summary_on_resource() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM dazhou_dataset_summary_refresh(OLD.package_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.package_id IS DISTINCT FROM OLD.package_id THEN
    PERFORM dazhou_dataset_summary_refresh(NEW.package_id);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER dazhou_dataset_summary AFTER INSERT OR UPDATE OR DELETE ON resource
  FOR EACH ROW EXECUTE FUNCTION dazhou_dataset_summary_on_resource();
"""


def upgrade():
    op.create_table(
        "dazhou_dataset_summary",
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("owner_org", sa.UnicodeText),
        sa.Column("update_cycle", sa.UnicodeText),
        sa.Column("share_type", sa.UnicodeText, nullable=False),
        sa.Column("open_type", sa.UnicodeText),
        sa.Column("last_update", sa.DateTime, nullable=False),  # UTC, as CKAN's timestamps
    )
    # stale datasets: per update cycle, a range of last updates
    op.create_index("dazhou_dataset_summary_cycle", "dazhou_dataset_summary",
                    ["update_cycle", "last_update"])
    op.create_index("dazhou_dataset_summary_org", "dazhou_dataset_summary", ["owner_org"])
    op.execute(_REFRESH)
    op.execute(_PACKAGE_TRIGGER)
    op.execute(_RESOURCE_TRIGGER)
    op.execute("INSERT INTO dazhou_dataset_summary" + _SOURCE)


def downgrade():
    op.execute("DROP TRIGGER IF EXISTS dazhou_dataset_summary ON resource")
    op.execute("DROP TRIGGER IF EXISTS dazhou_dataset_summary ON package")
    op.execute("DROP FUNCTION IF EXISTS dazhou_dataset_summary_on_resource()")
    op.execute("DROP FUNCTION IF EXISTS dazhou_dataset_summary_on_package()")
    op.execute("DROP FUNCTION IF EXISTS dazhou_dataset_summary_refresh(text)")
    op.drop_table("dazhou_dataset_summary")
