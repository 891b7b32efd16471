"""Open-data applications (Art. 27): approval of a conditional-open dataset grants its resources."""
from __future__ import annotations

import pytest
from ckan.plugins import toolkit as tk
from ckan.tests import factories, helpers

from ckanext.dazhou.tests.factories import as_user, create_dataset, create_department, department_user

URL = "https://data.dazhou.gov.cn/files/enterprise.csv"


@pytest.fixture
def world(clean_db, clean_index, with_request_context):
    org = create_department()
    return {"org": org, "owner": department_user(org, "editor"), "citizen": factories.User(),
            "conditional": create_dataset(owner_org=org["id"], open_type="conditional",
                                          open_conditions="科研用途",
                                          resources=[{"name": "文件", "url": URL, "format": "csv"}]),
            "closed": create_dataset(owner_org=org["id"], open_type="closed")}


def url_seen_by(user, dataset):
    return helpers.call_action("package_show", as_user(user), id=dataset["id"])["resources"][0]["url"]


@pytest.mark.usefixtures("with_plugins")
class TestOpenApplications:
    def test_approval_grants_the_applicant_only(self, world):
        assert url_seen_by(world["citizen"], world["conditional"]) == ""
        application = helpers.call_action("dazhou_open_application_create", as_user(world["citizen"]),
                                          package_id=world["conditional"]["id"], purpose="学术研究")
        assert application["reply_due"] and application["state"] == "submitted"
        decided = helpers.call_action("dazhou_open_application_decide", as_user(world["owner"]),
                                      id=application["id"], decision="approve")
        assert decided["grant_id"]
        assert url_seen_by(world["citizen"], world["conditional"]) == URL
        assert url_seen_by(factories.User(), world["conditional"]) == ""

    def test_public_cannot_name_a_closed_dataset(self, world):
        with pytest.raises(tk.ValidationError) as raised:
            helpers.call_action("dazhou_open_application_create", as_user(world["citizen"]),
                                package_id=world["closed"]["name"], purpose="x")
        assert "package_id" in raised.value.error_dict  # same answer as for no dataset at all

    def test_free_description_to_a_department(self, world):
        application = helpers.call_action(
            "dazhou_open_application_create", as_user(world["citizen"]),
            organization_id=world["org"]["id"], purpose="研究", description="历年企业注销数量")
        assert application["package_id"] is None
        with pytest.raises(tk.ValidationError) as raised:
            helpers.call_action("dazhou_open_application_decide", as_user(world["owner"]),
                                id=application["id"], decision="refuse")
        assert "reason" in raised.value.error_dict
        mine = helpers.call_action("dazhou_open_application_list", as_user(world["citizen"]))
        incoming = helpers.call_action("dazhou_open_application_list", as_user(world["owner"]), role="owner")
        assert [a["id"] for a in mine["results"]] == [a["id"] for a in incoming["results"]] == [application["id"]]

    def test_anonymous_cannot_apply(self, world):
        with pytest.raises(tk.NotAuthorized):
            helpers.call_action("dazhou_open_application_create", {"user": "", "ignore_auth": False},
                                organization_id=world["org"]["id"], purpose="x", description="y")
