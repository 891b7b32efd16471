"""Art. 28 on-time rates count only what is due or answered (issue 14), in Shanghai days,
with their denominators and a ranking of departments."""
from __future__ import annotations

import pytest
from ckan.tests import factories, helpers
from freezegun import freeze_time

from ckanext.dazhou.tests.factories import (
    as_user, create_dataset, create_department, department_user)
from ckanext.dazhou.tests.ui_workflows.pages import headers


def _report_at(moment: str, user: dict, **query) -> dict:
    with freeze_time(moment):
        return helpers.call_action("dazhou_evaluation_report", as_user(user),
                                   start="2026-11-01", end="2026-11-30", **query)


@pytest.fixture
def site(clean_db, clean_index):
    """Two departments' error reports in November 2026 (no holidays; 5 working days to answer)."""
    slow, fast = create_department(title="慢局"), create_department(title="快局")
    slow_editor, fast_editor = department_user(slow, "editor"), department_user(fast, "editor")
    citizen = factories.User()
    slow_data, fast_data = create_dataset(owner_org=slow["id"]), create_dataset(owner_org=fast["id"])

    def report(dataset, at):
        with freeze_time(at):
            return helpers.call_action("dazhou_feedback_create", as_user(citizen),
                                       package_id=dataset["id"], description="错误")

    def answer(item, editor, at):
        with freeze_time(at):
            helpers.call_action("dazhou_feedback_reply", as_user(editor), id=item["id"],
                                outcome="accepted", reply="已更正")

    early = report(slow_data, "2026-11-02 02:00:00")  # Monday: due Monday 2026-11-09
    assert early["reply_due"] == "2026-11-09"
    on_time, just_late, pending_overdue = early, report(slow_data, "2026-11-02 02:00:00"), \
        report(slow_data, "2026-11-02 02:00:00")
    answer(on_time, slow_editor, "2026-11-09 15:30:00")    # 23:30 on the due day in Shanghai
    answer(just_late, slow_editor, "2026-11-09 16:30:00")  # 00:30 the next day in Shanghai: late
    report(slow_data, "2026-11-18 02:00:00")               # pending, due 11-25: not counted
    fast_item = report(fast_data, "2026-11-02 02:00:00")
    answer(fast_item, fast_editor, "2026-11-03 02:00:00")
    bureau = department_user(create_department(name="dz-dsjj"), "member")
    return {"slow": slow, "fast": fast, "bureau": bureau, "slow_editor": slow_editor,
            "pending_overdue": pending_overdue, "slow_data": slow_data}


@pytest.mark.usefixtures("with_plugins", "with_request_context")
class TestDueOnly:
    def test_rates_denominators_and_ranking(self, site):
        report = _report_at("2026-11-20 02:00:00", site["bureau"], organization=site["slow"]["id"])
        counts = report["denominators"]["feedback"]
        # on time, late by the Shanghai day, pending overdue (late); pending not yet due left out
        assert counts == {"total": 4, "counted": 3, "on_time": 1, "late": 2, "not_yet_due": 1}
        assert report["feedback_on_time_rate"] == round(1 / 3, 4)  # was 1/4 with pending as late
        assert report["feedback_median_reply_working_days"] == 5.5  # 5 and 6 working days

        city = _report_at("2026-11-20 02:00:00", site["bureau"])
        ranking = [(r["place"], r["organization_title"], r["on_time"], r["counted"])
                   for r in city["ranking"]]
        assert ranking == [(1, "快局", 1, 1), (2, "慢局", 1, 3)]
        own = _report_at("2026-11-20 02:00:00", site["slow_editor"])
        assert [r["organization_title"] for r in own["ranking"]] == ["慢局"]



@pytest.mark.usefixtures("with_plugins")
class TestPage:
    def test_page_shows_denominators_and_ranking(self, app, site):
        # API tokens are checked against the real clock, so the page is asked today: every
        # November item is due by now, and one reported today is not
        helpers.call_action("dazhou_feedback_create", as_user(factories.User()),
                            package_id=site["slow_data"]["id"], description="今天的")
        page = app.get("/dashboard/evaluation?start=2026-11-01&end=2099-12-31",
                       headers=headers(site["bureau"]))
        text = page.get_data(as_text=True)
        assert page.status_code == 200 and "dazhou-ranking" in text
        assert "快局" in text and "1/4" in text and "25.0%" in text
        assert "另有 1 项未到期" in text  # the denominator line says what is left out
