"""Benchmark: the DataStore (issue 15): loading, searching and the access check, in one run.

Usage (services running):  .venv/bin/python bench/datastore.py [--rows 1000000] [--queries 50]
Uses a private environment (scripts/test-env.sh benchds: its own CKAN, Solr core and
DataStore databases). Prints its figures; asserts nothing.

1. load: a generated CSV of ROWS rows (7 columns, Chinese headers and values, UTF-8) uploaded
   to a resource and loaded by our job (datastore/load.py: whole-file check, UTF-8 copy,
   xloader's COPY, indexes): seconds, rows/s, the process's peak resident memory.
2. datastore_search at that size: p50/p95 of QUERIES calls with a filter on a column, and
   with full text, as the bureau (no check) and as the public (the rule applied).
3. the access check alone (datastore/access.py decide + the auth function) per call:
   bureau, public on open data, a department on unconditional data, a department with a
   share grant on conditional data, a department refused (no grant).
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import random
import resource as rlimit
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTIES = ["通川区", "达川区", "宣汉县", "开江县", "大竹县", "渠县", "万源市"]
TRADES = ["批发和零售业", "制造业", "建筑业", "住宿和餐饮业", "交通运输业", "信息技术服务业"]


def write_csv(path: str, rows: int) -> None:
    rnd = random.Random(15)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["序号", "区县", "街道", "企业名称", "行业", "注册资本（万元）", "成立日期"])
        for i in range(1, rows + 1):
            county = COUNTIES[i % len(COUNTIES)]
            out.writerow([i, county, f"{county}第{i % 40 + 1}街道", f"达州市某某{i}有限公司",
                          TRADES[i % len(TRADES)], f"{rnd.randint(10, 50000)}.00",
                          f"20{10 + i % 16:02d}-{i % 12 + 1:02d}-{i % 28 + 1:02d}"])


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"p50 {statistics.median(ordered) * 1000:.1f} ms / p95 {p95 * 1000:.1f} ms"


def per_call(fn, n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()
    ini = subprocess.run([str(ROOT / "scripts/test-env.sh"), "benchds"], check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(ini))
    flask_app = getattr(app, "_wsgi_app", app)
    with flask_app.test_request_context():
        run(args, flask_app)


def run(args, flask_app) -> None:
    import ckan.plugins.toolkit as tk
    from ckan import model
    from ckan.tests import factories, helpers
    from werkzeug.datastructures import FileStorage

    from ckanext.dazhou.access import grants
    from ckanext.dazhou.access.roles import PUBLIC, viewer_for
    from ckanext.dazhou.datastore import access, load
    from ckanext.dazhou.tests.factories import (
        create_dataset, create_department, department_user, site_context)

    tk.config["ckanext.dazhou.datastore_max_mb"] = 2000
    tk.config["ckan.max_resource_size"] = 2000  # MB; CKAN refuses uploads over 10 MB by default
    tk.config["ckan.storage_path"] = tempfile.mkdtemp(prefix="benchds-")
    codes = random.SystemRandom().sample(range(1000, 5000), 3)  # a rerun adds new departments
    owner, other, granted_org = (create_department(f"5117{c:04d}") for c in codes)
    run_id = codes[0]  # names of this run's datasets (the environment keeps earlier runs')
    open_ds = create_dataset(owner_org=owner["id"], name=f"bench-open-{run_id}")
    cond_ds = create_dataset(owner_org=owner["id"], share_type="conditional",
                             share_conditions="仅限政务用途", open_type="closed",
                             name=f"bench-cond-{run_id}")
    uncond_ds = create_dataset(owner_org=owner["id"], open_type="closed",
                               name=f"bench-uncond-{run_id}")
    grants.create("share", cond_ds["id"], "organization", granted_org["id"], "bench")
    model.Session.commit()

    path = tempfile.mktemp(suffix=".csv")
    write_csv(path, args.rows)
    size_mb = os.path.getsize(path) / 1048576
    with open(path, "rb") as handle:
        res = helpers.call_action("resource_create", site_context(), package_id=open_ds["id"],
                                  name="企业名录", format="csv",
                                  upload=FileStorage(handle, filename="data.csv"))
    os.unlink(path)
    rss_before = rlimit.getrusage(rlimit.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    state = load.load_resource(res["id"])
    seconds = time.perf_counter() - start
    rss_after = rlimit.getrusage(rlimit.RUSAGE_SELF).ru_maxrss / 1024
    print(f"load: {args.rows:,} rows, {size_mb:.1f} MB CSV, {state}, {seconds:.1f} s, "
          f"{args.rows / seconds:,.0f} rows/s, peak RSS {rss_after:.0f} MB "
          f"(before the load {rss_before:.0f} MB)")

    public_ctx = {"user": "", "ignore_auth": False}
    bureau_ctx = {"user": factories.Sysadmin()["name"], "ignore_auth": False}
    rnd = random.Random(1)
    for label, ctx in (("bureau", bureau_ctx), ("public", public_ctx)):
        for kind, params in (
                ("filter", lambda: {"filters": {"区县": rnd.choice(COUNTIES),
                                                "行业": rnd.choice(TRADES)}}),
                ("full text", lambda: {"q": f"达州市某某{rnd.randint(1, args.rows)}有限公司"})):
            samples = []
            for _ in range(args.queries):
                query = params()
                t0 = time.perf_counter()
                helpers.call_action("datastore_search", dict(ctx), resource_id=res["id"],
                                    limit=100, **query)
                samples.append(time.perf_counter() - t0)
            print(f"datastore_search {kind:9} as {label:6}: {percentiles(samples)}")

    cond_res = helpers.call_action("resource_create", site_context(), package_id=cond_ds["id"],
                                   name="r", url="https://data.dazhou.gov.cn/r.csv",
                                   format="csv")["id"]
    uncond_res = helpers.call_action("resource_create", site_context(),
                                     package_id=uncond_ds["id"], name="r",
                                     url="https://data.dazhou.gov.cn/u.csv", format="csv")["id"]
    granted_user = model.User.get(department_user(granted_org, "member")["name"])
    other_user = model.User.get(department_user(other, "member")["name"])
    cases = {
        "bureau": (viewer_for(model.User.get(bureau_ctx["user"])), res["id"]),
        "public, open data": (PUBLIC, res["id"]),
        "department, unconditional": (viewer_for(other_user), uncond_res),
        "department with grant": (viewer_for(granted_user), cond_res),
        "department refused": (viewer_for(other_user), cond_res),
    }
    n = 300
    for label, (viewer, rid) in cases.items():
        cost = per_call(lambda: access.decide(viewer, [rid]), n)
        allowed = access.decide(viewer, [rid])[rid].allowed
        print(f"access check {label:27}: {cost * 1e6:7.0f} µs per call (allowed={allowed})")
    search_open = per_call(lambda: helpers.call_action(
        "datastore_search", dict(public_ctx), resource_id=res["id"], limit=1), 50)
    search_bureau = per_call(lambda: helpers.call_action(
        "datastore_search", dict(bureau_ctx), resource_id=res["id"], limit=1), 50)
    print(f"datastore_search limit=1: public (checked) {search_open * 1000:.1f} ms, "
          f"bureau (no check) {search_bureau * 1000:.1f} ms per call")


if __name__ == "__main__":
    sys.exit(main())
