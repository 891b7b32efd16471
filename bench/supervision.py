"""Benchmark: supervision (dazhou_violation_list's queries) and evaluation (Art. 28) at scale.

Generates 100,000 datasets (300,000 resources), 1,000,000 application and feedback rows and
50,000 data changes in a private test database with SQL, then times the set-based queries.
Usage (services running):  .venv/bin/python bench/supervision.py
Target: each query under 5 s on this machine. Prints its figures; asserts nothing.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS, SHARE_APPS, FEEDBACK, OPEN_APPS, CHANGES, ORGS = 100_000, 400_000, 300_000, 300_000, 50_000, 20

GENERATE = f"""
TRUNCATE dazhou_share_application, dazhou_feedback, dazhou_open_application, dazhou_data_change,
         dazhou_catalog_entry, dazhou_authoritative_item, dazhou_dataset_summary, resource, package CASCADE;
DELETE FROM "group" WHERE name LIKE 'bench-%';
INSERT INTO "group" (id, name, title, type, is_organization, state, approval_status, created)
SELECT 'bench-org-' || g, 'bench-' || g, '部门' || g, 'organization', true, 'active', 'approved', now()
FROM generate_series(1, {ORGS}) g;
INSERT INTO package (id, name, title, type, state, owner_org, private, metadata_created, metadata_modified, extras)
SELECT 'bench-p-' || i, 'bench-p-' || i, '数据集' || i, 'dataset', 'active', 'bench-org-' || (i % {ORGS} + 1),
       (i % 5 = 0), now() - (i % 700) * interval '1 day', now() - (i % 400) * interval '1 day',
       jsonb_build_object(
         'share_type', (ARRAY['unconditional','unconditional','conditional','none'])[i % 4 + 1],
         'open_type', (ARRAY['open','conditional','closed','closed','open'])[i % 5 + 1],
         'update_cycle', (ARRAY['realtime','daily','weekly','monthly','quarterly','semiannual','annual','irregular'])[i % 8 + 1])
FROM generate_series(1, {DATASETS}) i;
INSERT INTO resource (id, package_id, url, format, state, created, metadata_modified, position)
SELECT 'bench-r-' || i || '-' || k, 'bench-p-' || i, 'https://x/' || i, (ARRAY['csv','pdf','xlsx'])[k],
       'active', now() - ((i + k) % 500) * interval '1 day', now() - ((i * k) % 300) * interval '1 day', k
FROM generate_series(1, {DATASETS}) i, generate_series(1, 3) k;
INSERT INTO dazhou_share_application (id, package_id, owner_org_id, applicant_user_id, applicant_org_id,
  purpose, scope, legal_basis, resource_ids, state, submitted_at, reply_due, decided_at)
SELECT 'bench-sa-' || i, 'bench-p-' || (i % {DATASETS} + 1), 'bench-org-' || (i % {ORGS} + 1), 'u',
       'bench-org-' || ((i + 3) % {ORGS} + 1), 'p', 's', 'l', '[]',
       (ARRAY['submitted','approved','refused','escalated'])[i % 4 + 1],
       now() - (i % 600) * interval '1 day', (now() - (i % 600) * interval '1 day' + interval '14 days')::date,
       CASE WHEN i % 4 IN (1, 2) THEN now() - (i % 600) * interval '1 day' + (i % 20) * interval '1 day' END
FROM generate_series(1, {SHARE_APPS}) i;
INSERT INTO dazhou_feedback (id, package_id, owner_org_id, reporter_user_id, description, state,
  submitted_at, reply_due, replied_at)
SELECT 'bench-fb-' || i, 'bench-p-' || (i % {DATASETS} + 1), 'bench-org-' || (i % {ORGS} + 1), 'u', 'd',
       (ARRAY['submitted','accepted','rejected'])[i % 3 + 1], now() - (i % 600) * interval '1 day',
       (now() - (i % 600) * interval '1 day' + interval '7 days')::date,
       CASE WHEN i % 3 > 0 THEN now() - (i % 600) * interval '1 day' + (i % 10) * interval '1 day' END
FROM generate_series(1, {FEEDBACK}) i;
INSERT INTO dazhou_open_application (id, package_id, owner_org_id, applicant_user_id, purpose, state,
  submitted_at, reply_due, decided_at)
SELECT 'bench-oa-' || i, NULL, 'bench-org-' || (i % {ORGS} + 1), 'u', 'p',
       (ARRAY['submitted','approved','refused'])[i % 3 + 1], now() - (i % 600) * interval '1 day',
       (now() - (i % 600) * interval '1 day' + interval '14 days')::date,
       CASE WHEN i % 3 > 0 THEN now() - (i % 600) * interval '1 day' + (i % 20) * interval '1 day' END
FROM generate_series(1, {OPEN_APPS}) i;
INSERT INTO dazhou_data_change (id, package_id, changed_on, recorded_at, recorded_by, shared_due, catalog_due)
SELECT 'bench-dc-' || i, 'bench-p-' || (i * 2), (now() - (i % 300) * interval '1 day')::date,
       now() - (i % 300) * interval '1 day', 'u',
       (now() - (i % 300) * interval '1 day' + interval '7 days')::date,
       (now() - (i % 300) * interval '1 day' + interval '14 days')::date
FROM generate_series(1, {CHANGES}) i;
ANALYZE;
"""


def timed(label, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label:<52} {time.perf_counter() - start:7.2f} s")
    return result


def main():
    ini = subprocess.run([str(ROOT / "scripts/test-env.sh"), "bench"], check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    from ckan.cli import CKANConfigLoader
    from ckan.config.environment import load_environment
    load_environment(CKANConfigLoader(ini).get_config())
    import sqlalchemy as sa
    from ckan import model
    from ckanext.dazhou import deadlines
    from ckanext.dazhou.supervision import calendar_table, evaluation, violations

    timed("generate data (SQL)", lambda: (model.Session.execute(sa.text(GENERATE)), model.Session.commit()))
    calendar_table.ensure()
    counts = model.Session.execute(sa.text(
        "SELECT (SELECT count(*) FROM package), (SELECT count(*) FROM resource), "
        "(SELECT count(*) FROM dazhou_share_application) + (SELECT count(*) FROM dazhou_feedback) "
        "+ (SELECT count(*) FROM dazhou_open_application)")).one()
    print(f"datasets {counts[0]:,}  resources {counts[1]:,}  application+feedback rows {counts[2]:,}")
    today = deadlines.today()
    found, rows = timed("violations, city-wide (counts + first page)", lambda: violations.find(today))
    print(f"  {sum(found.values()):,} violations: " + ", ".join(f"{k} {v:,}" for k, v in sorted(found.items())))
    timed("violations, one department", lambda: violations.find(today, ["bench-org-3"]))
    timed("violations, city-wide page 100", lambda: violations.find(today, offset=4950))
    timed("share and open ratios, all departments", lambda: violations.ratios())
    year_start = dt.date(today.year, 1, 1)
    report = timed("evaluation report, city, this year", lambda: evaluation.report(year_start, today))
    print(f"  {report}")
    timed("evaluation report, one department", lambda: evaluation.report(year_start, today, "bench-org-3"))


if __name__ == "__main__":
    sys.exit(main())
