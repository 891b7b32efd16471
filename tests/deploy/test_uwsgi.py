"""CKAN under uWSGI with config/uwsgi.ini, as make dev and the production image run it: pages
and the API answer, and raw UTF-8 in a query string finds what the percent-encoded one finds
(the repair middleware under a real server)."""
from __future__ import annotations

import configparser
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from ckanext.dazhou.tests.factories import create_dataset

ROOT = Path(__file__).resolve().parents[2]
UWSGI = Path(sys.executable).with_name("uwsgi")


def test_uwsgi_ini_runs_workers_as_production_needs():
    ini = configparser.ConfigParser(strict=False)
    ini.read(ROOT / "config" / "uwsgi.ini")
    options = ini["uwsgi"]
    assert options["module"] == "ckanext.dazhou.wsgi:application"
    assert options["lazy-apps"] == "true" and options["master"] == "true"
    assert int(options["processes"]) >= 2
    assert int(options["harakiri"]) > 0 and int(options["max-requests"]) > 0
    assert options["die-on-term"] == "true"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _raw_get(port: int, target: bytes) -> tuple[int, bytes]:
    """An HTTP/1.0 request whose target is sent byte for byte (http.client would refuse)."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as conn:
        conn.sendall(b"GET " + target + b" HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.fixture(scope="module")
def uwsgi_site(pytestconfig):
    port = _free_port()
    env = dict(os.environ, CKAN_INI=os.path.abspath(pytestconfig.getoption("--ckan-ini")))
    log = open(ROOT / ".dev" / "log" / f"test-uwsgi-{port}.log", "wb")
    server = subprocess.Popen([str(UWSGI), "--ini", str(ROOT / "config" / "uwsgi.ini"),
                               "--http-socket", f"127.0.0.1:{port}"],
                              env=env, stdout=log, stderr=log, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/3/action/status_show", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(f"uWSGI did not answer, see {log.name}")
                time.sleep(0.5)
        yield port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(20)
        log.close()


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
def test_pages_and_raw_utf8_search_under_uwsgi(uwsgi_site):
    create_dataset(title="达州市人口统计年鉴", name="uwsgi-population")
    status, home = _raw_get(uwsgi_site, b"/")
    assert status == 200 and "信息资源".encode() in home
    query = "人口统计"
    status, raw = _raw_get(uwsgi_site, f"/api/3/action/package_search?q={query}".encode())
    status_encoded, encoded = _raw_get(
        uwsgi_site, f"/api/3/action/package_search?q={urllib.parse.quote(query)}".encode())
    assert status == status_encoded == 200
    found = json.loads(raw)["result"]
    assert found["count"] == json.loads(encoded)["result"]["count"] == 1
    assert found["results"][0]["name"] == "uwsgi-population"
