"""Workflow buttons on the dataset page, and recording a data change (Art. 13, 20)."""
from __future__ import annotations

import pytest
from ckan.tests import factories

from ckanext.dazhou.tests.factories import create_dataset, create_department, department_user
from ckanext.dazhou.tests.ui_workflows.pages import csrf, headers


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_buttons_follow_roles(app):
    org = create_department()
    dataset = create_dataset(owner_org=org["id"], share_type="conditional", share_conditions="条件",
                             open_type="conditional", open_conditions="实名")
    url = f"/dataset/{dataset['name']}"
    editor = app.get(url, headers=headers(department_user(org, "editor"))).get_data(as_text=True)
    assert f"{url}/data-change" in editor and f"{url}/access" in editor
    assert f"{url}/share-apply" not in editor and f"{url}/open-apply" not in editor
    other = app.get(url, headers=headers(department_user(create_department(), "member"))).get_data(as_text=True)
    assert f"{url}/share-apply" in other and f"{url}/data-change" not in other
    citizen = app.get(url, headers=headers(factories.User())).get_data(as_text=True)
    assert f"{url}/feedback" in citizen and f"{url}/open-apply" in citizen
    assert f"{url}/share-apply" not in citizen and f"{url}/access" not in citizen
    anonymous = app.get(url).get_data(as_text=True)  # the same forms, through the login page
    assert f'href="{url}/feedback"' not in anonymous
    assert f'href="/user/login?came_from={url}/feedback"' in anonymous


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_record_data_change(app):
    org = create_department()
    dataset = create_dataset(owner_org=org["id"])
    editor = headers(department_user(org, "editor"))
    form = app.get(f"/dataset/{dataset['name']}/data-change", headers=editor)
    done = app.post(f"/dataset/{dataset['name']}/data-change", headers=editor, follow_redirects=True,
                    data={"_csrf_token": csrf(form), "changed_on": "2026-03-02", "note": "新增字段"})
    assert "2026-03-09" in done.get_data(as_text=True)  # 5 working days after Monday 2 March
    citizen = headers(factories.User())
    assert app.get(f"/dataset/{dataset['name']}/data-change", headers=citizen).status_code == 403
