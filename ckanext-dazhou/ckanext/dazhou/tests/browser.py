"""Headless Chromium (Debian's) against the test app served on a local port: the fixtures the
browser tests share. Import `live_site` and `page` into a test module to use them."""
from __future__ import annotations

import shutil
import socket
import threading

import pytest
from werkzeug.serving import make_server

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# without the background-networking flags Chromium keeps dialling out of a closed network
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def live_site(app):
    port = _free_port()
    server = make_server("127.0.0.1", port, app.flask_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


@pytest.fixture
def page():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15000)
        yield page
        browser.close()
