"""The bureau enters a year's holidays and make-up workdays on a page (issue 14): same store as
`ckan dazhou calendar add-year`, errors keyed by field in Chinese, deadlines follow."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from ckan.tests import factories
from dazhou_vocab import workdays

from ckanext.dazhou import deadlines
from ckanext.dazhou.tests.factories import create_department, department_user
from ckanext.dazhou.tests.ui_workflows.pages import csrf, headers

URL = "/dashboard/calendar"


@pytest.fixture
def store(tmp_path, monkeypatch):
    """The command's data file, in a temporary copy (the package's own file stays untouched)."""
    path = tmp_path / "official_days.json"
    path.write_text(json.dumps({"years": {}}), encoding="utf-8")
    monkeypatch.setattr(workdays, "OFFICIAL_DAYS_FILE", path)
    workdays.calendar.cache_clear()
    yield path
    workdays.calendar.cache_clear()


@pytest.fixture
def bureau(clean_db, with_plugins, store):
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


def test_bad_input_is_refused_by_field_in_chinese(app, bureau, store):
    body = _post(app, bureau, year="2031", holidays="2031-01-01\n2031-13-01\n2030-12-31",
                 workdays="2031-01-06\n2031-01-01").get_data(as_text=True)
    assert "2031-13-01 不是日期" in body and "2030-12-31 不在 2031 年内" in body
    assert "2031-01-06 是周一至周五" in body  # a Monday
    assert json.loads(store.read_text())["years"] == {}  # nothing saved
    body = _post(app, bureau, year="20x1", holidays="").get_data(as_text=True)
    assert "请填写四位数年份" in body
    body = _post(app, bureau, year="2025", holidays="2025-01-01").get_data(as_text=True)
    assert "2025 年的官方安排已内置" in body
    body = _post(app, bureau, year="2031", holidays="").get_data(as_text=True)
    assert "请填写该年的节假日" in body
    assert 'value="2031"' in body  # the form comes back as typed


def test_saved_year_drives_deadlines_and_the_database_calendar(app, bureau, store):
    from ckan import model
    from ckanext.dazhou.model import CalendarDay

    before = workdays.calendar().add_workdays(dt.date(2031, 9, 29), 3)  # Mon + 3 = Thu 2 Oct
    response = _post(app, bureau, year="2031",
                     holidays="2031-10-01, 2031-10-02，2031-10-03\n2031-10-04 2031-10-05",
                     workdays="2031-09-27")
    assert response.status_code == 302 and response.headers["Location"].endswith("?year=2031")
    saved = json.loads(store.read_text())["years"]["2031"]
    assert saved == {"holidays": ["2031-10-01", "2031-10-02", "2031-10-03", "2031-10-04",
                                  "2031-10-05"], "workdays": ["2031-09-27"]}
    assert before == dt.date(2031, 10, 2)
    assert workdays.calendar().add_workdays(dt.date(2031, 9, 29), 3) == dt.date(2031, 10, 7)
    row = model.Session.get(CalendarDay, dt.date(2031, 10, 1))
    assert row is None or row.is_workday is False  # the table ends two years after today
    page = app.get(response.headers["Location"], headers=bureau).get_data(as_text=True)
    assert "2031-10-05" in page and "已保存 2031 年官方节假日日历" in page


def test_due_dates_follow_a_year_written_by_another_process(store):
    workdays.calendar()  # cached
    data = {"years": {"2031": {"holidays": ["2031-01-02"], "workdays": []}}}
    store.write_text(json.dumps(data), encoding="utf-8")  # as the command in another process
    import os
    os.utime(store, ns=(1, 1))  # a different modification time, whatever the clock's grain
    assert not workdays.calendar().is_workday(dt.date(2031, 1, 2))
    assert deadlines.calendar is workdays.calendar


def test_unwritable_store_is_an_error_on_the_form_not_a_500(app, bureau, store, monkeypatch):
    def read_only(*args, **kwargs):
        raise PermissionError(13, "Read-only file system")
    monkeypatch.setattr(workdays, "add_year", read_only)
    response = _post(app, bureau, year="2031", holidays="2031-01-01")
    assert response.status_code == 200
    assert "数据文件在本服务器上不可写" in response.get_data(as_text=True)
