"""dates.py: one rule for dates and times (issue 14) — the day in Asia/Shanghai."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from freezegun import freeze_time

from ckanext.dazhou import dates
from ckanext.dazhou.tests.factories import create_department, department_user
from ckanext.dazhou.tests.ui_workflows.pages import headers

AFTER_FOUR = dt.datetime(2026, 12, 1, 16, 30)  # UTC: already 2 December in Shanghai


class TestDisplay:
    def test_a_time_just_after_16_utc_is_the_next_day(self):
        assert dates.local_date(AFTER_FOUR) == dt.date(2026, 12, 2)
        assert dates.day_text(AFTER_FOUR) == "2026年12月2日"
        assert dates.iso_day(AFTER_FOUR) == "2026-12-02"
        assert dates.time_text(AFTER_FOUR) == "2026-12-02 00:30"
        assert dates.local_date(dt.datetime(2026, 12, 1, 15, 59)) == dt.date(2026, 12, 1)

    def test_stored_text_and_aware_values(self):
        assert dates.time_text("2026-12-02T06:35:12.123456") == "2026-12-02 14:35"
        assert dates.time_text(dt.datetime(2026, 12, 2, 6, 35, tzinfo=dt.timezone.utc)) == "2026-12-02 14:35"
        assert dates.day_text("2027-06-30") == "2027年6月30日"  # a date is not shifted
        assert dates.day_text(None) == dates.time_text("") == ""

    def test_end_of_day_is_shanghai_midnight(self):
        end = dates.end_of_day(dt.date(2027, 6, 30))
        assert end == dt.datetime(2027, 6, 30, 15, 59, 59, 999999)
        assert dates.day_text(end) == "2027年6月30日" and dates.iso_day(end) == "2027-06-30"

    def test_zone_falls_back_to_shanghai(self):
        assert str(dates.zone("server")) == "Asia/Shanghai"
        assert str(dates.zone("No/Such_Zone")) == "Asia/Shanghai"
        assert dates.time_text(AFTER_FOUR, tz="UTC") == "2026-12-01 16:30"

    @freeze_time("2026-12-01 16:30:00")
    def test_file_day_and_today(self):
        assert dates.file_day() == "2026-12-02" and dates.today() == dt.date(2026, 12, 2)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_department_spreadsheet_is_named_by_the_shanghai_day(app):
    org = create_department(title="人社局")
    auth = headers(department_user(org, "member"))
    with freeze_time("2026-12-01 16:30:00"):
        response = app.get(f"/catalog/spreadsheet/export.csv?org={org['name']}", headers=auth)
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert "2026-12-02" in re.sub(r"%2D", "-", disposition) and "2026-12-01" not in disposition
