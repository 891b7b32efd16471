"""Open-data application pages (Art. 27): apply on a dataset or by description; the holder decides."""
from __future__ import annotations

import pytest
from ckan.tests import factories, helpers

from ckanext.dazhou.tests.factories import as_user, create_dataset, create_department, department_user
from ckanext.dazhou.tests.ui_workflows.pages import csrf, headers


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_apply_on_dataset_and_approve(app):
    org = create_department()
    dataset = create_dataset(owner_org=org["id"], open_type="conditional", open_conditions="实名注册")
    citizen, owner = factories.User(), department_user(org, "editor")

    form = app.get(f"/dataset/{dataset['name']}/open-apply", headers=headers(citizen))
    assert "实名注册" in form.get_data(as_text=True)
    sent = app.post(f"/dataset/{dataset['name']}/open-apply", headers=headers(citizen),
                    follow_redirects=False, data={"_csrf_token": csrf(form), "purpose": "交通研究"})
    assert sent.status_code == 302

    incoming = app.get("/dashboard/open-applications?role=owner", headers=headers(owner))
    assert "交通研究" in incoming.get_data(as_text=True)
    application = helpers.call_action("dazhou_open_application_list", as_user(citizen))["results"][0]
    app.post(f"/open-application/{application['id']}/decide", headers=headers(owner),
             data={"_csrf_token": csrf(incoming), "role": "owner", "decision": "approve"})
    decided = helpers.call_action("dazhou_open_application_list", as_user(citizen))["results"][0]
    assert decided["state"] == "approved" and decided["grant_id"]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_apply_by_description_to_a_department(app):
    org = create_department(title="达州市交通运输局")
    citizen = factories.User()
    form = app.get(f"/open-apply?organization={org['name']}", headers=headers(citizen))
    text = form.get_data(as_text=True)
    assert "达州市交通运输局" in text and f'value="{org["id"]}" selected' in text
    missing = app.post("/open-apply", headers=headers(citizen),
                       data={"_csrf_token": csrf(form), "organization_id": org["id"], "purpose": "研究"})
    assert "error-block" in missing.get_data(as_text=True)
    sent = app.post("/open-apply", headers=headers(citizen), follow_redirects=False,
                    data={"_csrf_token": csrf(form), "organization_id": org["id"],
                          "description": "公交线路站点", "purpose": "研究"})
    assert sent.status_code == 302
    mine = helpers.call_action("dazhou_open_application_list", as_user(citizen))["results"]
    assert [(a["owner_org_id"], a["description"]) for a in mine] == [(org["id"], "公交线路站点")]
    anonymous = app.get("/open-apply", follow_redirects=False)  # signs in, comes back
    assert anonymous.status_code == 302 and "/user/login" in anonymous.location
