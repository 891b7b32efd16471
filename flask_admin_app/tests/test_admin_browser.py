"""Headless Chromium (Debian's) walks a 500,000-yuan project from registration to filing.

Screenshots go to test-artifacts/flask_admin_app/ for people to look at.
"""
from __future__ import annotations

import dataclasses
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from flask_admin_app.tests.conftest import ARTIFACTS

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PORT = 5052


@pytest.fixture
def live_app(settings):
    from flask_admin_app.app import create_app

    # Plain http in the test: a Secure cookie would never come back.
    app = create_app(dataclasses.replace(settings, secure_cookies=False))
    server = make_server("127.0.0.1", PORT, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{PORT}"
    server.shutdown()
    app.extensions["dazhou_db"].get_bind().dispose()


@pytest.fixture
def page():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
        page.set_default_timeout(45000)  # a loaded CI machine: CKAN answers each page's calls
        yield page
        browser.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def press(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def save_form(page) -> None:
    page.locator("form.admin-form input[type=submit]").first.click()
    page.wait_for_load_state()


def test_register_and_walk_to_filing(live_app, ckan_server, page):
    base = live_app
    page.goto(f"{base}/project/")
    shot(page, "01-login")
    page.fill("#token", ckan_server["tokens"]["dsjj-staff"])
    press(page, "登录")
    assert "dsjj-staff" in page.content()

    page.goto(f"{base}/expert/new/")
    page.fill("#name", "张明")
    page.fill("#organization", "四川文理学院")
    page.fill("#specialty", "数据治理")
    save_form(page)

    page.goto(f"{base}/project/new/")
    page.select_option("#department", label="达州市人力资源和社会保障局")  # the picker (CKAN's list)
    fields = {"name": "社会保障一体化信息平台",
              "investment_yuan": "500000", "funding_source": "市级财政资金",
              "construction_content": "建设社保业务经办与数据共享平台",
              "planned_data_items": "公民身份号码\n参保险种\n缴费基数",
              "security_plan": "按网络安全等级保护三级建设", "operation_maintenance": "委托运维三年"}
    for field, value in fields.items():
        page.fill(f"#{field}", value)
    shot(page, "02-register-project")
    save_form(page)

    page.goto(f"{base}/project/details/?id=1")
    shot(page, "03-declared-duplicate-check")
    assert "达州市公安局" in page.locator("#duplicate-matches").inner_text()

    press(page, "立项")
    assert "第八条" in page.locator(".alert").first.inner_text()
    shot(page, "04-approval-refused-art8")

    press(page, "指派专家")
    press(page, "提交审查")
    assert page.locator("#project-state").inner_text() == "审查中"

    page.get_by_role("link", name="填写意见").click()
    for select in page.locator("form.admin-form select").all():
        select.select_option("pass", force=True)
    page.fill("#comments", "方案可行，公民身份号码应通过共享获取，不得重复采集。")
    shot(page, "05-expert-opinion")
    save_form(page)

    page.goto(f"{base}/project/edit/?id=1")
    page.fill("#review_opinion", "同意建设。拟采集的公民身份号码由市公安局权威提供，应共享获取。")
    page.select_option("#review_conclusion", "agree", force=True)
    save_form(page)

    page.goto(f"{base}/project/details/?id=1")
    for label in ("出具审查意见", "立项", "列入资金计划", "进入招投标", "开工建设"):
        press(page, label)
        assert page.locator(".alert-success").count() == 1, label
    shot(page, "06-under-construction")

    press(page, "登记竣工验收")
    assert "第九条" in page.content()
    page.goto(f"{base}/project/edit/?id=1")
    page.select_option("#acceptance_result", "passed", force=True)
    page.fill("#acceptance_notes", "功能、性能、安全均符合建设方案")
    save_form(page)
    page.goto(f"{base}/project/details/?id=1")
    press(page, "登记竣工验收")
    press(page, "备案并投入运行")
    assert page.locator("#project-state").inner_text() == "已备案（投入运行）"
    shot(page, "07-filed")

    page.goto(f"{base}/audit/")
    assert "状态变更：备案并投入运行" in page.content()
    shot(page, "08-audit-log")


ADMIN_PAGES = {
    "home": "/", "projects": "/project/", "project-new": "/project/new/",
    "expert-reviews": "/expertreview/", "experts": "/expert/",
    "supervision-violations": "/supervision/?report=violations",
    "supervision-evaluation": "/supervision/?report=evaluation",
    "supervision-applications": "/supervision/?report=applications",
    "supervision-conflicts": "/supervision/?report=conflicts", "audit": "/audit/",
}


def test_every_page_fits_1366_and_loads_nothing_from_outside(live_app, ckan_server, page):
    """Issue 14: tables 1,474–2,209 px wide, Google Fonts, raw codes. Each page at 1366 px."""
    outside = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(live_app) else None)
    page.goto(f"{live_app}/project/")
    page.fill("#token", ckan_server["tokens"]["dsjj-staff"])
    press(page, "登录")
    for name, path in ADMIN_PAGES.items():
        page.goto(f"{live_app}{path}")
        shot(page, f"page-{name}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1366, (name, width)
        text = page.locator("body").inner_text()
        assert "CSRF Token" not in text and "None" not in text, name
    assert outside == []
