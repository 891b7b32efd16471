"""Benchmark: throughput at 8 clients against the number of uWSGI processes (issue 17).

Serves the bench catalog of bench/load.py (the product's DCAT cache setting, as bench/pages.py)
under uWSGI with config/uwsgi.ini and `--processes N` for each N given, one server at a time;
8 client threads each ask the mix (home, search 人口, a dataset page, API search; anonymous and
the department user) round after round for --seconds after a warm-up. Prints requests/s,
p50/p95 and the scaling against the first N. On a machine with C cores it should scale up to
about C processes. Asserts nothing.

Usage (bench/load.py run first):
  .venv/bin/python bench/throughput.py [--processes 1,2,4] [--clients 8] [--seconds 60]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402  (the bench catalog, its users, the product ini, the request helper)

PORT = 5194


def _mix(dataset: str) -> list[tuple[str, str]]:
    return [(path, who) for _page, path, who in pages.pages(dataset)
            if who in ("anonymous", "staff") and not path.startswith("/catalog")
            and not path.startswith("/organization") and path != "/dataset/"]


def _serve(processes: int, work: Path) -> subprocess.Popen:
    env = dict(os.environ, CKAN_INI=str(pages._product_ini(work)))
    return subprocess.Popen(
        [str(pages.ROOT / ".venv/bin/uwsgi"), "--ini", str(pages.ROOT / "config/uwsgi.ini"),
         "--processes", str(processes), "--http", f"127.0.0.1:{PORT}",
         "--virtualenv", str(pages.ROOT / ".venv")],
        env=env, stdout=open(work / f"uwsgi-{processes}.log", "w"), stderr=subprocess.STDOUT,
        start_new_session=True)


def _run(mix, tokens, clients: int, seconds: float) -> tuple[int, list[float], float]:
    times: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int):
        i = offset
        while time.monotonic() < stop:
            path, who = mix[i % len(mix)]
            elapsed = pages._get(PORT, path, tokens[who])
            with lock:
                times.append(elapsed)
            i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(times), times, time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--processes", default="1,2,4")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args(argv)
    users = json.loads(pages.USERS.read_text())
    tokens = {"anonymous": None, "staff": users["bench-staff"]}
    mix = _mix(pages._open_dataset())
    work = Path(tempfile.mkdtemp(prefix="dazhou-throughput-"))
    rows = []
    for processes in (int(n) for n in args.processes.split(",")):
        server = _serve(processes, work)
        try:
            pages._wait(PORT)
            _run(mix, tokens, args.clients, 10)  # every process warms up
            count, times, wall = _run(mix, tokens, args.clients, args.seconds)
        finally:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
        rows.append((processes, count / wall, statistics.median(times), pages._p95(times)))
    print(f"\n{args.clients} clients, {args.seconds:.0f} s each, uWSGI (config/uwsgi.ini)")
    print(f"{'processes':>10}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'scaling':>10}")
    for processes, rate, p50, p95 in rows:
        print(f"{processes:>10}{rate:>10.1f}{p50:>10.1f}{p95:>10.1f}{rate / rows[0][1]:>9.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
