"""Headless Chromium: the bureau's department list, the edit form's 撤回发布, its confirmation,
the withdrawn dataset's page and a dataset page with a referenced data item (screenshots in
DAZHOU_SCREENSHOTS when set)."""
from __future__ import annotations

import os

import pytest
from ckan.tests import factories, helpers

from ckanext.dazhou.tests.browser import live_site, page  # noqa: F401 (fixtures)
from ckanext.dazhou.tests.factories import create_dataset, create_department, site_context
from ckanext.dazhou.tests.test_one_source import item


def _shot(page, name: str) -> None:
    folder = os.environ.get("DAZHOU_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _member(org, capacity):
    user = factories.UserWithToken()
    helpers.call_action("organization_member_create", site_context(), id=org["id"],
                        username=user["name"], role=capacity)
    return user


def _as(page, user):
    page.set_extra_http_headers({"Authorization": user["token"]})


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestPublishingInTheBrowser:
    def test_department_list_withdrawal_and_reference(self, live_site, page):
        bureau = _member(create_department(name="dz-dsjj", title="市大数据局"), "member")
        population = create_department(title="市公安局")
        labour = create_department(title="市人社局")
        editor = _member(labour, "editor")
        owner = create_dataset(owner_org=population["id"], title="人口基础信息库",
                               data_items=[item("公民身份号码", "DE00001")])
        dataset = create_dataset(owner_org=labour["id"], title="社保参保人员信息", data_items=[
            item("统计月份"), item("参保人数", data_type="N"),
            item("公民身份号码", "DE00001", authoritative=False) | {"reference": owner["resource_code"]}])

        _as(page, bureau)
        page.goto(f"{live_site}/dashboard/departments")
        table = page.locator("table.dazhou-departments")
        assert "市人社局" in table.inner_text() and "部门代码" in table.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        _shot(page, "department-list")

        _as(page, editor)
        page.goto(f"{live_site}/dataset/{dataset['name']}")
        reference = page.locator(".dz-item-reference")
        assert reference.inner_text().startswith("引用 人口基础信息库")
        assert page.locator(".dz-generic-item").inner_text() == "通用维度"
        _shot(page, "dataset-reference")

        page.goto(f"{live_site}/dataset/edit/{dataset['name']}")
        actions = page.locator(".form-actions")
        assert "Unpublish" not in actions.inner_text()
        if os.environ.get("DAZHOU_SCREENSHOTS"):  # the whole form is 8,000 px: its buttons
            actions.screenshot(path=os.path.join(os.environ["DAZHOU_SCREENSHOTS"], "edit-form-actions.png"))
        page.locator("a.dazhou-withdraw").click()
        page.wait_for_url("**/withdraw")
        assert "确认撤回" in page.locator("main, [role=main]").first.inner_text()
        page.fill("#field-reason", "保密审查发现含有个人隐私信息")
        _shot(page, "withdraw-confirmation")
        page.locator("form.dazhou-withdrawal-form button[type=submit]").click()
        page.wait_for_url(f"**/dataset/{dataset['name']}")
        assert "信息资源已撤回发布" in page.locator(".flash-messages").inner_text()
        assert "保密审查发现含有个人隐私信息" in page.locator(".dazhou-withdrawn-notice").inner_text()
        assert "已撤回发布" in page.locator("table").last.inner_text()  # the record's state, not "withdrawn"
        _shot(page, "withdrawn-dataset")
        page.goto(f"{live_site}/dataset/activity/{dataset['name']}")
        stream = page.locator(".activity").first.inner_text()
        assert "撤回发布了信息资源" in stream and "保密审查发现含有个人隐私信息" in stream
        _shot(page, "withdrawal-activity")

        _as(page, bureau)
        page.goto(f"{live_site}/dashboard/withdrawals")
        assert "社保参保人员信息" in page.locator("table.dazhou-withdrawals").inner_text()
        _shot(page, "withdrawals")
