"""Benchmark: search and suggestion speed, and index size, before and after issue 12's analysis.

Two private Solr cores are filled with the same generated catalog, straight through Solr's
update API with documents shaped like CKAN's index documents (the fields index_package
sends, data_dict included), because loading through the action API takes hours at 10^5:
- `bench_search_old`: the Solr config before issue 12 (solr/conf at BASE below), documents as
  CKAN 2.12 indexes them;
- `bench_search_new`: today's solr/conf and make_schema.py, documents passed through the
  plugin's before_dataset_index (normalised text, pinyin fields, suggestion keys).
The same queries then run through the real package_search action (our plugin chain, as an
anonymous visitor): before = old core with the query rewriting switched off, after = new core
with it on. Suggestions (dazhou_suggest) are timed on the new core.

Usage (services running):  .venv/bin/python bench/search.py [--sizes 10000,100000] [--repeat 3]
Prints p50/p95 per phase and index size per core; asserts nothing. Issue 12's target: the new
analysis costs at most 1.3x today's p95.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
BASE = "33c2c36^"  # the commit before issue 12's search work
SOLR = "http://127.0.0.1:8983/solr"
SOLR_HOME = ROOT / ".dev" / "solr"
CORES = {"old": "bench_search_old", "new": "bench_search_new"}
BATCH = 1000

PLACES = ["达州市", "通川区", "达川区", "万源市", "宣汉县", "开江县", "大竹县", "渠县"]
TOPICS = ["人口普查", "户籍人口", "社会保险参保", "医疗保障", "住房公积金", "公共租赁住房", "最低生活保障",
          "驾驶证", "机动车登记", "市场主体登记", "营业执照", "企业信用", "医疗机构", "药品零售",
          "学籍", "中小学校", "幼儿园", "空气质量", "水质监测", "公共停车场", "公交线路", "道路运输",
          "失业保险金", "养老保险", "工伤保险", "土地出让", "不动产登记", "建设工程", "农村集体经济",
          "旅游景区", "文物保护", "体育场馆", "食品安全抽检", "特种设备", "安全生产", "应急避难场所",
          "林地资源", "矿产资源", "地质灾害隐患点", "统计年鉴", "国民经济", "财政收支", "政府采购"]
KINDS = ["名录", "信息", "数据", "统计", "台账", "目录", "月报", "年报", "清单", "明细"]
NOTES = ["按月更新的{t}{k}，覆盖全市各县区。", "{p}{t}相关数据，供部门共享使用。",
         "包括{t}的基本情况、变更记录和统计汇总。", "{p}各部门报送的{t}{k}。"]
OPEN_TYPES = ["open"] * 6 + ["conditional"] * 2 + ["closed"] * 2

QUERIES = [
    "人口普查数据", "医疗机构名录", "公共停车场收费", "失业保险金发放", "社保", "医保", "公租房", "低保",
    "公积金", "驾照", "户口", "营业执照", "renkou", "shebao", "gongjijin", "rk", "sb", "gjj",
    "達州 人口 統計", "户藉", "养老保线", "ＧＤＰ统计", "渠县 学籍 信息", "达州 空气质量", "空气质量",
    "学籍", "不动产登记", "统计年鉴", "企业信用信息", "旅游景区名录", "公交线路", "地质灾害",
    "食品安全", "宣汉县 医疗机构", "万源市 养老保险 月报", "信息", "数据", "政府采购 明细",
    "特种设备 清单", "没有这样的数据集",
]
SUGGEST_PREFIXES = ["人", "人口", "人口普", "社", "社会保", "空气", "渠县", "r", "re", "ren", "renk",
                    "renkou", "sh", "shebao", "gjj", "rk", "kqzl", "yy", "xuej", "达州市"]


def _percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)]
    return statistics.median(ordered) * 1000, p95 * 1000


def _git_show(path: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), "show", f"{BASE}:{path}"], check=True,
                          capture_output=True, text=True).stdout


def _make_core(kind: str) -> str:
    """(Re)create the core with the old or new configuration; returns its URL."""
    name = CORES[kind]
    requests.get(f"{SOLR}/admin/cores", params={"action": "UNLOAD", "core": name,
                                                "deleteInstanceDir": "true"}, timeout=60)
    conf = SOLR_HOME / name / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT / "solr"))
    import make_schema

    import ckan
    ckan_schema = (Path(ckan.__file__).parent / "config/solr/schema.xml").read_text(encoding="utf-8")
    if kind == "old":
        for file in ("solrconfig.xml", "protwords.txt", "synonyms.txt"):
            (conf / file).write_text(_git_show(f"solr/conf/{file}"), encoding="utf-8")
        with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False, encoding="utf-8") as old:
            old.write(_git_show("solr/conf/chinese-text-types.xml"))
        make_schema.REPLACEMENTS, saved = Path(old.name), make_schema.REPLACEMENTS
        try:
            schema = make_schema.chinese_schema(ckan_schema)
        finally:
            make_schema.REPLACEMENTS = saved
    else:
        for file in ("solrconfig.xml", "protwords.txt", "synonyms.txt"):
            (conf / file).write_text((ROOT / "solr/conf" / file).read_text(encoding="utf-8"), encoding="utf-8")
        schema = make_schema.with_suggest_fields(make_schema.with_search_fields(make_schema.chinese_schema(ckan_schema)))
    (conf / "schema.xml").write_text(schema, encoding="utf-8")
    response = requests.get(f"{SOLR}/admin/cores", params={"action": "CREATE", "name": name,
                                                          "instanceDir": name}, timeout=120)
    response.raise_for_status()
    return f"{SOLR}/{name}"


def _dataset(i: int, rng: random.Random) -> dict:
    """One catalog entry as package_show would give it."""
    place, topic, kind = rng.choice(PLACES), rng.choice(TOPICS), rng.choice(KINDS)
    year = 2015 + i % 11
    title = f"{place}{year}年{topic}{kind}"
    open_type = rng.choice(OPEN_TYPES)
    org = i % 40
    return {
        "id": f"bench-{i}", "name": f"bench-{i}", "title": title, "type": "dataset", "state": "active",
        "notes": rng.choice(NOTES).format(p=place, t=topic, k=kind),
        "owner_org": f"bench-org-{org}", "private": open_type == "closed",
        "organization": {"id": f"bench-org-{org}", "name": f"bench-org-{org}", "title": f"部门{org}"},
        "tags": [{"name": topic}, {"name": place}], "resources": [],
        "open_type": open_type, "share_type": "unconditional", "resource_category": "departmental",
        "update_cycle": "monthly", "metadata_created": "2026-01-01T00:00:00",
        "metadata_modified": "2026-06-01T00:00:00",
    }


def _index_doc(pkg: dict, site_id: str) -> dict:
    """The document CKAN's index_package sends (ckan/lib/search/index.py), for our fields."""
    labels = ["dazhou-staff", "dazhou-bureau", f"dazhou-org-{pkg['owner_org']}"]
    if pkg["open_type"] in ("open", "conditional"):
        labels.append("public")
    return {
        "id": pkg["id"], "name": pkg["name"], "title": pkg["title"], "title_string": pkg["title"],
        "notes": pkg["notes"], "tags": [t["name"] for t in pkg["tags"]], "organization": pkg["organization"]["name"],
        "owner_org": pkg["owner_org"], "capacity": "private" if pkg["private"] else "public",
        "state": "active", "entity_type": "package", "dataset_type": "dataset", "site_id": site_id,
        "open_type": pkg["open_type"], "share_type": pkg["share_type"],
        "resource_category": pkg["resource_category"], "update_cycle": pkg["update_cycle"],
        "metadata_created": pkg["metadata_created"] + "Z", "metadata_modified": pkg["metadata_modified"] + "Z",
        "num_resources": 0, "num_tags": len(pkg["tags"]),
        "index_id": hashlib.md5(f"{pkg['id']}{site_id}".encode()).hexdigest(),
        "data_dict": json.dumps(pkg, ensure_ascii=False),
        "validated_data_dict": json.dumps(pkg, ensure_ascii=False),
        "permission_labels": labels,
    }


def _fill(size: int, urls: dict[str, str]) -> dict[str, float]:
    import pysolr

    import ckan.plugins as p
    import ckan.plugins.toolkit as tk
    site_id = tk.config.get("ckan.site_id")
    plugin = p.get_plugin("dazhou")
    rng = random.Random(12)
    conns = {kind: pysolr.Solr(url, timeout=300) for kind, url in urls.items()}
    batches: dict[str, list] = {"old": [], "new": []}
    seconds = {"old": 0.0, "new": 0.0}
    for i in range(size):
        doc = _index_doc(_dataset(i, rng), site_id)
        batches["old"].append(doc)
        start = time.perf_counter()
        tk.config["solr_url"] = urls["new"]  # the suggestion keys look at the core they go to
        batches["new"].append(plugin.before_dataset_index(dict(doc)))
        seconds["new"] += time.perf_counter() - start
        if len(batches["old"]) == BATCH or i == size - 1:
            for kind, conn in conns.items():
                start = time.perf_counter()
                conn.add(batches[kind], commit=False)
                seconds[kind] += time.perf_counter() - start
                batches[kind] = []
    for kind, conn in conns.items():
        start = time.perf_counter()
        conn.commit()
        seconds[kind] += time.perf_counter() - start
    return seconds


def _core_size(name: str) -> tuple[int, int]:
    status = requests.get(f"{SOLR}/admin/cores", params={"action": "STATUS", "core": name}, timeout=60).json()
    index = status["status"][name]["index"]
    return index["numDocs"], index["sizeInBytes"]


def _time_searches(repeat: int) -> tuple[list[float], list[int]]:
    import ckan.plugins.toolkit as tk
    search = tk.get_action("package_search")
    times, counts = [], []
    for q in QUERIES:  # warm the caches as a running site has them
        search({"user": ""}, {"q": q, "rows": 20, "include_private": True})
    for _ in range(repeat):
        for q in QUERIES:
            start = time.perf_counter()
            result = search({"user": ""}, {"q": q, "rows": 20, "include_private": True})
            times.append(time.perf_counter() - start)
            counts.append(result["count"])
    return times, counts[:len(QUERIES)]


def _time_suggestions(repeat: int) -> list[float]:
    import ckan.plugins.toolkit as tk
    suggest = tk.get_action("dazhou_suggest")
    times = []
    for q in SUGGEST_PREFIXES:
        suggest({"user": ""}, {"q": q})
    for _ in range(repeat * 2):
        for q in SUGGEST_PREFIXES:
            start = time.perf_counter()
            suggest({"user": ""}, {"q": q})
            times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ini = subprocess.run([str(ROOT / "scripts/test-env.sh"), "benchsearch"], check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    from ckan.cli import CKANConfigLoader
    from ckan.config.environment import load_environment
    load_environment(CKANConfigLoader(ini).get_config())
    import ckan.plugins.toolkit as tk
    from ckanext.dazhou.search import hooks

    rewrite = hooks.before_search
    for size in map(int, args.sizes.split(",")):
        urls = {kind: _make_core(kind) for kind in CORES}
        print(f"\n== {size:,} datasets")
        seconds = _fill(size, urls)
        for kind in CORES:
            docs, size_bytes = _core_size(CORES[kind])
            print(f"index {kind}: {docs:,} docs, {size_bytes / 2**20:7.1f} MiB, "
                  f"generated and sent in {seconds[kind]:6.1f} s")
        results = {}
        for kind in ("old", "new"):
            tk.config["solr_url"] = urls[kind]
            hooks.before_search = rewrite if kind == "new" else (lambda params: params)
            times, counts = _time_searches(args.repeat)
            results[kind] = _percentiles(times)
            empty = sum(1 for c in counts if c == 0)
            print(f"package_search {kind}: p50 {results[kind][0]:6.1f} ms  p95 {results[kind][1]:6.1f} ms "
                  f"({len(times)} searches, {empty} of {len(QUERIES)} queries without result)")
        hooks.before_search = rewrite
        print(f"p95 new / old: {results['new'][1] / results['old'][1]:.2f}x (target at most 1.3x)")
        tk.config["solr_url"] = urls["new"]
        p50, p95 = _percentiles(_time_suggestions(args.repeat))
        print(f"dazhou_suggest new: p50 {p50:6.1f} ms  p95 {p95:6.1f} ms")
    for name in CORES.values():
        requests.get(f"{SOLR}/admin/cores", params={"action": "UNLOAD", "core": name,
                                                    "deleteInstanceDir": "true"}, timeout=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
