"""Benchmark: `ckan run` (Werkzeug, as make dev ran it before) against the production topology
(nginx with static files from disk → uWSGI, config/uwsgi.ini, 2 processes), in one run.

Both serve the dev site's config (.dev/ckan.ini, its database and Solr core) on loopback ports
of their own (5091, and nginx 5092 → uWSGI 5093). The mix: home, dataset search (人口), a
dataset page, API package_search, each as an anonymous visitor and as a department user
(rsj-staff, a temporary API token revoked at the end), plus the page's CSS as a browser loads
it; 8 concurrent clients, REQUESTS requests each after a warm-up pass. Prints p50/p95, req/s
and the ratio; asserts nothing. Usage (make dev running):
  .venv/bin/python bench/wsgi_servers.py [--requests 30]
With --ckan-run URL --production URL --token TOKEN it starts nothing and measures two sites that
are already up on the same data: what `DEPLOY_CHECK_BENCH=1 make deploy-check` does with its
containers (`ckan run` in the CKAN image against nginx → uWSGI web containers).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import urllib.parse
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INI = ROOT / ".dev" / "ckan.ini"
VENV = ROOT / ".venv" / "bin"
CKAN_RUN, NGINX, UWSGI = 5091, 5092, 5093
CLIENTS = 8
Q = urllib.parse.quote("人口")
PATHS = ["/", f"/dataset/?q={Q}", "/dataset/dz-population-base", f"/api/3/action/package_search?q={Q}"]


def start(cmd: list[str], log: Path, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(cmd, stdout=log.open("wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            env={**os.environ, **(env or {})}, start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def wait_ready(port: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/3/action/status_show", timeout=5)
            return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"bench: port {port} not answering")


def dev_config(work: Path) -> Path:
    """The dev site's config as make dev writes it (config/dev-options.ini merged again)."""
    ini = work / "ckan.ini"
    shutil.copy(INI, ini)
    subprocess.run([str(VENV / "ckan"), "config-tool", str(ini), "-f", str(ROOT / "config" / "dev-options.ini")],
                   check=True, capture_output=True)
    subprocess.run([str(VENV / "ckan"), "config-tool", str(ini), f"ckan.storage_path={ROOT / '.dev' / 'storage'}"],
                   check=True, capture_output=True)
    return ini


def static_tree(into: Path) -> None:
    """CKAN's and the plugins' public folders in one tree, as the nginx image has them."""
    site = Path(sysconfig.get_paths()["purelib"])
    shutil.copytree(site / "ckan" / "public", into, dirs_exist_ok=True)
    for public in list(site.glob("ckanext/*/public")) + list((ROOT / "ckanext-dazhou").glob("ckanext/*/public")):
        shutil.copytree(public, into, dirs_exist_ok=True)


def nginx_conf(work: Path) -> Path:
    text = (ROOT / "docker" / "nginx" / "nginx.conf").read_text(encoding="utf-8")
    text = text.replace("@LISTEN@", f"127.0.0.1:{NGINX}").replace("@SERVERS@", f"server 127.0.0.1:{UWSGI};")
    text = text.replace("/etc/nginx/security-headers.conf", str(ROOT / "docker" / "nginx" / "security-headers.conf"))
    text = text.replace("/srv/static", str(work / "static"))
    text = text.replace("/var/lib/ckan/webassets/", str(ROOT / ".dev" / "storage" / "webassets") + "/")
    text = text.replace("/tmp/nginx", str(work / "nginx"))
    text = text.replace("pid /tmp/nginx.pid", f"pid {work}/nginx.pid")
    conf = work / "nginx.conf"
    conf.write_text(text.replace("/tmp/nginx.pid", f"{work}/nginx.pid"), encoding="utf-8")
    return conf


def run_mix(port: int, token: str, requests: int) -> tuple[list[float], float, int]:
    base = f"http://127.0.0.1:{port}"
    css = re.search(r'href="(/webassets/[^"]+\.css)"', urllib.request.urlopen(base + "/").read().decode())
    mix = [(p, None) for p in PATHS] + [(p, token) for p in PATHS] + ([(css.group(1), None)] if css else [])
    times: list[float] = []
    errors = 0
    lock = threading.Lock()

    def client(offset: int, count: int) -> None:
        nonlocal errors
        for i in range(count):
            path, auth = mix[(offset + i) % len(mix)]
            request = urllib.request.Request(base + path, headers={"Authorization": auth} if auth else {})
            started = time.perf_counter()
            try:
                urllib.request.urlopen(request, timeout=120).read()
            except OSError:
                with lock:
                    errors += 1
            with lock:
                times.append(time.perf_counter() - started)

    # warm-up, concurrent so that every uWSGI worker imports CKAN, loads jieba, compiles templates
    warm = [threading.Thread(target=client, args=(n, len(mix))) for n in range(CLIENTS)]
    for t in warm:
        t.start()
    for t in warm:
        t.join()
    if errors:
        print(f"warm-up: {errors} failed requests", file=sys.stderr)
    times.clear()
    errors = 0
    threads = [threading.Thread(target=client, args=(n, requests)) for n in range(CLIENTS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, time.perf_counter() - started, errors


def revoke(token: str) -> None:
    """The token revokes itself through the dev site's API (api_token_revoke takes the token)."""
    request = urllib.request.Request("http://127.0.0.1:5000/api/3/action/api_token_revoke",
                                     data=json.dumps({"token": token}).encode(),
                                     headers={"Authorization": token, "Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=30).read()


def report(name: str, times: list[float], elapsed: float, errors: int) -> dict:
    ordered = sorted(times)
    figures = {"p50": statistics.median(ordered), "p95": ordered[int(0.95 * (len(ordered) - 1))],
               "rps": len(ordered) / elapsed}
    print(f"{name:28s} n={len(ordered)} errors={errors}  p50 {figures['p50'] * 1000:7.0f} ms  "
          f"p95 {figures['p95'] * 1000:7.0f} ms  {figures['rps']:6.2f} req/s")
    return figures


def compare(results: dict) -> None:
    old, new = results["ckan run"], results["prod"]
    print(f"ratio (production / ckan run): p50 {new['p50'] / old['p50']:.2f}x, p95 {new['p95'] / old['p95']:.2f}x, "
          f"throughput {new['rps'] / old['rps']:.2f}x; load average {os.getloadavg()[0]:.1f}")


def running_sites(args) -> None:
    """Both sites already up (deploy-check's containers): one after the other, same mix."""
    port = lambda url: urllib.parse.urlsplit(url).port  # noqa: E731
    for url in (args.ckan_run, args.production):
        wait_ready(port(url))
    results = {"ckan run": report(f"ckan run ({args.ckan_run})", *run_mix(port(args.ckan_run), args.token, args.requests)),
               "prod": report(f"nginx + uWSGI ({args.production})", *run_mix(port(args.production), args.token, args.requests))}
    compare(results)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30, help="requests per client")
    parser.add_argument("--ckan-run", help="URL of a running `ckan run` (with --production, --token)")
    parser.add_argument("--production", help="URL of a running nginx in front of uWSGI")
    parser.add_argument("--token", help="API token of a department user on both sites")
    args = parser.parse_args()
    if args.ckan_run or args.production:
        if not (args.ckan_run and args.production and args.token):
            parser.error("--ckan-run, --production and --token go together")
        running_sites(args)
        return
    work = Path(tempfile.mkdtemp(prefix="dazhou-bench-wsgi-"))
    ini = dev_config(work)
    ckan = [str(VENV / "ckan"), "-c", str(ini)]
    token = subprocess.run(ckan + ["user", "token", "add", "rsj-staff", "bench-wsgi"], capture_output=True,
                           text=True, check=True).stdout.strip().splitlines()[-1].strip()
    (work / "nginx").mkdir()
    static_tree(work / "static")
    results = {}
    try:
        server = start(ckan + ["run", "-H", "127.0.0.1", "-p", str(CKAN_RUN), "-r"], work / "ckan-run.log")
        try:
            wait_ready(CKAN_RUN)
            results["ckan run"] = report("ckan run (Werkzeug)", *run_mix(CKAN_RUN, token, args.requests))
        finally:
            stop(server)
        uwsgi = start([str(VENV / "uwsgi"), "--ini", str(ROOT / "config" / "uwsgi.ini"), "--socket",
                       f"127.0.0.1:{UWSGI}", "--virtualenv", str(ROOT / ".venv")], work / "uwsgi.log",
                      {"CKAN_INI": str(ini)})
        nginx = start(["nginx", "-c", str(nginx_conf(work)), "-g", "daemon off;"], work / "nginx.log")
        try:
            wait_ready(NGINX)
            results["prod"] = report("nginx + uWSGI (2 processes)", *run_mix(NGINX, token, args.requests))
        finally:
            stop(nginx)
            stop(uwsgi)
    finally:
        revoke(token)
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(work, ignore_errors=True)
    compare(results)


if __name__ == "__main__":
    main()
