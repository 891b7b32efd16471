"""Error feedback pages (Art. 22): a citizen reports, the providing department answers."""
from __future__ import annotations

import pytest
from ckan.tests import factories, helpers

from ckanext.dazhou.tests.factories import as_user, create_dataset, create_department, department_user
from ckanext.dazhou.tests.ui_workflows.pages import csrf, headers


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_report_and_answer(app):
    org = create_department()
    dataset = create_dataset(owner_org=org["id"])
    citizen, owner = factories.User(), department_user(org, "editor")
    reporter = headers(citizen)

    form = app.get(f"/dataset/{dataset['name']}/feedback", headers=reporter)
    assert form.status_code == 200
    empty = app.post(f"/dataset/{dataset['name']}/feedback", headers=reporter,
                     data={"_csrf_token": csrf(form), "description": ""})
    assert "error-block" in empty.get_data(as_text=True)
    sent = app.post(f"/dataset/{dataset['name']}/feedback", headers=reporter, follow_redirects=False,
                    data={"_csrf_token": csrf(form), "description": "通川区2025年数据缺失"})
    assert sent.status_code == 302 and "/dashboard/feedback" in sent.headers["Location"]

    incoming = app.get("/dashboard/feedback?role=owner", headers=headers(owner))
    text = incoming.get_data(as_text=True)
    assert "通川区2025年数据缺失" in text and dataset["title"] in text
    feedback_id = helpers.call_action("dazhou_feedback_list", as_user(owner), role="owner")["results"][0]["id"]
    assert f"/feedback/{feedback_id}/reply" in text
    app.post(f"/feedback/{feedback_id}/reply", headers=headers(owner), follow_redirects=True,
             data={"_csrf_token": csrf(incoming), "role": "owner", "outcome": "accepted", "reply": "已补充"})

    mine = helpers.call_action("dazhou_feedback_list", as_user(citizen))["results"][0]
    assert mine["state"] == "accepted" and mine["reply"] == "已补充"
    assert "已补充" in app.get("/dashboard/feedback", headers=reporter).get_data(as_text=True)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_rejection_without_reason_is_refused(app):
    org = create_department()
    dataset = create_dataset(owner_org=org["id"])
    citizen, owner = factories.User(), department_user(org, "editor")
    helpers.call_action("dazhou_feedback_create", as_user(citizen), package_id=dataset["id"], description="错")
    feedback_id = helpers.call_action("dazhou_feedback_list", as_user(citizen))["results"][0]["id"]
    page = app.get("/dashboard/feedback?role=owner", headers=headers(owner))
    app.post(f"/feedback/{feedback_id}/reply", headers=headers(owner),
             data={"_csrf_token": csrf(page), "outcome": "rejected", "reply": ""})
    assert helpers.call_action("dazhou_feedback_list", as_user(citizen))["results"][0]["state"] == "submitted"
    stranger = department_user(create_department(), "editor")
    other = app.get("/dashboard/feedback?role=owner", headers=headers(stranger)).get_data(as_text=True)
    assert "/reply" not in other
