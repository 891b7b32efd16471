"""The home page's figures and newest entries are those the visitor may see (Art. 25, 26)."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from ckanext.dazhou.tests.factories import create_dataset, create_department, department_user
from ckanext.dazhou.tests.ui_workflows.pages import headers


def _home(app, as_headers=None) -> BeautifulSoup:
    response = app.get("/", headers=as_headers)
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _figures(page: BeautifulSoup) -> list[str]:
    return [card.select_one(".display-6").get_text(strip=True)
            for card in page.select(".dz-home-figures .card")]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_figures_and_newest_entries_follow_the_visitors_rights(app):
    police = create_department(title="达州市公安局")
    create_dataset(owner_org=police["id"], title="公开的交通数据", open_type="open")
    create_dataset(owner_org=police["id"], title="有条件开放的人口统计", open_type="conditional",
                   open_conditions="科研用途", confidentiality_review="passed",
                   confidentiality_reviewer="张三", confidentiality_review_date="2026-01-05")
    create_dataset(owner_org=police["id"], title="案件侦办记录", open_type="closed",
                   share_type="none", non_share_basis_type="law", non_share_basis="《刑事诉讼法》")

    public = _home(app)
    assert _figures(public) == ["2", "1", "1", "1"]  # entries, open, conditional, departments
    newest = public.select_one(".dz-home-newest").get_text()
    assert "公开的交通数据" in newest and "案件侦办记录" not in newest

    insider = _home(app, headers(department_user(police, "member")))
    assert _figures(insider)[0] == "3"
    assert "案件侦办记录" in insider.select_one(".dz-home-newest").get_text()


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_the_home_page_names_the_platform_and_its_public_doors(app):
    page = _home(app)
    assert "达州市" in page.select_one(".dz-site-title").get_text()
    assert not page.select("img[src*='ckan-logo']")
    doors = page.select_one(".dz-home-doors")
    assert doors.select_one("a[href='/open-apply']") and doors.select_one("a[href*='catalog.ttl']")
    assert "暂无信息资源" in page.get_text()
