"""The workbench and supervision pages warn the bureau while deadlines may reach a year without its
official holiday schedule (they are then counted Monday to Friday)."""
from __future__ import annotations

import datetime as dt

import pytest
from ckan.tests import factories
from dazhou_vocab import workdays

from ckanext.dazhou.supervision import official_years
from ckanext.dazhou.tests.factories import create_department, department_user
from ckanext.dazhou.tests.ui_workflows.pages import headers


@pytest.mark.usefixtures("with_plugins", "clean_db")
@pytest.mark.parametrize("known_years, warned", [
    (range(2004, 2200), False),
    ((), True),
])
def test_the_workbench_warns_about_missing_holiday_schedules(app, monkeypatch, known_years,
                                                             warned):
    monkeypatch.setattr(official_years, "calendar", lambda: workdays.WorkCalendar((), (), known_years))
    bureau = department_user(create_department(name="dz-dsjj"), "member")
    page = app.get("/dashboard/work", headers=headers(bureau)).get_data(as_text=True)
    assert ("dz-calendar-gap" in page) is warned
    if warned:
        assert "年官方节假日安排尚未录入" in page and str(dt.date.today().year) in page
        assert "/dashboard/calendar?year=" in page and "ckan dazhou" not in page
    # citizens and departments cannot act on it: no warning, no internal command
    for user in (factories.User(), department_user(create_department(), "editor")):
        page = app.get("/dashboard/work", headers=headers(user)).get_data(as_text=True)
        assert "dz-calendar-gap" not in page and "ckan dazhou" not in page
