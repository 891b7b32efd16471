"""The header's new-activities count (logic/dashboard_count.py) is CKAN's count in every case,
and costs one statement when nothing can be new."""
from __future__ import annotations

import pytest
from ckan import model
from ckan.tests import factories, helpers
from ckanext.activity.logic.action import dashboard_new_activities_count as ckan_count
from ckanext.activity.model import Activity

from ckanext.dazhou.tests.factories import (
    create_dataset, create_department, department_user, site_context)
from ckanext.dazhou.tests.speed.counting import counting


def _both(user: dict, **data) -> tuple[int, int]:
    ours = helpers.call_action("dashboard_new_activities_count", {"user": user["name"]}, **data)
    context = {"user": user["name"], "auth_user_obj": model.User.get(user["name"])}
    return ours, ckan_count(context, dict(data))


def _activity_about(user: dict, by: dict) -> None:
    model.Session.add(Activity(by["id"], user["id"], "changed user", {"user": {}}))
    model.Session.commit()


@pytest.fixture
def people(with_plugins, clean_db):
    org = create_department()
    return {"org": org, "staff": department_user(org, "member"), "other": factories.User(),
            "sysadmin": factories.Sysadmin()}


def test_following_nothing_and_nothing_about_the_user_is_zero_in_one_statement(people):
    staff = people["staff"]
    create_dataset(owner_org=people["org"]["id"])  # others' activity, in the user's department
    assert _both(staff) == (0, 0)
    helpers.call_action("dashboard_new_activities_count", {"user": staff["name"]})  # warm
    with counting() as counts:
        helpers.call_action("dashboard_new_activities_count", {"user": staff["name"]})
    # beside loading the user (check_access and the action; one in a request): one question
    asked = [sql for sql in counts.sql if not sql.startswith('SELECT "user".')]
    assert len(asked) == 1 and "LEFT JOIN dashboard" in asked[0], counts.sql


def test_an_activity_about_the_user_by_someone_else_is_counted_as_ckan_does(people):
    _activity_about(people["staff"], by=people["sysadmin"])
    ours, ckan = _both(people["staff"])
    assert ours == ckan == 1
    helpers.call_action("dashboard_mark_activities_old", {"user": people["staff"]["name"]})
    assert _both(people["staff"]) == (0, 0)


def test_the_users_own_activity_is_never_new(people):
    _activity_about(people["staff"], by=people["staff"])
    assert _both(people["staff"]) == (0, 0)


def test_what_the_user_follows_is_counted_as_ckan_does(people):
    staff = people["staff"]
    dataset = create_dataset(owner_org=people["org"]["id"])
    helpers.call_action("follow_dataset", {"user": staff["name"]}, id=dataset["id"])
    helpers.call_action("follow_user", {"user": staff["name"]}, id=people["other"]["id"])
    helpers.call_action("package_patch", site_context() | {"user": people["sysadmin"]["name"]},
                        id=dataset["id"], notes="更新后的说明。")
    _activity_about(people["other"], by=people["other"])
    ours, ckan = _both(staff)
    assert ours == ckan and ckan >= 2
    assert _both(staff, limit=1) == (1, 1)  # arguments: CKAN's own count
