"""/about: the platform's own page until a sysadmin writes one at /ckan-admin/config (issue 14)."""
from __future__ import annotations

import pytest
from ckan.tests import factories

from ckanext.dazhou.tests.ui_workflows.pages import csrf, headers


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_about_shows_the_default_then_what_the_sysadmin_writes(app):
    page = app.get("/about").get_data(as_text=True)
    assert "如何申请" in page
    assert "What you find here" not in page
    sysadmin = headers(factories.Sysadmin())
    form = app.get("/ckan-admin/config", headers=sysadmin)
    body = form.get_data(as_text=True)
    assert "显示在平台“关于”页面的 Markdown 文字" in body and "docs.ckan.org" not in body
    saved = app.post("/ckan-admin/config", headers=sysadmin, follow_redirects=False, data={
        "_csrf_token": csrf(form), "ckan.site_title": "达州市公共数据开放平台",
        "ckan.site_about": "## 平台简介\n\n由市大数据局运行的测试文字。", "save": ""})
    assert saved.status_code in (200, 302)
    about = app.get("/about").get_data(as_text=True)
    assert "由市大数据局运行的测试文字。" in about and "<h2>平台简介</h2>" in about
    assert "如何申请" not in about  # the default is replaced, not appended
    citizen = headers(factories.User())
    assert app.get("/ckan-admin/config", headers=citizen).status_code == 403
