"""What an anonymous visitor and the bureau see, in Chromium (issue 14, the public): the dataset
page's 登录后… buttons and the way back after signing in, the conditional-open resource page,
the calendar page (screenshots in DAZHOU_SCREENSHOTS when set)."""
from __future__ import annotations

import os

import pytest
from ckan.tests import helpers

from ckanext.dazhou.tests.browser import ARGS, CHROMIUM, live_site, playwright_api  # noqa: F401

SITE = "http://test.ckan.net"  # ckan.site_url of the tests: redirects (login, came_from) go there
from ckanext.dazhou.tests.factories import create_dataset, create_department, site_context
from ckanext.dazhou.tests.signin.login_form import PASSWORD


def _shot(page, name: str) -> None:
    folder = os.environ.get("DAZHOU_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


@pytest.fixture
def world(clean_db, clean_index, with_plugins, reset_redis):
    reset_redis("dazhou:login:*")
    org = create_department(title="达州市公安局")
    dataset = create_dataset(owner_org=org["id"], title="户籍人口统计", share_type="conditional",
                             share_conditions="仅限政务核验", open_type="conditional",
                             open_conditions="实名申请，说明用途",
                             resources=[{"name": "人口表", "url": "https://data.dazhou.gov.cn/p.csv",
                                         "format": "csv"}])
    from ckan.tests import factories
    citizen = factories.User(name="zhang-san", fullname="张三", password=PASSWORD)
    bureau = factories.User(name="dsjj-staff", fullname="赵局员", password=PASSWORD)
    helpers.call_action("organization_member_create", site_context(),
                        id=create_department(name="dz-dsjj", title="达州市大数据局")["id"],
                        username=bureau["name"], role="member")
    return {"dataset": dataset, "citizen": citizen, "bureau": bureau}


@pytest.fixture
def page(live_site):
    """Chromium that reaches the live site under the test site's own name, so CKAN's absolute
    redirects (to the login page and back) stay on it."""
    port = live_site.rsplit(":", 1)[1]
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            *ARGS, f"--host-resolver-rules=MAP test.ckan.net 127.0.0.1:{port}"])
        page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15000)
        yield page
        browser.close()


def _sign_in(page, login: str) -> None:
    page.fill("#field-login", login)
    page.fill("#field-password", PASSWORD)
    page.click("form:has(#field-login) button[type=submit]")


def test_anonymous_visitor_applies_after_signing_in(page, world):
    ds = world["dataset"]
    page.goto(f"{SITE}/dataset/{ds['name']}")
    buttons = page.locator(".dz-login-to-apply")
    assert buttons.all_inner_texts() == ["登录后申请开放", "登录后申请共享", "登录后数据纠错"]
    assert "申请共享限政务部门工作人员" in page.locator(".dz-login-hint").inner_text()
    _shot(page, "dataset-anonymous")

    page.goto(f"{SITE}/dataset/{ds['name']}/resource/{ds['resources'][0]['id']}")
    box = page.locator(".dz-resource-refused")
    assert "该资源为有条件开放" in box.inner_text() and "实名申请，说明用途" in box.inner_text()
    _shot(page, "resource-conditional-open")

    box.get_by_text("登录后申请开放").click()
    _sign_in(page, world["citizen"]["name"])
    page.wait_for_url(f"**/dataset/{ds['name']}/open-apply")
    assert page.locator("textarea[name=purpose], input[name=purpose]").count() == 1
    _shot(page, "open-apply-after-login")


def test_bureau_enters_a_year_on_the_calendar_page(page, world):
    page.goto(f"{SITE}/dashboard/calendar")
    _sign_in(page, world["bureau"]["name"])
    page.wait_for_url("**/dashboard/calendar")
    page.fill("#field-year", "2031")
    page.fill("#field-holidays", "2031-01-01\n2031-13-01")
    page.fill("#field-workdays", "2031-01-06")
    page.click("form.dz-calendar-form button[type=submit]")
    errors = page.locator(".error-block").all_inner_texts()
    assert any("2031-13-01 不是日期" in e for e in errors), errors
    assert any("调休上班日应为周六或周日" in e for e in errors), errors
    _shot(page, "calendar-errors")
    page.fill("#field-holidays", "2031-01-01\n2031-01-02")
    page.fill("#field-workdays", "2031-01-04")
    page.click("form.dz-calendar-form button[type=submit]")
    page.wait_for_url("**/dashboard/calendar?year=2031")
    assert "已保存 2031 年官方节假日日历" in page.content()
    _shot(page, "calendar-saved")
