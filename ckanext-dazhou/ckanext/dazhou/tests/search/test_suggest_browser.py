"""Headless Chromium (Debian's) types into the search boxes: suggestions appear, the keyboard
chooses one (arrows, Enter), Escape closes them, and screen readers are told (ARIA combobox)."""
from __future__ import annotations

import shutil
import threading

import pytest
from werkzeug.serving import make_server

from ckanext.dazhou.tests.factories import create_dataset

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PORT = 5063


@pytest.fixture
def live_site(app):
    server = make_server("127.0.0.1", PORT, app.flask_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{PORT}"
    server.shutdown()


@pytest.fixture
def page():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(locale="zh-CN")
        page.set_default_timeout(15000)
        yield page
        browser.close()


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestSuggestionsInTheBrowser:
    def test_keyboard_chooses_a_dataset_title(self, live_site, page):
        dataset = create_dataset(title="人口基础信息库")
        create_dataset(title="空气质量监测日报")
        page.goto(f"{live_site}/dataset/")
        box = page.locator("#field-giant-search")
        assert box.get_attribute("role") == "combobox"
        box.press_sequentially("renk", delay=30)
        option = page.locator("[role=listbox] [role=option]", has_text="人口基础信息库")
        option.wait_for()
        assert box.get_attribute("aria-expanded") == "true"
        assert "建议" in page.locator("[role=status]").inner_text()
        titles = page.locator("[role=listbox] [role=option]").all_inner_texts()
        index = next(i for i, t in enumerate(titles) if "人口基础信息库" in t)
        for _ in range(index + 1):
            box.press("ArrowDown")
        assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
        assert option.get_attribute("aria-selected") == "true"
        box.press("Enter")
        page.wait_for_url(f"**/dataset/{dataset['name']}")

    def test_home_page_term_and_escape(self, live_site, page):
        page.goto(f"{live_site}/")
        box = page.locator(".dz-hero-search input[name=q]")
        box.press_sequentially("社保", delay=30)
        term = page.locator("[role=listbox] [role=option]", has_text="社会保险（社保）")
        term.wait_for()
        assert "目录词" in term.inner_text()
        box.press("Escape")
        assert page.locator("[role=listbox]").is_hidden()
        assert box.get_attribute("aria-expanded") == "false"
        box.press("ArrowDown")  # opens again
        term.wait_for()
        box.press("ArrowDown")
        box.press("Enter")
        page.wait_for_url("**/dataset/?q=*")
        assert "社会保险" in page.locator("#field-giant-search").input_value()
