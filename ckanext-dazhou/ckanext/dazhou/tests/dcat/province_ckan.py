"""Second CKAN instances the tests start: the province for the push tests (our plugins,
database ckan_test_province, port 5061) and a stock consumer (ckanext-dcat and -harvest only,
database ckan_test_stock, a free port) that harvests our feeds."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[5]
CKAN = str(ROOT / ".venv" / "bin" / "ckan")
PORT = 5061
URL = f"http://127.0.0.1:{PORT}"
# what a provincial platform runs: ckanext-dcat's RDF harvester, no plugin of ours
STOCK_PLUGINS = "dcat harvest dcat_rdf_harvester"


def run(*args: str) -> str:
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def derived_ini(ini: str, suffix: str, settings: dict[str, str], drop: str = "") -> str:
    """A copy of INI (.dev/<its name>-SUFFIX.ini) with SETTINGS set in [app:main] and the
    lines whose key matches the regex DROP removed."""
    text = Path(ini).read_text(encoding="utf-8")
    if drop:
        text = re.sub(rf"(?m)^({drop}).*\n", "", text)
    for key, value in settings.items():
        text = re.sub(rf"(?m)^{re.escape(key)} = .*\n", "", text)
        text = text.replace("[app:main]\n", f"[app:main]\n{key} = {value}\n", 1)
    (ROOT / ".dev").mkdir(exist_ok=True)
    derived = ROOT / ".dev" / f"{Path(ini).stem}-{suffix}.ini"
    derived.write_text(text, encoding="utf-8")
    return str(derived)


def _stock_ini(ini: str, port: int) -> str:
    """test-env.sh's ini with only the stock plugins and none of our settings."""
    ours = r"scheming\.|ckanext\.dcat\.rdf\.profiles|ckanext\.(dazhou|xloader)\.|ckan\.datastore\."
    return derived_ini(ini, "stock", {"ckan.plugins": STOCK_PLUGINS,
                                      "ckan.site_url": f"http://127.0.0.1:{port}"},
                       drop=rf"{ours}|ckan\.views\.default_views")


def prepare(name: str = "province", port: int | None = None,
            stock: bool = False) -> tuple[str, str]:
    """A fresh database and index for instance NAME; returns (ini path, sysadmin API token).
    `stock`: CKAN with ckanext-dcat and ckanext-harvest only (`port` is its site URL's)."""
    ini = run(str(ROOT / "scripts" / "test-env.sh"), name).strip().splitlines()[-1]
    if stock:
        ini = _stock_ini(ini, port or PORT)
    run(CKAN, "-c", ini, "db", "clean", "--yes")
    run(CKAN, "-c", ini, "db", "init")
    run(CKAN, "-c", ini, "db", "pending-migrations", "--apply")
    run(CKAN, "-c", ini, "search-index", "clear")
    run(CKAN, "-c", ini, "user", "add", "pusher", "email=pusher@example.gov.cn",
        "password=Pusher-password-1")
    run(CKAN, "-c", ini, "sysadmin", "add", "pusher")
    token = run(CKAN, "-c", ini, "user", "token", "add", "pusher", "push").strip().splitlines()[-1]
    return ini, token.strip()


def start(ini: str, port: int = PORT) -> subprocess.Popen:
    # -r: one process (the reloader would fork a child that terminate() leaves running)
    process = subprocess.Popen([CKAN, "-c", ini, "run", "-r", "-p", str(port), "-H", "127.0.0.1"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/api/3/action/status_show", timeout=2).ok:
                return process
        except requests.RequestException:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"the CKAN of {ini} exited at start")
        time.sleep(0.5)
    process.terminate()
    raise RuntimeError(f"the CKAN of {ini} did not start within 60 s")
