"""A resource the viewer may not use says why in Chinese and links to the application, on its
page and as the download's 403 page (issue 14, the public)."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from ckan.tests import factories

from ckanext.dazhou.tests.factories import create_dataset, create_department, department_user
from ckanext.dazhou.tests.ui_workflows.pages import headers


@pytest.fixture
def world(clean_db, clean_index, with_plugins):
    org = create_department()
    dataset = create_dataset(owner_org=org["id"], share_type="conditional",
                             share_conditions="仅限政务核验", open_type="conditional",
                             open_conditions="实名申请",
                             resources=[{"name": "人口表", "url": "https://data.dazhou.gov.cn/p.csv",
                                         "format": "csv"}])
    res = dataset["resources"][0]["id"]
    return {"org": org, "dataset": dataset,
            "page": f"/dataset/{dataset['name']}/resource/{res}",
            "download": f"/dataset/{dataset['name']}/resource/{res}/download"}


def test_anonymous_resource_page_explains_conditional_opening(app, world):
    page = app.get(world["page"]).get_data(as_text=True)
    assert "该资源为有条件开放" in page and "实名申请" in page and "第二十七条" in page
    assert "/user/login?came_from=" + quote(f"/dataset/{world['dataset']['name']}/open-apply",
                                            safe="/") in page
    assert "该资源暂时没有视图" not in page and "dz-resource-refused" in page


def test_download_refusal_is_a_chinese_403_with_the_application(app, world):
    response = app.get(world["download"], headers=headers(factories.User()))
    body = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "无权下载该资源" in body and "Not authorized" not in body
    assert "该资源为有条件开放" in body
    assert f'href="/dataset/{world["dataset"]["name"]}/open-apply"' in body


def test_other_department_is_offered_both_applications(app, world):
    staff = headers(department_user(create_department(), "member"))
    page = app.get(world["page"], headers=staff).get_data(as_text=True)
    name = world["dataset"]["name"]
    assert f'href="/dataset/{name}/open-apply"' in page and f'href="/dataset/{name}/share-apply"' in page


def test_provider_sees_the_data_view_not_the_explanation(app, world):
    editor = headers(department_user(world["org"], "editor"))
    assert "dz-resource-refused" not in app.get(world["page"], headers=editor).get_data(as_text=True)
    assert app.get(world["download"], headers=editor, follow_redirects=False).status_code == 302


def test_not_shared_closed_dataset_says_so_to_other_departments(app, world):
    closed = create_dataset(owner_org=world["org"]["id"], share_type="none",
                            non_share_basis_type="law", non_share_basis="《保密法》", open_type="closed",
                            resources=[{"name": "表", "url": "https://data.dazhou.gov.cn/c.csv",
                                        "format": "csv"}])
    staff = headers(department_user(create_department(), "member"))
    url = f"/dataset/{closed['name']}/resource/{closed['resources'][0]['id']}"
    page = app.get(url, headers=staff).get_data(as_text=True)
    assert "该资源不予共享" in page and "share-apply" not in page
