"""Share applications (Art. 18, 21, 23): apply, answer, escalate, grants, the access log."""
from __future__ import annotations

import datetime as dt

import pytest
from ckan import model
from ckan.plugins import toolkit as tk
from ckan.tests import helpers

from ckanext.dazhou.tests.factories import (
    as_user, create_dataset, create_department, department_user, site_context)


def call(name, user, **data):
    return helpers.call_action(name, as_user(user), **data)


@pytest.fixture
def world(clean_db, clean_index, with_request_context):
    owner_org, applicant_org, bureau_org = (
        create_department(), create_department(), create_department(name="dz-dsjj"))
    dataset = create_dataset(
        owner_org=owner_org["id"], share_type="conditional", share_conditions="仅限政务核验",
        open_type="closed", resources=[{"name": "数据文件", "url": "https://data.dazhou.gov.cn/f.csv",
                                        "format": "csv"}])
    return {
        "dataset": dataset,
        "owner": department_user(owner_org, "editor"),
        "applicant": department_user(applicant_org, "member"),
        "applicant_org": applicant_org,
        "bureau": department_user(bureau_org, "editor"),
        "outsider": department_user(create_department(), "editor"),
    }


def apply(world, **overrides):
    data = {"package_id": world["dataset"]["id"], "purpose": "办理社保业务时核验身份",
            "scope": "本局社保经办窗口", "legal_basis": "《社会保险法》第X条"}
    data.update(overrides)
    return call("dazhou_share_application_create", world["applicant"], **data)


def resource_url(user, dataset):
    return call("package_show", user, id=dataset["id"])["resources"][0]["url"]


@pytest.mark.usefixtures("with_plugins")
class TestApply:
    def test_application_is_recorded_with_deadline(self, world):
        application = apply(world)
        assert application["state"] == "submitted"
        assert application["purpose"] == "办理社保业务时核验身份"
        assert application["applicant_org_id"] == world["applicant_org"]["id"]
        assert application["working_days_left"] == 10
        assert application["resource_ids"] == [world["dataset"]["resources"][0]["id"]]

    @pytest.mark.ckan_config("smtp.mail_from", "")
    def test_a_site_without_mail_settings_still_takes_applications(self, world):
        # CKAN's mailer raises AttributeError without smtp.mail_from (a fresh deployment)
        assert apply(world)["state"] == "submitted"

    def test_purpose_is_required(self, world):
        with pytest.raises(tk.ValidationError) as raised:
            apply(world, purpose="")
        assert "purpose" in raised.value.error_dict

    def test_unconditional_and_not_shared_data_cannot_be_applied_for(self, world):
        for share in ({"share_type": "unconditional"},
                      {"share_type": "none", "non_share_basis_type": "law", "non_share_basis": "法"}):
            dataset = create_dataset(open_type="closed", **share)
            with pytest.raises(tk.ValidationError) as raised:
                apply(world, package_id=dataset["id"])
            assert "第十八条" in raised.value.error_dict["package_id"][0]

    def test_public_users_cannot_apply(self, world):
        from ckan.tests import factories
        with pytest.raises(tk.NotAuthorized):
            call("dazhou_share_application_create", factories.User(),
                 package_id=world["dataset"]["id"], purpose="x", scope="x", legal_basis="x")

    def test_a_second_pending_application_is_refused(self, world):
        apply(world)
        with pytest.raises(tk.ValidationError):
            apply(world)


@pytest.mark.usefixtures("with_plugins")
class TestDecide:
    def test_approval_grants_the_department(self, world):
        assert resource_url(world["applicant"], world["dataset"]) == ""
        application = apply(world)
        decided = call("dazhou_share_application_decide", world["owner"], id=application["id"],
                       decision="approve")
        assert decided["state"] == "approved" and decided["grant_id"]
        assert resource_url(world["applicant"], world["dataset"]) == "https://data.dazhou.gov.cn/f.csv"
        # scoped to the applying department: others still see no URL
        assert resource_url(world["outsider"], world["dataset"]) == ""

    def test_a_use_under_the_grant_is_logged_with_its_purpose(self, world):
        """Art. 21: use only for the stated purpose, and logged: the log names the grant."""
        from ckanext.dazhou.model import AccessLogEntry
        application = apply(world)
        decided = call("dazhou_share_application_decide", world["owner"], id=application["id"],
                       decision="approve")
        resource_id = world["dataset"]["resources"][0]["id"]
        call("resource_show", world["applicant"], id=resource_id)
        call("resource_show", world["owner"], id=resource_id)  # its own department: no grant
        entries = {e.user_id: e.grant_id for e in model.Session.query(AccessLogEntry)}
        assert entries == {world["applicant"]["id"]: decided["grant_id"], world["owner"]["id"]: None}
        log = call("dazhou_access_log_list", world["owner"], package_id=world["dataset"]["id"])
        assert {r["user_id"]: r["purpose"] for r in log["results"]} == {
            world["applicant"]["id"]: "办理社保业务时核验身份", world["owner"]["id"]: None}

    def test_refusal_needs_a_reason(self, world):
        application = apply(world)
        with pytest.raises(tk.ValidationError) as raised:
            call("dazhou_share_application_decide", world["owner"], id=application["id"],
                 decision="refuse")
        assert "reason" in raised.value.error_dict

    def test_only_the_owner_department_decides(self, world):
        application = apply(world)
        for user in (world["applicant"], world["outsider"]):
            with pytest.raises(tk.NotAuthorized):
                call("dazhou_share_application_decide", user, id=application["id"],
                     decision="approve")

    def test_expired_grant_gives_no_access(self, world):
        application = apply(world)
        yesterday = (dt.date.today() - dt.timedelta(days=2)).isoformat()
        call("dazhou_share_application_decide", world["owner"], id=application["id"],
             decision="approve", expires=yesterday)
        assert resource_url(world["applicant"], world["dataset"]) == ""

    def test_revoked_grant_gives_no_access(self, world):
        application = apply(world)
        decided = call("dazhou_share_application_decide", world["owner"], id=application["id"],
                       decision="approve")
        call("dazhou_grant_revoke", world["owner"], id=decided["grant_id"], reason="超出用途使用")
        assert resource_url(world["applicant"], world["dataset"]) == ""
        grants = call("dazhou_grant_list", world["owner"], package_id=world["dataset"]["id"])
        assert grants[0]["revoke_reason"] == "超出用途使用" and not grants[0]["active"]


@pytest.mark.usefixtures("with_plugins")
class TestEscalate:
    def test_refusal_escalated_and_decided_by_the_bureau(self, world):
        application = apply(world)
        call("dazhou_share_application_decide", world["owner"], id=application["id"],
             decision="refuse", reason="用途不明确")
        escalated = call("dazhou_share_application_escalate", world["applicant"],
                         id=application["id"], reason="用途已在申请中说明")
        assert escalated["state"] == "escalated"
        with pytest.raises(tk.NotAuthorized):  # the owner no longer decides
            call("dazhou_share_application_decide", world["owner"], id=application["id"],
                 decision="refuse", reason="x")
        decided = call("dazhou_share_application_decide", world["bureau"], id=application["id"],
                       decision="approve", reason="协调后同意")
        assert decided["state"] == "approved"
        history = call("dazhou_share_application_show", world["applicant"], id=application["id"])
        assert [(e["from_state"], e["to_state"]) for e in history["events"]] == [
            (None, "submitted"), ("submitted", "refused"), ("refused", "escalated"),
            ("escalated", "approved")]
        assert [e["actor_name"] for e in history["events"]] == [
            world["applicant"]["name"], world["owner"]["name"], world["applicant"]["name"],
            world["bureau"]["name"]]

    def test_only_refused_applications_escalate(self, world):
        application = apply(world)
        with pytest.raises(tk.ValidationError):
            call("dazhou_share_application_escalate", world["applicant"], id=application["id"],
                 reason="x")


@pytest.mark.usefixtures("with_plugins")
class TestLists:
    def test_applicant_and_owner_see_their_sides(self, world):
        application = apply(world)
        mine = call("dazhou_share_application_list", world["applicant"], role="applicant")
        incoming = call("dazhou_share_application_list", world["owner"], role="owner")
        assert [a["id"] for a in mine["results"]] == [application["id"]]
        assert [a["id"] for a in incoming["results"]] == [application["id"]]
        assert incoming["results"][0]["working_days_left"] == 10
        assert call("dazhou_share_application_list", world["outsider"], role="owner")["count"] == 0
        with pytest.raises(tk.NotAuthorized):
            call("dazhou_share_application_show", world["outsider"], id=application["id"])


@pytest.mark.usefixtures("with_plugins")
class TestAccessLog:
    def test_every_access_to_conditional_resources_is_logged(self, world):
        resource_id = world["dataset"]["resources"][0]["id"]
        with pytest.raises(tk.NotAuthorized):
            call("resource_show", world["applicant"], id=resource_id)
        application = apply(world)
        call("dazhou_share_application_decide", world["owner"], id=application["id"],
             decision="approve")
        call("resource_show", world["applicant"], id=resource_id)
        log = call("dazhou_access_log_list", world["owner"], package_id=world["dataset"]["id"])
        assert [(e["user_name"], e["allowed"]) for e in log["results"]] == [
            (world["applicant"]["name"], True), (world["applicant"]["name"], False)]
        with pytest.raises(tk.NotAuthorized):
            call("dazhou_access_log_list", world["applicant"], package_id=world["dataset"]["id"])


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestClosingADataset:
    def test_old_activities_disappear_for_the_public(self):
        from ckan.tests import factories
        admin = factories.Sysadmin()  # the site user's activities are hidden anyway
        dataset = create_dataset(as_user(admin), title="曾经开放的数据")
        anonymous = {"user": "", "ignore_auth": False}
        recent = helpers.call_action("recently_changed_packages_activity_list", anonymous)
        assert dataset["id"] in {a["object_id"] for a in recent}
        helpers.call_action("package_patch", as_user(admin), id=dataset["id"], open_type="closed")
        recent = helpers.call_action("recently_changed_packages_activity_list", anonymous)
        assert dataset["id"] not in {a["object_id"] for a in recent}
        with pytest.raises(tk.ObjectNotFound):
            helpers.call_action("package_activity_list", anonymous, id=dataset["id"])
