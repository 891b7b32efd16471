"""A second CKAN instance (database ckan_test_province, port 5061) for the push tests."""
from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[5]
CKAN = str(ROOT / ".venv" / "bin" / "ckan")
PORT = 5061
URL = f"http://127.0.0.1:{PORT}"


def _run(*args: str) -> str:
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return done.stdout


def prepare() -> tuple[str, str]:
    """A fresh province database and index; returns (ini path, sysadmin API token)."""
    ini = _run(str(ROOT / "scripts" / "test-env.sh"), "province").strip().splitlines()[-1]
    _run(CKAN, "-c", ini, "db", "clean", "--yes")
    _run(CKAN, "-c", ini, "db", "init")
    _run(CKAN, "-c", ini, "db", "pending-migrations", "--apply")
    _run(CKAN, "-c", ini, "search-index", "clear")
    _run(CKAN, "-c", ini, "user", "add", "pusher", "email=pusher@example.gov.cn",
         "password=Pusher-password-1")
    _run(CKAN, "-c", ini, "sysadmin", "add", "pusher")
    token = _run(CKAN, "-c", ini, "user", "token", "add", "pusher", "push").strip().splitlines()[-1]
    return ini, token.strip()


def start(ini: str) -> subprocess.Popen:
    process = subprocess.Popen([CKAN, "-c", ini, "run", "-p", str(PORT), "-H", "127.0.0.1"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{URL}/api/3/action/status_show", timeout=2).ok:
                return process
        except requests.RequestException:
            pass
        if process.poll() is not None:
            raise RuntimeError("the province CKAN exited at start")
        time.sleep(0.5)
    process.terminate()
    raise RuntimeError("the province CKAN did not start within 60 s")
