"""The Art. 28 evaluation report on a small fixture whose figures are computed by hand."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.plugins import toolkit as tk
from ckan.tests import factories, helpers
from freezegun import freeze_time

from ckanext.dazhou.tests.factories import (
    as_user, create_dataset, create_department, department_user)


def csv(name="a", fmt="csv"):
    return {"name": name, "url": f"https://x/{name}.{fmt}", "format": fmt}


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
def test_report_figures():
    org, other = create_department(), create_department()
    owner, applicant = department_user(org, "editor"), department_user(other, "member")
    citizen = factories.User()
    with freeze_time("2026-09-28 02:00:00"):
        first = create_dataset(owner_org=org["id"], resources=[csv("a"), csv("b", "pdf")])
        create_dataset(owner_org=org["id"], open_type="conditional", open_conditions="科研",
                       resources=[csv("c", "xlsx")])
        shared = create_dataset(owner_org=org["id"], open_type="closed", share_type="conditional",
                                share_conditions="条件", resources=[csv("d")])
        create_dataset(owner_org=other["id"], resources=[csv("e", "pdf")])  # another department
        answered = helpers.call_action(
            "dazhou_share_application_create", as_user(applicant), package_id=shared["id"],
            purpose="用途一", scope="s", legal_basis="l")
        change = helpers.call_action("dazhou_data_change_record", as_user(owner),
                                     package_id=shared["id"])
    with freeze_time("2026-10-09 03:00:00"):  # 4 working days later (29, 30 Sep, 8, 9 Oct)
        helpers.call_action("dazhou_share_application_decide", as_user(owner), id=answered["id"],
                            decision="refuse", reason="不符合条件")
    with freeze_time("2026-10-09 04:00:00"):
        helpers.call_action("dazhou_share_application_create", as_user(applicant),
                            package_id=shared["id"], purpose="用途二", scope="s", legal_basis="l")
    # CKAN's timestamps come from the real clock: set the history the figures assume
    model.Session.execute(sa.text("update package set metadata_created = '2026-09-28'"))
    model.Session.execute(sa.text("update resource set created = '2026-09-28', metadata_modified = '2026-10-09 09:00' "
                                  "where package_id = :id"), {"id": shared["id"]})
    model.Session.commit()
    with freeze_time("2026-10-12 02:00:00"):
        feedback = helpers.call_action("dazhou_feedback_create", as_user(citizen),
                                       package_id=first["id"], description="错误")
    assert feedback["reply_due"] == "2026-10-19"
    with freeze_time("2026-10-20 02:00:00"):  # a day late
        helpers.call_action("dazhou_feedback_reply", as_user(owner), id=feedback["id"],
                            outcome="accepted", reply="已更正")
        report = helpers.call_action("dazhou_evaluation_report", as_user(owner),
                                     start="2026-09-01", end="2026-10-31")
        city = helpers.call_action("dazhou_evaluation_report", as_user(owner), start="2026-09-01",
                                   end="2026-10-31", organization=org["id"])
    with freeze_time("2026-10-23 02:00:00"):  # the second application is now overdue: late
        later = helpers.call_action("dazhou_evaluation_report", as_user(owner),
                                    start="2026-09-01", end="2026-10-31")
    assert later["application_on_time_rate"] == 0.5
    assert later["denominators"]["application"]["late"] == 1
    assert report["open_datasets"] == 2
    assert report["open_resources"] == 3 and report["machine_readable_share"] == round(2 / 3, 4)
    assert report["data_changes"] == 1 and report["on_time_update_rate"] == 1.0
    assert report["applications"] == 2
    assert report["application_median_reply_working_days"] == 4
    # the second application is still within its deadline (due 10-22): not counted yet
    assert report["application_on_time_rate"] == 1.0
    assert report["denominators"]["application"] == {
        "total": 2, "counted": 1, "on_time": 1, "late": 0, "not_yet_due": 1}
    assert report["feedback"] == 1 and report["feedback_on_time_rate"] == 0.0
    assert city == report
    with pytest.raises(tk.NotAuthorized):
        helpers.call_action("dazhou_evaluation_report", as_user(owner), organization=other["id"])
    with pytest.raises(tk.NotAuthorized):
        helpers.call_action("dazhou_evaluation_report", as_user(citizen))
