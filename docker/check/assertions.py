"""What make deploy-check asserts against the running production topology (through nginx).

Environment: DZ_BASE (nginx), DZ_TOKEN (sysadmin API token), DZ_SOLR (the two nodes' base URLs),
DZ_FEED (a provincial DCAT feed), DZ_USER/DZ_PASSWORD (a department user), DZ_WORK (pid files,
node start scripts), DZ_ADMIN (the admin app's base URL), DZ_WEBS/DZ_CONTAINERS (each web
container's own HTTP address and container name). Prints one line per check; exits 1 at the first failure.
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

BASE = os.environ["DZ_BASE"]
TOKEN = os.environ["DZ_TOKEN"]
NODES = os.environ["DZ_SOLR"].split(",")
WORK = Path(os.environ["DZ_WORK"])


def ok(message: str) -> None:
    print(f"  ok  {message}", flush=True)


def fail(message: str) -> None:
    print(f"FAIL  {message}", flush=True)
    sys.exit(1)


def get(url: str, headers: dict | None = None, data: bytes | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def action(name: str, /, token: bool = True, **params):  # positional: actions take a `name` too
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = TOKEN
    status, _, body = get(f"{BASE}/api/3/action/{name}", headers, json.dumps(params).encode())
    answer = json.loads(body)
    if not answer.get("success"):
        raise RuntimeError(f"{name}: {status} {answer.get('error')}")
    return answer["result"]


def until(what: str, check, seconds: float = 60, every: float = 1):
    deadline = time.monotonic() + seconds
    while True:
        try:
            value = check()
            if value:
                return value
        except Exception as error:  # keep polling; the last error is reported
            last = error
        else:
            last = None
        if time.monotonic() > deadline:
            fail(f"{what} (after {seconds:.0f} s{f': {last}' if last else ''})")
        time.sleep(every)


def curl_raw(path: str) -> dict:
    """curl sends the UTF-8 bytes unencoded, as a user's browser bar or script might."""
    out = subprocess.run(["curl", "-sS", "--fail", f"{BASE}{path}"], capture_output=True, check=True)
    return json.loads(out.stdout)


def pages_and_api():
    for path in ("/", "/dataset/", "/organization/", "/catalog/spreadsheet/", "/api/3/action/status_show"):
        status, headers, body = get(BASE + path)
        if status != 200:
            fail(f"GET {path} answered {status}")
        if path == "/" and "达州市公共数据开放平台" not in body.decode():
            fail("home page without the site title")
        for header in ("X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"):
            if header not in headers:
                fail(f"GET {path} without {header}")
    ok("pages and the API answer through nginx, with the security headers")


def chinese_search():
    raw = curl_raw("/api/3/action/package_search?q=人口&rows=1")["result"]["count"]
    encoded = action("package_search", token=False, q="人口", rows=1)["count"]
    percent = curl_raw("/api/3/action/package_search?q=" + urllib.parse.quote("人口") + "&rows=1")["result"]["count"]
    if not (raw == encoded == percent) or raw < 1:
        fail(f"Chinese search: raw {raw}, percent-encoded {percent}, JSON {encoded}")
    status, _, page = get(BASE + "/dataset/?q=" + urllib.parse.quote("人口"))
    if status != 200 or "人口" not in page.decode():
        fail("dataset search page for 人口")
    ok(f"Chinese search: 人口 finds {raw} (raw UTF-8, percent-encoded, JSON body, search page)")


def static_files():
    _, _, home = get(BASE + "/")
    assets = re.findall(r'(?:href|src)="(/webassets/[^"]+\.(?:css|js))"', home.decode())
    if not assets:
        fail("no webassets on the home page")
    for path in (assets[0], "/base/images/ckan-logo.png"):
        status, headers, _ = get(BASE + path, {"Accept-Encoding": "gzip"})
        if status != 200:
            fail(f"static {path}: {status}")
        if "max-age" not in headers.get("Cache-Control", ""):
            fail(f"static {path} without caching headers: {headers}")
    status, headers, _ = get(BASE + assets[0], {"Accept-Encoding": "gzip"})
    if headers.get("Content-Encoding") != "gzip" or "immutable" not in headers.get("Cache-Control", ""):
        fail(f"{assets[0]}: not gzip or not immutable: {headers}")
    ok(f"static files from nginx: {assets[0]} gzip, {headers['Cache-Control']}")


def create_and_find(label: str) -> dict:
    org = action("organization_list", all_fields=False)[0]
    word = uuid.uuid4().hex[:8]
    dataset = action("package_create", owner_org=org, title=f"部署检查数据集 {word}", notes="部署检查创建的数据集。",
                     resource_category="departmental", share_type="unconditional", share_methods=["file"],
                     open_type="open", update_cycle="monthly", security_level="public",
                     confidentiality_review="passed", confidentiality_reviewer="张三",
                     confidentiality_review_date="2026-01-05")

    def found() -> bool:  # by its name (exact) and by a word of its title, as a visitor types it
        by_name = action("package_search", token=False, fq=f'name:"{dataset["name"]}"', rows=0)["count"]
        by_word = action("package_search", token=False, q=word, rows=0)["count"]
        if by_name == by_word == 1:
            return True
        raise RuntimeError(f"by name {by_name}, by title word {by_word}")
    until(f"{label}: created dataset {dataset['name']} found by search", found, seconds=20, every=0.5)
    ok(f"{label}: a dataset created through the API is searchable (by name and by a title word)")
    return dataset


# ---- SolrCloud ------------------------------------------------------------------------------
def cluster(node: str) -> dict:
    _, _, body = get(f"{node}/admin/collections?action=CLUSTERSTATUS&collection=ckan&wt=json")
    return json.loads(body)["cluster"]


def node_name(base_url: str) -> str:
    """SolrCloud's name of a node: http://127.0.0.1:5784/solr → 127.0.0.1:5784_solr."""
    parts = urllib.parse.urlsplit(base_url)
    return f"{parts.netloc}_{parts.path.strip('/')}"


def all_active(node: str) -> bool:
    state = cluster(node)
    live = set(state["live_nodes"])
    return all(r["state"] == "active" and r["node_name"] in live
               for shard in state["collections"]["ckan"]["shards"].values()
               for r in shard["replicas"].values())


def replica_counts(node: str) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = {}
    for name, shard in cluster(node)["collections"]["ckan"]["shards"].items():
        for replica in shard["replicas"].values():
            url = f"{replica['base_url']}/{replica['core']}/select?q=*:*&rows=0&distrib=false&wt=json"
            counts.setdefault(name, []).append(json.loads(get(url)[2])["response"]["numFound"])
    return counts


def kill_node(n: int) -> None:
    pid = int((WORK / "pids" / f"solr-{n}.pid").read_text())
    os.kill(pid, signal.SIGKILL)
    until(f"Solr node {n} gone", lambda: subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode != 0, 10)


def start_node(n: int) -> None:
    log = open(WORK / "log" / f"solr-{n}.log", "ab")
    process = subprocess.Popen(["setsid", "bash", str(WORK / f"solr-{n}" / "start.sh")],
                               stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    (WORK / "pids" / f"solr-{n}.pid").write_text(str(process.pid))


def solr_failover():
    before = action("package_search", rows=0)["count"]
    kill_node(2)
    ok("kill -9 of Solr node 2")
    after = until("search with a node down", lambda: action("package_search", rows=0)["count"], 60)
    if after != before:
        fail(f"search with a node down counts {after}, before {before}")
    ok(f"search with a node down: {after} datasets, as before")
    # until ZooKeeper ends node 2's session (zkClientTimeout 15 s) it is still "live" and may
    # still lead a shard: updates forwarded to it fail (Connection refused), so wait for that
    gone = node_name(NODES[1])
    until("node 2 out of live_nodes", lambda: gone not in cluster(NODES[0])["live_nodes"], 60)
    until("a leader for every shard on the live node", lambda: all(
        shard.get("replicas") and any(r.get("leader") == "true" and r["node_name"] in cluster(NODES[0])["live_nodes"]
                                      for r in shard["replicas"].values())
        for shard in cluster(NODES[0])["collections"]["ckan"]["shards"].values()), 60)
    create_and_find("node down")
    start_node(2)
    until("replicas active after node 2 came back", lambda: all_active(NODES[0]), 180, 2)
    ok("node 2 back: every replica active")
    # both nodes down at once, then up: PeerSync with _version_ as plong
    kill_node(1)
    kill_node(2)
    start_node(1)
    start_node(2)
    until("replicas active after a full cluster restart", lambda: all_active(NODES[0]), 240, 2)
    def equal_counts():
        counts = replica_counts(NODES[0])
        if all(len(set(v)) == 1 for v in counts.values()):
            return counts
        raise RuntimeError(f"per-replica counts {counts}")
    counts = until("equal counts in every shard's replicas", equal_counts, 60, 2)
    total = sum(v[0] for v in counts.values())
    search = until("search after the restart", lambda: action("package_search", rows=0, include_private=True)["count"], 60)
    ok(f"full cluster restart: every replica active, per-shard counts {counts} (sum {total}, search {search})")


# ---- the bureau's admin app (its own container and port) ----------------------------------------
def admin_app():
    """Its login page answers, and a sysadmin's token signs in (the app asks CKAN through nginx)."""
    import http.cookiejar
    base = os.environ["DZ_ADMIN"]
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = until("admin login page", lambda: opener.open(f"{base}/login", timeout=30).read().decode(), 120, 2)
    if "登录 · 达州市大数据局公共数据项目管理" not in page:
        fail("admin login page without its title")
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    if not csrf:
        fail("admin login page without a CSRF token")
    form = urllib.parse.urlencode({"csrf_token": csrf.group(1), "token": TOKEN}).encode()
    with opener.open(urllib.request.Request(f"{base}/login", data=form), timeout=60) as answer:
        home = answer.read().decode()
        landed = answer.geturl()
    if landed.rstrip("/").endswith("/login") or "退出" not in home:
        fail(f"admin sign-in with the sysadmin token did not reach the home page ({landed})")
    ok(f"admin app: login page and sign-in through CKAN ({base})")


# ---- scale-out: two web containers behind nginx -------------------------------------------------
def multipart(fields: dict, name: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                 f'Content-Type: text/csv\r\n\r\n'.encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def two_web_containers(dataset: dict):
    """nginx spreads requests over both; an upload through nginx is served by each (shared volume)."""
    probe = uuid.uuid4().hex
    for _ in range(20):
        get(f"{BASE}/api/3/action/status_show?probe={probe}")
    served = {}
    for container in os.environ["DZ_CONTAINERS"].split(","):
        logs = subprocess.run(["podman", "logs", container], capture_output=True, text=True)
        served[container] = (logs.stdout + logs.stderr).count(f"GET /api/3/action/status_show?probe={probe}")
    if sum(served.values()) != 20 or min(served.values()) == 0:
        fail(f"nginx did not spread 20 requests over both web containers: {served}")
    content = f"区县,人数\n通川区,{probe}\n".encode()
    body, content_type = multipart({"package_id": dataset["id"], "name": "部署检查上传", "format": "CSV"},
                                   "upload", "check.csv", content)
    status, _, answer = get(f"{BASE}/api/3/action/resource_create",
                            {"Authorization": TOKEN, "Content-Type": content_type}, body)
    result = json.loads(answer)
    if status != 200 or not result.get("success"):
        fail(f"upload through nginx: {status} {result.get('error')}")
    path = urllib.parse.urlsplit(result["result"]["url"]).path
    for web in os.environ["DZ_WEBS"].split(","):
        status, _, got = get(web + path, {"Authorization": TOKEN})
        if status != 200 or got != content:
            fail(f"upload not served by {web}: {status} {got[:80]!r}")
    ok(f"two web containers: nginx spread requests {sorted(served.values())}; an upload is served by both")


# ---- background jobs in the worker containers -------------------------------------------------
def harvest_job():
    org = action("organization_list")[0]
    name = f"check-province-{uuid.uuid4().hex[:6]}"
    source = action("harvest_source_create", name=name, title="省级平台（部署检查）",
                    url=os.environ["DZ_FEED"], source_type="dazhou_province", owner_org=org,
                    frequency="MANUAL", config=json.dumps({}))
    job = action("harvest_job_create", source_id=source["id"])
    # the periodic container's `harvester run` starts it, gather and fetch consumers import,
    # the next run marks it finished
    done = until("harvest job finished by the worker containers", lambda: (
        j := action("harvest_job_show", id=job["id"]))["status"] == "Finished" and j, 240, 3)
    stats = done.get("stats", {})
    found = action("package_search", fq=f"harvest_source_id:{source['id']}", include_private=True)["count"]
    if found < 1:
        fail(f"harvest job finished but imported nothing: {stats}")
    ok(f"harvest job run by the gather/fetch/periodic containers: {found} datasets ({stats})")


SPREADSHEET = f"{BASE}/catalog/spreadsheet/export.csv"


def spreadsheet_asked():
    """Asked first, checked last: the demo load's DataStore jobs are ahead of it in the queue."""
    status, _, _ = get(SPREADSHEET)
    if status not in (200, 202):
        fail(f"city-wide spreadsheet: {status}")


def spreadsheet_job():
    url = SPREADSHEET
    body = until("city-wide spreadsheet built by the job workers", lambda: (
        r := get(url))[0] == 200 and r[2], 420, 3)
    lines = body.decode("utf-8-sig").count("\n")
    ok(f"city-wide spreadsheet built in the worker container ({lines} lines), served by web")


if __name__ == "__main__":
    started = time.monotonic()
    pages_and_api()
    chinese_search()
    static_files()
    admin_app()
    two_web_containers(create_and_find("normal"))
    spreadsheet_asked()
    harvest_job()
    solr_failover()
    spreadsheet_job()
    print(f"all checks passed in {time.monotonic() - started:.0f} s")
