"""The bureau enters a year's holidays and make-up workdays on a page (issue 14): same store as
`ckan dazhou calendar add-year`, errors keyed by field in Chinese, deadlines follow."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests import factories

from ckanext.dazhou import deadlines
from ckanext.dazhou.model import OfficialYear
from ckanext.dazhou.supervision import official_years
from ckanext.dazhou.tests.factories import create_department, department_user
from ckanext.dazhou.tests.ui_workflows.pages import csrf, headers

URL = "/dashboard/calendar"


def stored_years() -> dict[int, tuple[list, list]]:
    rows = model.Session.execute(sa.select(OfficialYear)).scalars()
    return {r.year: ([d.isoformat() for d in r.holidays], [d.isoformat() for d in r.workdays])
            for r in rows}


@pytest.fixture
def bureau(clean_db, with_plugins):
    return headers(department_user(create_department(name="dz-dsjj"), "member"))


def _post(app, auth, **form):
    page = app.get(URL, headers=auth)
    return app.post(URL, headers=auth, data={"_csrf_token": csrf(page), **form},
                    follow_redirects=False)


def test_only_the_bureau_opens_the_page(app, bureau):
    assert app.get(URL, follow_redirects=False).status_code == 302  # anonymous: login
    for user in (factories.User(), department_user(create_department(), "admin")):
        response = app.get(URL, headers=headers(user))
        assert response.status_code == 403
        assert "只有市大数据局可以录入官方节假日日历" in response.get_data(as_text=True)
    page = app.get(URL, headers=bureau).get_data(as_text=True)
    assert "官方节假日日历" in page and 'name="holidays"' in page


def test_bad_input_is_refused_by_field_in_chinese(app, bureau):
    body = _post(app, bureau, year="2031", holidays="2031-01-01\n2031-13-01\n2030-12-31",
                 workdays="2031-01-06\n2031-01-01").get_data(as_text=True)
    assert "2031-13-01 不是日期" in body and "2030-12-31 不在 2031 年内" in body
    assert "2031-01-06 是周一至周五" in body  # a Monday
    assert stored_years() == {}  # nothing saved
    body = _post(app, bureau, year="20x1", holidays="").get_data(as_text=True)
    assert "请填写四位数年份" in body
    body = _post(app, bureau, year="2025", holidays="2025-01-01").get_data(as_text=True)
    assert "2025 年的官方安排已内置" in body
    body = _post(app, bureau, year="2031", holidays="").get_data(as_text=True)
    assert "请填写该年的节假日" in body
    assert 'value="2031"' in body  # the form comes back as typed


def test_saved_year_drives_deadlines_and_the_database_calendar(app, bureau):
    from ckanext.dazhou.model import CalendarDay

    before = deadlines.calendar().add_workdays(dt.date(2031, 9, 29), 3)  # Mon + 3 = Thu 2 Oct
    response = _post(app, bureau, year="2031",
                     holidays="2031-10-01, 2031-10-02，2031-10-03\n2031-10-04 2031-10-05",
                     workdays="2031-09-27")
    assert response.status_code == 302 and response.headers["Location"].endswith("?year=2031")
    assert stored_years()[2031] == (["2031-10-01", "2031-10-02", "2031-10-03", "2031-10-04",
                                     "2031-10-05"], ["2031-09-27"])
    assert before == dt.date(2031, 10, 2)
    assert deadlines.calendar().add_workdays(dt.date(2031, 9, 29), 3) == dt.date(2031, 10, 7)
    row = model.Session.get(CalendarDay, dt.date(2031, 10, 1))
    assert row is None or row.is_workday is False  # the table ends two years after today
    page = app.get(response.headers["Location"], headers=bureau).get_data(as_text=True)
    assert "2031-10-05" in page and "已保存 2031 年官方节假日日历" in page


@pytest.mark.usefixtures("clean_db", "with_plugins")
def test_due_dates_follow_a_year_entered_by_another_process():
    assert deadlines.calendar().is_workday(dt.date(2031, 1, 2))  # a Thursday, now cached
    # as the command or another web process does it: a row committed on another connection
    with model.meta.engine.begin() as other:
        other.execute(sa.insert(OfficialYear).values(
            year=2031, holidays=[dt.date(2031, 1, 2)], workdays=[], entered_by="other"))
    assert not deadlines.calendar().is_workday(dt.date(2031, 1, 2))


@pytest.mark.usefixtures("clean_db", "with_plugins")
def test_an_entry_replaces_its_year_and_a_shipped_default():
    official_years.record(2031, [dt.date(2031, 1, 2)], [], "a")
    official_years.record(2031, [dt.date(2031, 1, 3)], [dt.date(2031, 1, 4)], "b")
    assert stored_years() == {2031: (["2031-01-03"], ["2031-01-04"])}
    cal = deadlines.calendar()
    assert cal.is_workday(dt.date(2031, 1, 2)) and not cal.is_workday(dt.date(2031, 1, 3))
    assert cal.is_workday(dt.date(2031, 1, 4))  # a Saturday made a workday
    with pytest.raises(ValueError, match="both holiday and workday"):
        official_years.record(2031, [dt.date(2031, 1, 5)], [dt.date(2031, 1, 5)])
    with pytest.raises(ValueError, match="outside 2031"):
        official_years.record(2031, [dt.date(2030, 1, 5)], [])
