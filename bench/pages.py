"""Benchmark: page times before and after issue 17's request caching, side by side (1 client).

Serves the catalog bench/load.py built (.dev/test-benchload.ini, its database and Solr core)
twice under uWSGI with config/uwsgi.ini (the production server, 2 processes): "before" runs
the extension as it was before issue 17's speed work (`git archive <commit>`, default the
parent of the first speed commit, mapped in place of the editable install), "after" the
working tree. Each
page is asked alternately of both servers, one request at a time, after a warm-up pass;
prints p50/p95 per page and server and the ratios (after/before, department user/anonymous).
Budgets (issue 17): home 100 ms, search 150 ms, dataset 150 ms (staff ≤ 1.2× anonymous),
API search 50 ms, supervision and evaluation 1 s. Asserts nothing.

Usage (bench/load.py run first):
  .venv/bin/python bench/pages.py [--repeat 20] [--before e782dd3^]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INI = ROOT / ".dev" / "test-benchload.ini"
USERS = ROOT / ".dev" / "bench-load.json"
PORTS = {"before": 5191, "after": 5192}
Q = urllib.parse.quote("人口")
BUDGET_MS = {"home": 100, "search": 150, "search 人口": 150, "dataset": 150, "organization": 150,
             "API search": 50, "supervision": 1000, "evaluation": 1000, "DCAT page": 250,
             "DCAT page 500": 250}
# the product's setting (config/ and docker/ set it; test.ini, which the bench env copies, not)
PRODUCT_SETTINGS = {"ckanext.dazhou.dcat_cache_seconds": "86400"}


def pages(dataset: str) -> list[tuple[str, str, str]]:
    """(page, path, who): who is anonymous, staff (a department member) or bureau."""
    found = [("home", "/"), ("search", "/dataset/"), ("search 人口", f"/dataset/?q={Q}"),
             ("dataset", f"/dataset/{dataset}"), ("organization", "/organization/bench-dept-00"),
             ("API search", f"/api/3/action/package_search?q={Q}&rows=20")]
    listed = [(page, path, who) for page, path in found for who in ("anonymous", "staff")]
    return listed + [("supervision", "/dashboard/supervision", "bureau"),
                     ("evaluation", "/dashboard/evaluation", "bureau"),
                     ("DCAT page", "/catalog.ttl", "anonymous"),
                     ("DCAT page 500", "/catalog.ttl?page=500", "anonymous")]  # a crawl's middle


def _product_ini(work: Path) -> Path:
    """The bench env's config with the product's settings that test.ini leaves off."""
    lines = [line for line in INI.read_text().splitlines()
             if line.split("=")[0].strip() not in PRODUCT_SETTINGS]
    at = lines.index("[app:main]") + 1
    lines[at:at] = [f"{key} = {value}" for key, value in PRODUCT_SETTINGS.items()]
    path = work / "bench-product.ini"
    path.write_text("\n".join(lines) + "\n")
    return path


# the "before" server's entry point: the editable install maps ckanext.dazhou to the working
# tree, so the old copy is mapped in its place before CKAN imports any plugin
SHIM = """
import __editable___dazhou_catalog_0_1_0_finder as finder
NEW, OLD = {new!r}, {old!r}
finder.MAPPING = {{k: v.replace(NEW, OLD) for k, v in finder.MAPPING.items()}}
finder.NAMESPACES = {{k: [p.replace(NEW, OLD) for p in v] for k, v in finder.NAMESPACES.items()}}
from ckanext.dazhou.wsgi import application
"""


def _start(name: str, port: int, old_tree: Path | None, work: Path) -> subprocess.Popen:
    env = dict(os.environ, CKAN_INI=str(_product_ini(work)))
    ini = ROOT / "config/uwsgi.ini"
    if old_tree:
        (work / "before_wsgi.py").write_text(SHIM.format(new=str(ROOT / "ckanext-dazhou"),
                                                         old=str(old_tree)))
        # the same uWSGI settings with the shim as the module (UWSGI_MODULE would not replace
        # the file's module line)
        text = ini.read_text().replace("module = ckanext.dazhou.wsgi:application",
                                       f"module = before_wsgi:application\npythonpath = {work}")
        ini = work / "uwsgi-before.ini"
        ini.write_text(text)
    return subprocess.Popen(
        [str(ROOT / ".venv/bin/uwsgi"), "--ini", str(ini),
         "--http", f"127.0.0.1:{port}", "--virtualenv", str(ROOT / ".venv")],
        env=env, stdout=open(work / f"{name}.log", "w"), stderr=subprocess.STDOUT,
        start_new_session=True)


def _get(port: int, path: str, token: str | None) -> float:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                     headers={"Authorization": token} if token else {})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    elapsed = (time.perf_counter() - start) * 1000
    if status != 200:
        raise RuntimeError(f"{path} answered {status} on port {port}")
    return elapsed


def _wait(port: int) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            _get(port, "/api/3/action/status_show", None)
            return
        except (OSError, RuntimeError):
            time.sleep(1)
    raise SystemExit(f"uWSGI on {port} did not start (see its log)")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _open_dataset() -> str:
    from ckan.cli import CKANConfigLoader
    from ckan.config.environment import load_environment
    load_environment(CKANConfigLoader(str(INI)).get_config())
    import sqlalchemy as sa
    from ckan import model
    name = model.Session.execute(sa.text(
        "SELECT p.name FROM package p JOIN \"group\" g ON g.id = p.owner_org "
        "WHERE g.name = 'bench-dept-00' AND p.state = 'active' "
        "AND p.extras->>'open_type' = 'open' ORDER BY p.name LIMIT 1")).scalar_one()
    count = model.Session.execute(sa.text(
        "SELECT count(*) FROM package WHERE type = 'dataset' AND state = 'active'")).scalar_one()
    print(f"catalog: {count:,} datasets; dataset page: {name}")
    return name


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3,
                        help="unmeasured passes first: each of uWSGI's processes compiles its "
                             "templates and loads its profiles on its own first requests")
    parser.add_argument("--before", default="e782dd3^",
                        help="commit whose ckanext-dazhou serves 'before' ('' to skip)")
    args = parser.parse_args(argv)
    tokens = json.loads(USERS.read_text())
    token_of = {"anonymous": None, "staff": tokens["bench-staff"],
                "bureau": tokens["bench-bureau"]}
    listed = pages(_open_dataset())
    work = Path(tempfile.mkdtemp(prefix="dazhou-pages-"))
    servers = {}
    if args.before:
        subprocess.run(f"git -C {ROOT} archive {args.before} ckanext-dazhou | tar -x -C {work}",
                       shell=True, check=True)
        servers["before"] = _start("before", PORTS["before"], work / "ckanext-dazhou", work)
    servers["after"] = _start("after", PORTS["after"], None, work)
    try:
        for name in servers:
            _wait(PORTS[name])
        times: dict[tuple[str, str, str], list[float]] = {}
        for rep in range(args.warmup + args.repeat):
            for page, path, who in listed:
                for name in servers:
                    elapsed = _get(PORTS[name], path, token_of[who])
                    if rep >= args.warmup:
                        times.setdefault((name, page, who), []).append(elapsed)
        print(f"\n{args.repeat} requests each, 1 client, uWSGI (config/uwsgi.ini); ms")
        print(f"{'page':<15}{'who':<11}" + "".join(f"{n + ' p50':>12}{n + ' p95':>12}" for n in servers)
              + f"{'after/before p50':>18}{'budget':>8}")
        for page, _path, who in listed:
            row = f"{page:<15}{who:<11}"
            for name in servers:
                values = times[(name, page, who)]
                row += f"{statistics.median(values):12.1f}{_p95(values):12.1f}"
            if "before" in servers:
                row += f"{statistics.median(times[('after', page, who)]) / statistics.median(times[('before', page, who)]):18.2f}"
            row += f"{BUDGET_MS[page]:8d}"
            print(row)
        print("\ndepartment user / anonymous (p50):")
        for page in dict.fromkeys(p for p, _x, who in listed if who == "staff"):
            ratios = [f"{name} {statistics.median(times[(name, page, 'staff')]) / statistics.median(times[(name, page, 'anonymous')]):.2f}×"
                      for name in servers]
            print(f"  {page:<14}" + "  ".join(ratios))
    finally:
        for server in servers.values():
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
