"""Each violation appears when its deadline passes and disappears when the duty is met."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.plugins import toolkit as tk
from ckan.tests import factories, helpers
from freezegun import freeze_time

from ckanext.dazhou.tests.factories import (
    as_user, create_dataset, create_department, department_user, site_context)


@pytest.fixture
def world(clean_db, clean_index, with_request_context):
    owner_org, other_org = create_department(), create_department()
    bureau_org = create_department(name="dz-dsjj")
    return {"owner_org": owner_org, "other_org": other_org,
            "owner": department_user(owner_org, "editor"),
            "other": department_user(other_org, "member"),
            "bureau": department_user(bureau_org, "member")}


def backdate(dataset, when: str):
    """Move a dataset's and its resources' timestamps into the past.

    CKAN's models take their defaults from the real clock (bound at import), which freezegun
    cannot move, so the tests set the history they need directly.
    """
    params = {"id": dataset["id"], "when": when}
    model.Session.execute(sa.text(
        "update package set metadata_created = :when, metadata_modified = :when where id = :id"), params)
    model.Session.execute(sa.text(
        "update resource set created = :when, metadata_modified = :when, last_modified = null "
        "where package_id = :id"), params)
    model.Session.commit()


def violations(user, **filters):
    return helpers.call_action("dazhou_violation_list", as_user(user), **filters)


def kinds(user, **filters):
    return {(r["kind"], r["item_id"]): r for r in violations(user, **filters)["results"]}


@pytest.mark.usefixtures("with_plugins")
class TestShareReplyDeadline:
    def test_appears_after_ten_working_days_across_national_day(self, world):
        with freeze_time("2026-09-28 02:00:00"):  # Monday, Beijing morning
            dataset = create_dataset(owner_org=world["owner_org"]["id"], share_type="conditional",
                                     share_conditions="条件", open_type="closed")
            application = helpers.call_action(
                "dazhou_share_application_create", as_user(world["other"]),
                package_id=dataset["id"], purpose="用途", scope="范围", legal_basis="依据")
        assert application["reply_due"] == "2026-10-16"
        with freeze_time("2026-10-16 08:00:00"):
            assert ("share_reply_overdue", application["id"]) not in kinds(world["bureau"])
        with freeze_time("2026-10-19 08:00:00"):
            row = kinds(world["bureau"])[("share_reply_overdue", application["id"])]
            assert row["days_overdue"] == 1 and row["deadline"] == "2026-10-16"
            assert row["org_id"] == world["owner_org"]["id"] and row["article"] == "18"
            assert row["evidence_url"].endswith(f"/share-application/{application['id']}")
            helpers.call_action("dazhou_share_application_decide", as_user(world["owner"]),
                                id=application["id"], decision="approve")
            assert ("share_reply_overdue", application["id"]) not in kinds(world["bureau"])


@pytest.mark.usefixtures("with_plugins")
class TestFeedbackAndOpenDeadlines:
    def test_feedback_five_working_days(self, world):
        citizen = factories.User()
        with freeze_time("2026-09-30 02:00:00"):  # Wed before National Day
            dataset = create_dataset(owner_org=world["owner_org"]["id"])
            feedback = helpers.call_action("dazhou_feedback_create", as_user(citizen),
                                           package_id=dataset["id"], description="统计口径有误")
        # 30 Sep + 5 WD: 8, 9, 10 (make-up Sat), 12, 13 Oct
        assert feedback["reply_due"] == "2026-10-13"
        with freeze_time("2026-10-14 08:00:00"):
            assert ("feedback_reply_overdue", feedback["id"]) in kinds(world["owner"])
            helpers.call_action("dazhou_feedback_reply", as_user(world["owner"]), id=feedback["id"],
                                outcome="accepted", reply="已更正")
            assert ("feedback_reply_overdue", feedback["id"]) not in kinds(world["owner"])

    def test_open_application_ten_working_days(self, world):
        citizen = factories.User()
        with freeze_time("2026-11-02 02:00:00"):
            application = helpers.call_action(
                "dazhou_open_application_create", as_user(citizen),
                organization_id=world["owner_org"]["id"], purpose="科研",
                description="全市历年企业注册数量")
        assert application["reply_due"] == "2026-11-16"
        with freeze_time("2026-11-17 08:00:00"):
            assert ("open_reply_overdue", application["id"]) in kinds(world["bureau"])
            helpers.call_action("dazhou_open_application_decide", as_user(world["owner"]),
                                id=application["id"], decision="refuse", reason="涉及商业秘密")
            assert ("open_reply_overdue", application["id"]) not in kinds(world["bureau"])


@pytest.mark.usefixtures("with_plugins")
class TestDataChangeDeadlines:
    def test_shared_data_and_catalog_updates(self, world):
        with freeze_time("2026-09-28 02:00:00"):
            dataset = create_dataset(owner_org=world["owner_org"]["id"], update_cycle="irregular",
                                     resources=[{"name": "数据", "url": "https://x/a.csv", "format": "csv"}])
            backdate(dataset, "2026-09-27 10:00:00")
            change = helpers.call_action("dazhou_data_change_record", as_user(world["owner"]),
                                         package_id=dataset["id"], note="新增2026年数据")
        assert (change["shared_due"], change["catalog_due"]) == ("2026-10-10", "2026-10-16")
        with freeze_time("2026-10-12 08:00:00"):
            found = kinds(world["owner"])
            assert ("shared_data_not_updated", change["id"]) in found
            assert ("catalog_not_updated", change["id"]) not in found
            helpers.call_action("resource_patch", site_context(), id=dataset["resources"][0]["id"],
                                last_modified="2026-10-12T08:00:00")
            assert ("shared_data_not_updated", change["id"]) not in kinds(world["owner"])
        with freeze_time("2026-10-19 08:00:00"):
            # the resource update above also updated the dataset: the catalog duty is met
            assert ("catalog_not_updated", change["id"]) not in kinds(world["owner"])

    def test_catalog_not_updated(self, world):
        with freeze_time("2026-09-28 02:00:00"):
            dataset = create_dataset(owner_org=world["owner_org"]["id"], update_cycle="irregular")
            backdate(dataset, "2026-09-27 10:00:00")
            change = helpers.call_action("dazhou_data_change_record", as_user(world["owner"]),
                                         package_id=dataset["id"])
        with freeze_time("2026-10-19 08:00:00"):
            row = kinds(world["owner"])[("catalog_not_updated", change["id"])]
            assert row["days_overdue"] == 1 and row["article"] == "13"
            helpers.call_action("package_patch", site_context(), id=dataset["id"], notes="已更新目录")
            assert ("catalog_not_updated", change["id"]) not in kinds(world["owner"])


@pytest.mark.usefixtures("with_plugins")
class TestStaleDatasets:
    def test_daily_dataset_not_updated(self, world):
        with freeze_time("2026-10-01 02:00:00"):
            dataset = create_dataset(owner_org=world["owner_org"]["id"], update_cycle="weekly",
                                     resources=[{"name": "数据", "url": "https://x/a.csv", "format": "csv"}])
        backdate(dataset, "2026-10-01 02:00:00")
        with freeze_time("2026-10-08 01:00:00"):
            assert ("stale_dataset", dataset["id"]) not in kinds(world["owner"])
        with freeze_time("2026-10-12 08:00:00"):
            row = kinds(world["owner"])[("stale_dataset", dataset["id"])]
            assert row["unit"] == "days" and row["days_overdue"] == 4
            helpers.call_action("resource_patch", site_context(), id=dataset["resources"][0]["id"],
                                last_modified="2026-10-12T08:00:00")
            assert ("stale_dataset", dataset["id"]) not in kinds(world["owner"])


@pytest.mark.usefixtures("with_plugins")
class TestWhoSeesWhat:
    def test_departments_see_only_their_own_and_the_public_nothing(self, world):
        with freeze_time("2026-10-01 02:00:00"):
            mine = create_dataset(owner_org=world["owner_org"]["id"], update_cycle="daily",
                                  share_methods=["api"], api_description="接口", api_endpoint="https://x/api")
            theirs = create_dataset(owner_org=world["other_org"]["id"], update_cycle="daily",
                                    share_methods=["api"], api_description="接口", api_endpoint="https://x/api")
        backdate(mine, "2026-10-01 02:00:00")
        backdate(theirs, "2026-10-01 02:00:00")
        with freeze_time("2026-10-12 08:00:00"):
            assert {r["package_id"] for r in violations(world["owner"])["results"]} == {mine["id"]}
            assert {r["package_id"] for r in violations(world["bureau"])["results"]} == {mine["id"], theirs["id"]}
            with pytest.raises(tk.NotAuthorized):
                violations(world["owner"], organization=world["other_org"]["id"])
            with pytest.raises(tk.NotAuthorized):
                violations(factories.User())
            ratios = {r["org_id"]: r for r in violations(world["owner"])["ratios"]}
            assert list(ratios) == [world["owner_org"]["id"]]
            assert ratios[world["owner_org"]["id"]]["share_ratio"] == 1.0
