"""Benchmark: the `dazhou_province` harvester pulling a paged provincial feed of N datasets.

A local HTTP server (harvesters/tests/province_feed.py) serves N synthetic provincial datasets,
100 per page with hydra:next links; a private test environment (scripts/test-env.sh
dcatharvest) gets a harvest source, and `ckan harvester run-test` runs gather, fetch and import
synchronously. Usage (services running):  .venv/bin/python bench/dcat_harvest.py [N]
Target: 10,000 datasets under 10 minutes. Prints its figures; asserts nothing.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CKAN = str(ROOT / ".venv" / "bin" / "ckan")
PER_PAGE = 100
sys.path.insert(0, str(ROOT / "harvesters" / "tests"))

import province_feed as feed  # noqa: E402


def run(*args: str, check: bool = True) -> str:
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0 and check:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def serve(server: feed.FeedServer, datasets: int) -> None:
    pages = (datasets + PER_PAGE - 1) // PER_PAGE
    for number in range(1, pages + 1):
        path = "/catalog.ttl" if number == 1 else f"/catalog.ttl?page={number}"
        items = [feed.dataset(n) for n in range((number - 1) * PER_PAGE + 1,
                                                min(number * PER_PAGE, datasets) + 1)]
        following = f"{server.url}/catalog.ttl?page={number + 1}" if number < pages else None
        server.routes[path] = (200, feed.page(items, following))


def main(datasets: int) -> None:
    ini = run(str(ROOT / "scripts" / "test-env.sh"), "dcatharvest").strip().splitlines()[-1]
    for step in (("db", "clean", "--yes"), ("db", "init"), ("db", "pending-migrations", "--apply"),
                 ("search-index", "clear")):
        run(CKAN, "-c", ini, *step)
    run(CKAN, "-c", ini, "dazhou", "demo", "load")  # departments, incl. a province owner
    server = feed.FeedServer()
    try:
        serve(server, datasets)
        run(CKAN, "-c", ini, "harvester", "source", "create", "bench-province",
            f"{server.url}/catalog.ttl", "dazhou_province", "Province", "true", "dz-dsjj",
            "MANUAL", "{}", check=False)  # ckanext-harvest's CLI fails printing, not creating
        started = time.monotonic()
        run(CKAN, "-c", ini, "harvester", "run-test", "bench-province")
        elapsed = time.monotonic() - started
    finally:
        server.close()
    count = run("runuser", "-u", "postgres", "--", "psql", "-X", "-tA", "-d",
                "ckan_test_dcatharvest", "-c",
                "select count(*) from package where type='dataset' and state='active' "
                "and id in (select package_id from harvest_object where current)").strip()
    print(f"harvest of {datasets} datasets ({count} imported): {elapsed:.1f} s, "
          f"{1000 * elapsed / max(1, datasets):.1f} ms per dataset; "
          f"10,000 would take about {elapsed * 10_000 / max(1, datasets) / 60:.1f} min")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
