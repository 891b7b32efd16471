"""Headless Chromium shows the pages issue 14 named in Chinese: the about page, registration,
a 404, the footer without outside links (screenshots in DAZHOU_SCREENSHOTS when set)."""
from __future__ import annotations

import os

import pytest

from ckanext.dazhou.tests.browser import live_site, page  # noqa: F401 (fixtures)


def _shot(page, name: str) -> None:
    folder = os.environ.get("DAZHOU_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


@pytest.mark.ckan_config("ckan.auth.create_user_via_web", "true")
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestPagesReadInChinese:
    def test_about_register_and_not_found(self, live_site, page):
        page.goto(f"{live_site}/about")
        text = page.locator("main, [role=main]").first.inner_text()
        assert "达州市公共数据管理办法" in text and "如何申请" in text and "CKAN is" not in text
        footer = page.locator("footer")
        assert "关于" in footer.inner_text() and "CKAN API" not in footer.inner_text()
        hrefs = footer.locator("a").evaluate_all("links => links.map(a => a.href)")
        assert all(href.startswith(live_site) for href in hrefs), hrefs
        _shot(page, "about")

        page.goto(f"{live_site}/user/register")
        form = page.locator("form#user-register-form").inner_text()
        assert "头像" in form and "Profile picture" not in form
        assert page.locator("#field-fullname").get_attribute("placeholder") == "张三"
        assert "exciting" not in page.content()
        _shot(page, "register")

        page.goto(f"{live_site}/dataset/no-such-dataset")
        heading = page.locator("#error-content h1").inner_text()
        assert heading == "404 页面不存在"
        assert "信息资源不存在" in page.locator("#error-content").inner_text()
        _shot(page, "not-found")
