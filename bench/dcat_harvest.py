"""Benchmark: the `dazhou_province` harvester pulling a paged provincial feed of N datasets.

A local HTTP server (harvesters/tests/province_feed.py) serves N synthetic provincial datasets,
100 per page with hydra:next links; a private test environment (scripts/test-env.sh
dcatharvest, its own site id so its Redis queues are its own) gets a harvest source.
The harvest runs as in production: one gather consumer and K fetch consumers (ckanext-harvest's
Redis queues), the job started with `ckan harvester job`; the clock stops when every harvest
object is imported or failed. `--run-test` times ckanext-harvest's synchronous `run-test`
instead (one process). Usage (services running):
  .venv/bin/python bench/dcat_harvest.py [N] [--consumers K] [--run-test]
Target: 10,000 datasets under 10 minutes. Prints its figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CKAN = str(ROOT / ".venv" / "bin" / "ckan")
DB = "ckan_test_dcatharvest"
SOURCE = "bench-province"
PER_PAGE = 100
sys.path.insert(0, str(ROOT / "harvesters" / "tests"))

import province_feed as feed  # noqa: E402


def run(*args: str, check: bool = True) -> str:
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0 and check:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def sql(query: str) -> str:
    return run("runuser", "-u", "postgres", "--", "psql", "-X", "-tA", "-d", DB, "-c",
               query).strip()


def serve(server: feed.FeedServer, datasets: int) -> None:
    pages = (datasets + PER_PAGE - 1) // PER_PAGE
    for number in range(1, pages + 1):
        path = "/catalog.ttl" if number == 1 else f"/catalog.ttl?page={number}"
        items = [feed.dataset(n) for n in range((number - 1) * PER_PAGE + 1,
                                                min(number * PER_PAGE, datasets) + 1)]
        following = f"{server.url}/catalog.ttl?page={number + 1}" if number < pages else None
        server.routes[path] = (200, feed.page(items, following))


def private_ini() -> str:
    """The test env's ini with its own site id (Redis queue names and Solr site)."""
    ini = Path(run(str(ROOT / "scripts" / "test-env.sh"), "dcatharvest").strip().splitlines()[-1])
    text = re.sub(r"(?m)^ckan\.site_id\s*=.*\n", "", ini.read_text())
    text = re.sub(r"(?m)^ckanext\.dazhou\.harvest\.allowed_hosts\s*=.*\n", "", text)
    # the bench's feed server is local: harvests open private hosts only when listed
    text = text.replace("[app:main]\n", "[app:main]\nckan.site_id = dcatharvest\n"
                        "ckanext.dazhou.harvest.allowed_hosts = 127.0.0.1\n", 1)
    ini.write_text(text)
    return str(ini)


def reset(ini: str) -> None:
    for step in (("db", "clean", "--yes"), ("db", "init"), ("db", "pending-migrations", "--apply"),
                 ("search-index", "clear"), ("harvester", "purge-queues")):
        run(CKAN, "-c", ini, *step)
    run(CKAN, "-c", ini, "dazhou", "demo", "load")  # departments, incl. a province owner


def with_consumers(ini: str, consumers: int, datasets: int) -> float:
    processes = [subprocess.Popen([CKAN, "-c", ini, "harvester", "gather-consumer"], cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    processes += [subprocess.Popen([CKAN, "-c", ini, "harvester", "fetch-consumer"], cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                  for _ in range(consumers)]
    try:
        time.sleep(8)  # consumers loading CKAN
        source_id = sql(f"select id from package where name = '{SOURCE}'")
        started = time.monotonic()
        run(CKAN, "-c", ini, "harvester", "job", source_id)
        while True:
            time.sleep(2)
            done, total = sql(
                "select count(*) filter (where state in ('COMPLETE', 'ERROR')), count(*) "
                "from harvest_object").split("|")
            if int(total) >= datasets and int(done) >= int(total):
                break
            if any(p.poll() is not None for p in processes):
                sys.exit("a harvest consumer died")
        elapsed = time.monotonic() - started
        run(CKAN, "-c", ini, "harvester", "run")  # marks the job finished, as the cron does
        return elapsed
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def synchronous(ini: str) -> float:
    started = time.monotonic()
    run(CKAN, "-c", ini, "harvester", "run-test", SOURCE)
    return time.monotonic() - started


def main(datasets: int, consumers: int, run_test: bool) -> None:
    ini = private_ini()
    reset(ini)
    server = feed.FeedServer()
    try:
        serve(server, datasets)
        run(CKAN, "-c", ini, "harvester", "source", "create", SOURCE,
            f"{server.url}/catalog.ttl", "dazhou_province", "Province", "true", "dz-dsjj",
            "MANUAL", "{}", check=False)  # ckanext-harvest's CLI fails printing, not creating
        elapsed = synchronous(ini) if run_test else with_consumers(ini, consumers, datasets)
    finally:
        server.close()
    imported = sql("select count(*) from package where type='dataset' and state='active' "
                   "and id in (select package_id from harvest_object where current)")
    errors = sql("select count(*) from harvest_object_error")
    mode = "run-test, one process" if run_test else f"1 gather + {consumers} fetch consumers"
    print(f"harvest of {datasets} datasets ({mode}): {imported} imported, {errors} errors, "
          f"{elapsed:.1f} s, {1000 * elapsed / max(1, datasets):.1f} ms per dataset; "
          f"10,000 would take about {elapsed * 10_000 / max(1, datasets) / 60:.1f} min")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets", nargs="?", type=int, default=10_000)
    parser.add_argument("--consumers", type=int, default=2)
    parser.add_argument("--run-test", action="store_true")
    options = parser.parse_args()
    main(options.datasets, options.consumers, options.run_test)
