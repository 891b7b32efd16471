"""Benchmark and builder: a catalog of N datasets through the action API (issue 17).

Usage (services running):
  .venv/bin/python bench/load.py [--datasets 100000] [--workers 2] [--baseline 100] [--fresh]

Builds into the private environment `benchload` (scripts/test-env.sh: database
ckan_test_benchload, Solr core ckan_benchload, .dev/test-benchload.ini), never the dev site, and
leaves it there for bench/pages.py and the other benchmarks (it tops up to N; --fresh empties it).

Every dataset goes through package_create with the whole plugin chain (schema, catalog rules,
names, resource codes, activities, the index hook): no SQL past our rules. Realistic texts:
place × government topic × kind × year titles and descriptions, 2-6 data items, 1-3 resources;
every combination of share type, open type, update cycle, security level and share methods the
rules allow, 40 departments.

Phases, each printing datasets/s:
  1. "before": one process, CKAN's default ckan.search.solr_commit = true (a hard Solr commit
     per create, as the site ran before issue 17);
  2. "after": solr_commit = false (Solr's 1-second soft commit makes them searchable),
     `return_id_only` in the context (no package_show of what was just written) and
     --workers processes creating side by side, each its own database connection
     (--after datasets, or --minutes; the next run tops up);
  3. "bulk": the rest through the documented bulk command, `ckan dazhou bulk create
     FILE.jsonl --part K/N` in --workers processes (package_create per dataset, a batch per
     transaction and index pass).
Prints the index size per dataset at the end. Users for the page benchmark (a department
member and a bureau member, API tokens) are written to .dev/bench-load.json.
"""
from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = "benchload"
DEPARTMENTS = 40
USERS_FILE = ROOT / ".dev" / "bench-load.json"

PLACES = ("达州市", "通川区", "达川区", "万源市", "宣汉县", "开江县", "大竹县", "渠县")
# (topic, category, sub-category, data items)
TOPICS = (
    ("户籍人口", "basic", "population", ("公民身份号码", "姓名", "户籍地址")),
    ("流动人口登记", "basic", "population", ("姓名", "居住地址", "登记日期")),
    ("市场主体登记", "basic", "legal_person", ("统一社会信用代码", "企业名称", "法定代表人")),
    ("社会组织", "basic", "legal_person", ("组织名称", "登记机关", "成立日期")),
    ("不动产登记", "basic", "natural_resources_geospatial", ("不动产单元号", "坐落", "面积")),
    ("土地利用现状", "basic", "natural_resources_geospatial", ("图斑编号", "地类", "面积")),
    ("营业执照电子证照", "basic", "e_license", ("证照编号", "持证主体", "有效期")),
    ("信用红黑名单", "basic", "social_credit", ("主体名称", "名单类型", "列入日期")),
    ("医疗机构", "thematic", "health_security", ("机构名称", "机构等级", "床位数")),
    ("城乡居民医保参保", "thematic", "health_security", ("参保人数", "缴费档次", "统计月份")),
    ("养老保险待遇发放", "thematic", "social_security", ("发放人数", "发放金额", "发放月份")),
    ("失业保险金申领", "thematic", "social_security", ("申领人数", "申领金额", "统计月份")),
    ("食品生产许可", "thematic", "food_drug_safety", ("许可证编号", "生产者名称", "食品类别")),
    ("药品零售企业", "thematic", "food_drug_safety", ("企业名称", "经营范围", "许可证号")),
    ("安全生产行政处罚", "thematic", "work_safety", ("处罚决定书文号", "被处罚单位", "处罚金额")),
    ("重点商品价格监测", "thematic", "price_regulation", ("商品名称", "规格", "价格")),
    ("成品油供应", "thematic", "energy_security", ("加油站名称", "油品", "销量")),
    ("建设工程规划许可", "thematic", "urban_rural_construction", ("项目名称", "建设单位", "建筑面积")),
    ("城镇老旧小区改造", "thematic", "urban_rural_construction", ("小区名称", "改造内容", "投资额")),
    ("社区网格员", "thematic", "community_governance", ("网格编号", "网格员姓名", "所属社区")),
    ("空气质量监测", "thematic", "ecology_environment", ("监测点位", "PM2.5浓度", "AQI")),
    ("地表水水质", "thematic", "ecology_environment", ("断面名称", "水质类别", "监测时间")),
    ("应急避难场所", "thematic", "emergency_stability", ("场所名称", "容纳人数", "地址")),
    ("自然灾害灾情", "thematic", "emergency_stability", ("灾害类型", "受灾人口", "直接经济损失")),
    ("义务教育学校", "departmental", None, ("学校名称", "在校生数", "教职工数")),
    ("公共文化场馆", "departmental", None, ("场馆名称", "开放时间", "地址")),
    ("农业经营主体", "departmental", None, ("主体名称", "经营类型", "经营规模")),
    ("公交线路站点", "departmental", None, ("线路名称", "站点名称", "首末班时间")),
    ("政务服务事项", "departmental", None, ("事项名称", "实施主体", "办理时限")),
    ("财政预算执行", "departmental", None, ("科目名称", "预算数", "执行数")),
)
KINDS = ("名录", "登记信息", "统计月报", "年度统计", "台账", "许可信息", "监测数据", "汇总表")
SHARE_TYPES = ("unconditional", "conditional", "none")
OPEN_TYPES = ("open", "conditional", "closed")
CYCLES = ("realtime", "daily", "weekly", "monthly", "quarterly", "semiannual", "annual",
          "irregular")
SECURITY = ("public", "sensitive", "classified")
METHODS = (("file",), ("table",), ("api",), ("file", "table"), ("api", "file"),
           ("api", "table", "file"))
FORMATS = ("csv", "xlsx", "pdf", "ofd", "mysql", "dm", "shp", "docx")
COMBINATIONS = list(itertools.product(SHARE_TYPES, OPEN_TYPES, CYCLES, SECURITY, METHODS))


def dataset(i: int, orgs: list[str]) -> dict:
    """The i-th dataset: walks every attribute combination; fixes what the rules demand."""
    share, open_type, cycle, security, methods = COMBINATIONS[i % len(COMBINATIONS)]
    topic, category, sub, items = TOPICS[i % len(TOPICS)]
    place, kind = PLACES[(i // 7) % len(PLACES)], KINDS[(i // 11) % len(KINDS)]
    year = 2015 + (i // 13) % 12
    methods = list(methods)
    if security == "classified":
        open_type = "closed"  # Art. 26: never opened
    if cycle in ("realtime", "daily") and "api" not in methods:
        methods.append("api")  # Art. 19
    title = f"{place}{topic}{kind}（{year}年）"
    data = {
        "name": f"bench-{i}", "title": title, "owner_org": orgs[i % len(orgs)],
        "notes": (f"{place}{year}年{topic}{kind}，由主管部门按{len(items)}项数据项汇总整理，"
                  f"用于{topic}相关业务办理、统计分析和政务服务。数据经审核后定期更新。"),
        "tags": [{"name": t} for t in (topic, place, kind)], "resource_category": category,
        "share_type": share, "share_methods": methods, "open_type": open_type,
        "update_cycle": cycle, "security_level": security,
        "confidentiality_review": "passed", "confidentiality_reviewer": "李明",
        "confidentiality_review_date": "2026-01-05", "published_date": f"{year}-03-01",
        "data_items": [{"name": name, "code": "", "data_type": "C", "length": "100",
                        "description": f"{name}（{topic}）", "authoritative": False}
                       for name in items[: 2 + i % 2]],
        "resources": [{"name": f"{title}（{n + 1}）", "description": f"{topic}{kind}数据文件",
                       "url": f"https://data.dazhou.gov.cn/files/bench/{i}/{n}.dat",
                       "format": FORMATS[(i + n) % len(FORMATS)]} for n in range(1 + i % 3)],
    }
    if sub:
        data["resource_subcategory"] = sub
    if share == "conditional":
        data["share_conditions"] = "仅限政务部门履职使用，须签订数据安全协议。"
    if share == "none":
        data.update(non_share_basis_type="law", non_share_basis="《中华人民共和国个人信息保护法》")
    if open_type == "conditional":
        data["open_conditions"] = "科研和公共服务用途，经审核并签署数据使用承诺书。"
    if "api" in methods:
        data.update(api_description="HTTPS+JSON 接口，经共享交换平台授权后调用。",
                    api_endpoint=f"https://data.dazhou.gov.cn/api/gateway/bench/{i}/v1")
    return data


def _environment(fresh: bool) -> str:
    ini = subprocess.run([str(ROOT / "scripts/test-env.sh"), ENV], check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    if fresh:
        venv = ROOT / ".venv/bin/ckan"
        subprocess.run([str(venv), "-c", ini, "db", "clean", "--yes"], check=True,
                       capture_output=True)
        ini = subprocess.run([str(ROOT / "scripts/test-env.sh"), ENV], check=True,
                             capture_output=True, text=True).stdout.strip().splitlines()[-1]
        subprocess.run([str(venv), "-c", ini, "search-index", "clear"], check=True,
                       capture_output=True)
    return ini


def _load(ini: str):
    from ckan.cli import CKANConfigLoader
    from ckan.config.middleware import make_app
    return make_app(CKANConfigLoader(ini).get_config())


def _site():
    import ckan.plugins.toolkit as tk
    user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": user["name"], "ignore_auth": True}


def _departments_and_users() -> list[str]:
    import ckan.plugins.toolkit as tk
    from ckan import model
    site = _site()
    orgs = []
    for n in range(DEPARTMENTS + 1):
        name = "dz-dsjj" if n == DEPARTMENTS else f"bench-dept-{n:02d}"
        group = model.Group.get(name)
        if group is None:
            group_dict = tk.get_action("organization_create")(dict(site), {
                "name": name, "title": "达州市大数据局" if n == DEPARTMENTS else f"达州市第{n + 1}部门",
                "extras": [{"key": "department_code", "value": f"{51190000 + n}"}]})
            group_id = group_dict["id"]
        else:
            group_id = group.id
        if n < DEPARTMENTS:
            orgs.append(group_id)
    users = {}
    for name, org in (("bench-staff", "bench-dept-00"), ("bench-bureau", "dz-dsjj")):
        if model.User.get(name) is None:
            tk.get_action("user_create")(dict(site), {
                "name": name, "email": f"{name}@example.gov.cn", "password": "Bench-pass-2026!"})
            tk.get_action("organization_member_create")(dict(site), {
                "id": org, "username": name, "role": "member"})
        token = tk.get_action("api_token_create")(dict(site), {"user": name, "name": "bench"})
        users[name] = token["token"]
    USERS_FILE.write_text(json.dumps(users, indent=1))
    return orgs


def _create(indices, orgs, solr_commit: bool, deadline: float = float("inf"),
            id_only: bool = False) -> tuple[int, list[str]]:
    import ckan.plugins.toolkit as tk
    tk.config["ckan.search.solr_commit"] = solr_commit
    site, done, refused = _site(), 0, []
    # return_id_only: the bulk caller needs no package_show of what it just wrote
    site["return_id_only"] = id_only
    for i in indices:
        if time.monotonic() > deadline:
            break
        try:
            tk.get_action("package_create")(dict(site), dataset(i, orgs))
            done += 1
        except tk.ValidationError as error:
            refused.append(f"bench-{i}: {error.error_dict}")
    return done, refused


def _worker(ini, indices, orgs, queue, deadline):
    from ckan import model
    model.meta.engine.dispose()  # the parent's connections stay the parent's
    app = _load(ini)
    with app._wsgi_app.test_request_context():
        queue.put(_create(indices, orgs, solr_commit=False, deadline=deadline, id_only=True))


def _bulk(ini: str, indices: list[int], orgs: list[str], user: str, workers: int) -> float:
    """The documented bulk command, --workers processes side by side on one JSON-lines file."""
    path = ROOT / ".dev" / "bench-load.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in indices:
            out.write(json.dumps(dataset(i, orgs), ensure_ascii=False) + "\n")
    start = time.perf_counter()
    logs = [(ROOT / ".dev" / f"bench-load-part{w}.out", ROOT / ".dev" / f"bench-load-part{w}.log")
            for w in range(workers)]
    runs = []
    for w, (out, log) in enumerate(logs):
        # files, not pipes: a part whose pipe nobody reads yet would block on its log output
        with out.open("w") as stdout, log.open("w") as stderr:
            runs.append(subprocess.Popen(
                [str(ROOT / ".venv/bin/ckan"), "-c", ini, "dazhou", "bulk", "create", str(path),
                 "--user", user, "--part", f"{w}/{workers}", "--skip-existing"],
                stdout=stdout, stderr=stderr, text=True))
    for run in runs:
        run.wait()
    seconds = time.perf_counter() - start
    created = 0
    for out, log in logs:
        lines = out.read_text().strip().splitlines()
        summary = lines[-1] if lines else ""
        print(f"  bulk part: {summary or log.read_text().strip().splitlines()[-1:]}")
        created += int(summary.split()[0]) if summary[:1].isdigit() else 0
    return _rate(f"bulk: {workers} processes, ckan dazhou bulk create", created, seconds)


def _existing() -> set[int]:
    import sqlalchemy as sa
    from ckan import model
    names = model.Session.execute(sa.text(
        "SELECT name FROM package WHERE name LIKE 'bench-%' AND type = 'dataset'")).scalars()
    return {int(n.split("-")[1]) for n in names if n.split("-")[1].isdigit()}


def _rate(label: str, count: int, seconds: float) -> float:
    rate = count / seconds if seconds else 0.0
    print(f"{label:<58} {count:7,} datasets {seconds:8.1f} s {rate:7.2f} datasets/s", flush=True)
    return rate


def _index_size(ini: str) -> None:
    import requests
    import ckan.plugins.toolkit as tk
    url = tk.config.get("solr_url")
    core = url.rstrip("/").rsplit("/", 1)[-1]
    base = url.rstrip("/").rsplit("/", 1)[0]
    requests.get(f"{url}/update", params={"commit": "true"}, timeout=120)
    status = requests.get(f"{base}/admin/cores", params={"action": "STATUS", "core": core},
                          timeout=60).json()["status"][core]["index"]
    docs, size = status["numDocs"], status["sizeInBytes"]
    print(f"Solr core {core}: {docs:,} documents, {size / 2**20:,.1f} MiB, "
          f"{size / max(docs, 1) / 1024:.1f} KiB per document")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--baseline", type=int, default=100)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--minutes", type=float, default=0,
                        help="stop the after phase after this long (0: no limit)")
    parser.add_argument("--after", type=int, default=1000,
                        help="datasets for the action-API phase; the rest go through bulk create")
    args = parser.parse_args(argv)
    ini = _environment(args.fresh)
    app = _load(ini)
    with app._wsgi_app.test_request_context():
        orgs = _departments_and_users()
        have = _existing()
        todo = [i for i in range(args.datasets) if i not in have]
        print(f"{len(have):,} datasets there, {len(todo):,} to create "
              f"({len(COMBINATIONS)} attribute combinations, {len(TOPICS)} topics)", flush=True)
        before, todo = todo[: args.baseline], todo[args.baseline:]
        todo, rest = todo[: args.after], todo[args.after:]
        site_user = _site()["user"]
        if before:
            start = time.perf_counter()
            done, refused = _create(before, orgs, solr_commit=True)
            before_rate = _rate("before: 1 process, solr_commit=true", done,
                                time.perf_counter() - start)
            for line in refused[:5]:
                print("  refused", line)
    if todo:
        from ckan import model
        model.Session.remove()
        model.meta.engine.dispose()
        queue = multiprocessing.get_context("fork").Queue()
        shares = [todo[w::args.workers] for w in range(args.workers)]
        start = time.perf_counter()
        deadline = time.monotonic() + args.minutes * 60 if args.minutes else float("inf")
        workers = [multiprocessing.get_context("fork").Process(
            target=_worker, args=(ini, share, orgs, queue, deadline)) for share in shares]
        for worker in workers:
            worker.start()
        results = [queue.get() for _ in workers]
        for worker in workers:
            worker.join()
        seconds = time.perf_counter() - start
        done = sum(r[0] for r in results)
        after_rate = _rate(f"after: {args.workers} processes, solr_commit=false, id only",
                           done, seconds)
        for line in [line for r in results for line in r[1]][:5]:
            print("  refused", line)
        if before:
            print(f"speed-up after/before: {after_rate / before_rate:.2f}×")
            print(f"extrapolated to 100,000 datasets: before {100_000 / before_rate / 3600:.1f} h, "
                  f"after {100_000 / after_rate / 60:.0f} min")
    if rest:
        from ckan import model
        model.Session.remove()  # no transaction of ours stays open (idle) beside the bulk load
        bulk_rate = _bulk(ini, rest, orgs, site_user, args.workers)
        if before:
            print(f"speed-up bulk/before: {bulk_rate / before_rate:.2f}×; "
                  f"100,000 datasets in {100_000 / bulk_rate / 60:.0f} min")
    with app._wsgi_app.test_request_context():
        _index_size(ini)
        print(f"datasets in the database: {len(_existing()):,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
