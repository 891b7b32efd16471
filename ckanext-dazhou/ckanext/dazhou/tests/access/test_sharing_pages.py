"""The share application pages, clicked through as the two departments would."""
from __future__ import annotations

import re

import pytest
from ckan.tests import helpers

from ckanext.dazhou.tests.factories import (
    create_dataset, create_department, department_user, site_context)


def token(user):
    return helpers.call_action("api_token_create", site_context(), user=user["name"], name="t")["token"]


def csrf(response) -> str:
    return re.search(r'name="_csrf_token" value="([^"]+)"', response.get_data(as_text=True)).group(1)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_apply_answer_and_inspect(app):
    owner_org, applicant_org = create_department(), create_department()
    dataset = create_dataset(owner_org=owner_org["id"], share_type="conditional",
                             share_conditions="仅限身份核验", open_type="closed",
                             resources=[{"name": "核验接口", "url": "https://x.gov.cn/api", "format": "api"}])
    applicant = {"Authorization": token(department_user(applicant_org, "member"))}
    owner = {"Authorization": token(department_user(owner_org, "editor"))}

    form = app.get(f"/dataset/{dataset['name']}/share-apply", headers=applicant)
    assert form.status_code == 200 and "仅限身份核验" in form.get_data(as_text=True)
    empty = app.post(f"/dataset/{dataset['name']}/share-apply", headers=applicant,
                     data={"_csrf_token": csrf(form), "purpose": "", "scope": "窗口", "legal_basis": "法"})
    assert re.search(r'error-block">\s*缺失值', empty.get_data(as_text=True))
    done = app.post(f"/dataset/{dataset['name']}/share-apply", headers=applicant, follow_redirects=False,
                    data={"_csrf_token": csrf(form), "purpose": "窗口核验身份", "scope": "本局窗口",
                          "legal_basis": "《社会保险法》", "resource_ids": dataset["resources"][0]["id"]})
    assert done.status_code == 302
    application_url = done.headers["Location"]

    incoming = app.get("/dashboard/share-applications?role=owner", headers=owner).get_data(as_text=True)
    assert dataset["title"] in incoming and "待答复" in incoming
    page = app.get(application_url, headers=owner)
    assert "窗口核验身份" in page.get_data(as_text=True)
    decided = app.post(application_url + "/decide", headers=owner, follow_redirects=True,
                       data={"_csrf_token": csrf(page), "decision": "approve", "reason": "同意"})
    assert "已同意" in decided.get_data(as_text=True)

    access = app.get(f"/dataset/{dataset['name']}/access", headers=owner).get_data(as_text=True)
    assert applicant_org["title"] in access
    assert app.get(f"/dataset/{dataset['name']}/access", headers=applicant).status_code == 403
