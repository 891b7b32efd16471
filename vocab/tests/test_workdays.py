"""Working days on the official calendar (pure logic, no services)."""
from __future__ import annotations

import datetime as dt
import json
import logging

import pytest

from dazhou_vocab import workdays

D = dt.date


@pytest.fixture
def cal():
    return workdays.build_calendar()


class TestKnownDates:
    def test_national_day_is_a_holiday(self, cal):
        assert not cal.is_workday(D(2026, 10, 1))

    def test_make_up_saturday_is_a_workday(self, cal):
        assert D(2026, 10, 10).weekday() == 5
        assert cal.is_workday(D(2026, 10, 10))

    def test_ten_working_days_across_national_day(self, cal):
        # received Mon 28 Sep: 29, 30 Sep, 8, 9, 10 (make-up Sat), 12-16 Oct
        assert cal.add_workdays(D(2026, 9, 28), 10) == D(2026, 10, 16)
        assert cal.workdays_between(D(2026, 9, 28), D(2026, 10, 16)) == 10

    def test_plain_weeks_count_monday_to_friday(self, cal):
        assert cal.add_workdays(D(2026, 11, 20), 5) == D(2026, 11, 27)  # Fri + 5 = next Fri
        assert cal.workdays_between(D(2026, 11, 27), D(2026, 11, 20)) == -5


class TestUnknownYears:
    def test_falls_back_to_weekdays_with_a_warning(self, cal, caplog, monkeypatch):
        monkeypatch.setattr(workdays.log, "disabled", False)  # CKAN's test logging config may disable it
        with caplog.at_level(logging.WARNING, logger=workdays.log.name):
            assert cal.is_workday(D(2031, 1, 1))  # a Wednesday
            assert not cal.is_workday(D(2031, 1, 4))  # a Saturday
        assert "2031" in caplog.text

    def test_unknown_years_ahead_are_reported_before_deadlines_reach_them(self, cal):
        assert cal.unknown_years_ahead(D(2026, 6, 1)) == []
        assert cal.unknown_years_ahead(D(2026, 11, 25)) == [2027]  # within 60 days
        assert cal.unknown_years_ahead(D(2026, 11, 25), days=20) == []

    def test_deadline_across_the_year_end_does_not_crash(self, cal):
        assert cal.add_workdays(D(2026, 12, 28), 10) == D(2027, 1, 11)


class TestAddYear:
    def test_added_year_is_used(self, tmp_path):
        path = tmp_path / "days.json"
        path.write_text(json.dumps({"years": {}}))
        workdays.add_year(2031, [D(2031, 1, 1)], [D(2031, 1, 4)], path=path)
        cal = workdays.build_calendar(path)
        assert not cal.is_workday(D(2031, 1, 1))
        assert cal.is_workday(D(2031, 1, 4))
        assert 2031 in cal.known_years

    def test_rejects_dates_of_another_year_and_overlaps(self, tmp_path):
        path = tmp_path / "days.json"
        path.write_text(json.dumps({"years": {}}))
        with pytest.raises(ValueError):
            workdays.add_year(2031, [D(2030, 12, 31)], [], path=path)
        with pytest.raises(ValueError):
            workdays.add_year(2031, [D(2031, 1, 1)], [D(2031, 1, 1)], path=path)
