"""Benchmark: DCAT export of 10,000 datasets, our `dazhou_dcat_ap` profile against ckanext-dcat's
stock `euro_dcat_ap_3`, in the same run.

In a private test environment (scripts/test-env.sh dcatbench): loads the demo catalog through
the action API, copies its datasets with SQL up to 10,000 (new ids, names and resource codes,
resources copied), indexes them (`ckan search-index rebuild`), then times
`ckan dazhou dcat export` (streaming, paged package_search) with each profile.
Usage (services running):  .venv/bin/python bench/dcat_export.py [DATASETS] [--reuse]
(--reuse: keep the already generated and indexed datasets of a previous run)
Then (bench/dcat_profiles.py, in process) the serializer alone on the same dicts, profiles in
alternation, medians of REPEATS; and /catalog.ttl page times (p50/p95). Exports report peak RSS.
Targets (issue 17): ours no slower per dataset than stock; 10^5 datasets under 2 min with flat
memory; /catalog.ttl page of 100 p95 250 ms. Prints its figures; asserts nothing.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CKAN = str(ROOT / ".venv" / "bin" / "ckan")
DB = "ckan_test_dcatbench"
REPEATS = 5

COPY = """
DELETE FROM resource WHERE package_id LIKE 'bench-%';
DELETE FROM package WHERE id LIKE 'bench-%';
WITH demo AS (
  SELECT p.*, row_number() OVER (ORDER BY p.name) AS n, count(*) OVER () AS total
  FROM package p WHERE p.type = 'dataset' AND p.state = 'active'
), copies AS (
  SELECT d.*, g AS i FROM demo d
  JOIN generate_series(1, {copies}) g ON ((g - 1) % d.total) + 1 = d.n
)
INSERT INTO package (id, name, title, version, url, notes, author, author_email, maintainer,
                     maintainer_email, state, license_id, type, owner_org, private,
                     metadata_modified, creator_user_id, metadata_created, plugin_data, extras)
SELECT 'bench-' || i, 'bench-' || i, title || ' ' || i, version, url, notes, author, author_email,
       maintainer, maintainer_email, state, license_id, type, owner_org, private,
       metadata_modified, creator_user_id, metadata_created, plugin_data,
       jsonb_set(extras, '{{resource_code}}',
                 to_jsonb(split_part(extras->>'resource_code', '-', 1) || '-' || lpad((i % 100000)::text, 5, '0')))
FROM copies;
INSERT INTO resource (id, url, format, description, position, hash, state, extras, name,
                      resource_type, mimetype, mimetype_inner, size, last_modified, cache_url,
                      cache_last_updated, created, url_type, package_id, metadata_modified)
SELECT r.id || '-bench-' || c.i, r.url, r.format, r.description, r.position, r.hash, r.state,
       r.extras, r.name, r.resource_type, r.mimetype, r.mimetype_inner, r.size, r.last_modified,
       r.cache_url, r.cache_last_updated, r.created, r.url_type, 'bench-' || c.i, r.metadata_modified
FROM resource r
JOIN (SELECT p.id AS source_id, g AS i FROM
        (SELECT id, row_number() OVER (ORDER BY name) AS n, count(*) OVER () AS total
         FROM package WHERE type = 'dataset' AND state = 'active' AND id NOT LIKE 'bench-%') p
      JOIN generate_series(1, {copies}) g ON ((g - 1) % p.total) + 1 = p.n) c
  ON c.source_id = r.package_id
WHERE r.state = 'active';
"""


def run(*args: str, quiet: bool = True) -> str:
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def timed(label: str, *args: str) -> float:
    started = time.monotonic()
    run(*args)
    elapsed = time.monotonic() - started
    print(f"{label}: {elapsed:.1f} s")
    return elapsed


def main(datasets: int, reuse: bool) -> None:
    ini = run(str(ROOT / "scripts" / "test-env.sh"), "dcatbench").strip().splitlines()[-1]
    if not reuse:
        prepare(ini, datasets)
    export(ini, datasets)


def prepare(ini: str, datasets: int) -> None:
    run(CKAN, "-c", ini, "db", "clean", "--yes")
    run(CKAN, "-c", ini, "db", "init")
    run(CKAN, "-c", ini, "db", "pending-migrations", "--apply")
    run(CKAN, "-c", ini, "search-index", "clear")
    timed("demo catalog loaded", CKAN, "-c", ini, "dazhou", "demo", "load")
    run("runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-d", DB, "-v", "ON_ERROR_STOP=1",
        "-c", COPY.format(copies=datasets))
    timed(f"{datasets} datasets indexed", CKAN, "-c", ini, "search-index", "rebuild")


def export(ini: str, datasets: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        figures, triples, rss = {}, {}, {}
        for profile in ("dazhou_dcat_ap", "euro_dcat_ap_3"):
            out = Path(tmp) / f"{profile}.ttl"
            figures[profile], rss[profile] = timed_rss(
                f"export (gov feed, all datasets), profile {profile}", CKAN, "-c", ini, "dazhou",
                "dcat", "export", str(out), "--feed", "gov", "--profile", profile)
            with out.open(encoding="utf-8") as lines:  # N-Triples: one triple a line
                triples[profile] = sum(1 for line in lines if not line.startswith("#"))
            print(f"  {out.stat().st_size / 1e6:.1f} MB, {triples[profile]} triples, "
                  f"{1000 * figures[profile] / datasets:.2f} ms per dataset, "
                  f"{1e6 * figures[profile] / triples[profile]:.1f} µs per triple, "
                  f"peak RSS {rss[profile]:.0f} MB")
        public, public_rss = timed_rss("export (public feed), profile dazhou_dcat_ap", CKAN, "-c",
                                       ini, "dazhou", "dcat", "export",
                                       str(Path(tmp) / "public.ttl"))
    ratio = figures["dazhou_dcat_ap"] / figures["euro_dcat_ap_3"]
    per_triple = ratio * triples["euro_dcat_ap_3"] / triples["dazhou_dcat_ap"]
    print(f"whole export, ratio ours/stock per dataset: {ratio:.2f}, per triple: "
          f"{per_triple:.2f}  (public feed {public:.1f} s, peak RSS {public_rss:.0f} MB); "
          f"10^5 datasets extrapolated: {figures['dazhou_dcat_ap'] * 1e5 / datasets:.0f} s")
    # serializer only, same dicts, alternating profiles, medians (package_search left out)
    print(run(str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "bench" / "dcat_profiles.py"),
              ini, str(REPEATS)), end="")


def timed_rss(label: str, *args: str) -> tuple[float, float]:
    """Wall time and peak resident memory (MB, GNU time's %M) of one command."""
    with tempfile.NamedTemporaryFile("r") as report:
        elapsed = timed(label, "/usr/bin/time", "-f", "%M", "-o", report.name, *args)
        return elapsed, int(report.read().strip().splitlines()[-1]) / 1024


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--reuse"]
    main(int(args[0]) if args else 10_000, "--reuse" in sys.argv)
