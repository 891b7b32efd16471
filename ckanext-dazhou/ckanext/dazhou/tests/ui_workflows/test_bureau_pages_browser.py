"""Headless Chromium as the bureau (issue 14): the workbench counts the escalated application,
the queue lists it under its state filter, the application reads local times, display names
and the grant's last day, the evaluation shows denominators and the ranking; nothing is wider
than a 1366 px screen (screenshots in DAZHOU_SCREENSHOTS when set)."""
from __future__ import annotations

import os
import re

import pytest
from ckan.plugins import toolkit as tk
from ckan.tests import helpers

from ckanext.dazhou.tests.browser import live_site, page  # noqa: F401 (fixtures)
from ckanext.dazhou.tests.factories import (
    as_user, create_dataset, create_department, department_user)
from ckanext.dazhou.tests.ui_workflows.pages import headers


def _shot(page, name: str) -> None:
    folder = os.environ.get("DAZHOU_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_bureau_queue_and_evaluation(live_site, page):
    owner_org, applicant_org = create_department(title="人社局"), create_department(title="公安局")
    bureau = department_user(create_department(name="dz-dsjj", title="市大数据局"), "member")
    dataset = create_dataset(owner_org=owner_org["id"], share_type="conditional",
                             share_conditions="仅限核验", open_type="closed", title="社保参保信息")
    owner, applicant = department_user(owner_org, "editor"), department_user(applicant_org, "member")
    application = helpers.call_action("dazhou_share_application_create", as_user(applicant),
                                      package_id=dataset["id"], purpose="核验", scope="窗口",
                                      legal_basis="法")
    helpers.call_action("dazhou_share_application_decide", as_user(owner), id=application["id"],
                        decision="refuse", reason="不符合")
    helpers.call_action("dazhou_share_application_escalate", as_user(applicant),
                        id=application["id"], reason="确需使用")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.set_extra_http_headers(headers(bureau))
    # redirects name ckan.site_url (a host that does not exist in tests): send them here
    site_url = tk.config["ckan.site_url"].rstrip("/")

    def local_redirect(route):
        answer = route.fetch(max_redirects=0)
        location = answer.headers.get("location", "").replace(site_url, live_site, 1)
        route.fulfill(status=answer.status, headers={**answer.headers, "location": location},
                      body=answer.body())

    page.route("**/decide", local_redirect)

    page.goto(f"{live_site}/dashboard/work")
    line = page.get_by_role("link", name="已提请市大数据局协调")
    assert line.count() == 1 and _fits(page)
    _shot(page, "bureau-workbench")
    with page.expect_navigation():
        line.click()
    assert "社保参保信息" in page.locator("table.dazhou-applications").inner_text()
    assert page.locator(".dazhou-state-filter .btn-primary").inner_text() == "已提请市大数据局协调"
    assert _fits(page)
    _shot(page, "bureau-escalation-queue")

    with page.expect_navigation():
        page.get_by_role("link", name="社保参保信息").click()
    page.fill("#field-reason", "经协调同意")
    page.fill("#field-expires", "2027-06-30")
    with page.expect_navigation(url=re.compile(r"/share-application/[^/]+$")):
        page.get_by_role("button", name="同意", exact=True).click()
    body = page.locator("body").inner_text()
    assert "2027年6月30日" in body
    history = page.locator(".dazhou-history").inner_text()
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d · " + re.escape(applicant["fullname"]), history)
    assert "+0800" not in history and _fits(page)
    _shot(page, "bureau-application-decided")

    page.goto(f"{live_site}/dashboard/evaluation")
    assert page.locator("table.dazhou-ranking").count() == 1
    assert "未到期" in page.locator(".figure-application_on_time_rate").inner_text()
    assert _fits(page)
    _shot(page, "bureau-evaluation")
