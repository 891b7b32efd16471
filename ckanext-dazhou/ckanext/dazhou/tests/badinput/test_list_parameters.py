"""The lists' shared parameters (logic/params.py): bad paging and dates are errors keyed by
the parameter (409 from the API, 400 with a Chinese message on pages), unknown ids 404."""
from __future__ import annotations

import pytest
from ckan.plugins import toolkit as tk
from ckan.tests import helpers

from ckanext.dazhou.model import DataChange
from ckanext.dazhou.tests.badinput import hostile
from ckanext.dazhou.tests.factories import as_user
from ckanext.dazhou.tests.ui_workflows.pages import headers

LISTS = ["dazhou_share_application_list", "dazhou_feedback_list", "dazhou_open_application_list",
         "dazhou_violation_list", "dazhou_harvest_conflict_list", "dazhou_access_log_list"]
BAD_PAGING = [("rows", "abc"), ("rows", "-5"), ("rows", "0"), ("rows", "101"),
              ("page", "9" * 20), ("page", "-1"), ("page", "1.5")]


@pytest.fixture
def world(app, clean_db, clean_index):
    with app.flask_app.test_request_context():  # a request context left open hides API tokens
        return hostile.world()


def api(app, user, action, **params):
    return app.post(f"/api/action/{action}", json=params, headers=headers(user))


@pytest.mark.usefixtures("with_plugins")
class TestApi:
    def test_bad_paging_is_an_error_keyed_by_the_parameter(self, app, world):
        for action in LISTS:
            for key, value in BAD_PAGING:
                data = {key: value}
                if action == "dazhou_access_log_list":
                    data["package_id"] = world["dataset"]["id"]
                response = api(app, world["bureau"], action, **data)
                assert response.status_code == 409, (action, key, value, response.get_data(True))
                assert set(response.json["error"]) == {"__type", key}, (action, key, value)

    def test_good_paging_is_answered_with_page_and_rows(self, app, world):
        for action in LISTS:
            data = {"page": "2", "rows": "3", "package_id": world["dataset"]["id"]}
            if action != "dazhou_access_log_list":
                data.pop("package_id")
            result = api(app, world["bureau"], action, **data).json["result"]
            assert (result["page"], result["rows"]) == (2, 3), action

    def test_the_row_limit_is_configurable(self, app, world):
        with helpers.changed_config("ckanext.dazhou.list_max_rows", 5):
            assert api(app, world["bureau"], "dazhou_feedback_list", rows=6).status_code == 409
            assert api(app, world["bureau"], "dazhou_feedback_list", rows=5).status_code == 200

    @pytest.mark.parametrize("start, end, key", [
        ("0001-01-01", "9999-12-31", "start"), ("2026-01-01", "9999-12-31", "end"),
        ("2026-02-30", None, "start"), ("abc", None, "start"), ("2026-06-01", "2026-05-01", "end")])
    def test_bad_periods_are_errors_keyed_by_the_date(self, app, world, start, end, key):
        data = {"start": start, **({"end": end} if end else {})}
        response = api(app, world["bureau"], "dazhou_evaluation_report", **data)
        assert response.status_code == 409
        assert key in response.json["error"]

    def test_a_time_is_read_as_a_day_in_dazhou(self, app, world):
        result = api(app, world["bureau"], "dazhou_evaluation_report",
                     start="2026-01-01T18:00:00+00:00", end="2026-01-02").json["result"]
        assert result["start"] == "2026-01-02"  # 02:00 on 2 January in Asia/Shanghai

    @pytest.mark.parametrize("action, key", [
        ("dazhou_share_application_show", "id"), ("dazhou_grant_list", "package_id"),
        ("dazhou_access_log_list", "package_id"), ("dazhou_share_application_decide", "id"),
        ("dazhou_feedback_reply", "id"), ("dazhou_open_application_decide", "id"),
        ("dazhou_grant_revoke", "id"), ("dazhou_data_change_record", "package_id")])
    def test_unknown_ids_are_404_for_the_bureau_and_sysadmins(self, app, world, action, key):
        for user in (world["bureau"], world["sysadmin"]):
            response = api(app, user, action, **{key: hostile.UNKNOWN_ID, "decision": "approve",
                                                 "outcome": "accepted", "reason": "x"})
            assert response.status_code == 404, (action, user["name"], response.get_data(True))

    def test_a_bad_date_stores_nothing(self, app, world):
        from ckan import model
        with app.flask_app.test_request_context(), pytest.raises(tk.ValidationError) as raised:
            helpers.call_action("dazhou_data_change_record", as_user(world["owner"]),
                                package_id=world["dataset"]["id"], changed_on="9999-12-31")
        assert "changed_on" in raised.value.error_dict
        assert model.Session.query(DataChange).count() == 0


PAGES = ["/dashboard/share-applications", "/dashboard/feedback", "/dashboard/open-applications",
         "/dashboard/supervision", "/dashboard/harvest-conflicts"]


@pytest.mark.usefixtures("with_plugins")
class TestPages:
    def test_bad_paging_is_400_with_a_chinese_message(self, app, world):
        for url in PAGES:
            for query in ("page=abc", "page=-5", "page=" + "9" * 20):
                response = app.get(f"{url}?{query}", headers=headers(world["bureau"]))
                assert response.status_code == 400, (url, query)
                assert "页码" in response.get_data(as_text=True), (url, query)

    def test_an_unknown_role_or_state_is_400(self, app, world):
        for query in ("role=provider", "state=nonsense"):
            response = app.get(f"/dashboard/share-applications?{query}",
                               headers=headers(world["owner"]))
            assert response.status_code == 400, query

    def test_a_bad_period_is_400_on_the_evaluation_page(self, app, world):
        response = app.get("/dashboard/evaluation?start=0001-01-01&end=9999-12-31",
                           headers=headers(world["bureau"]))
        assert response.status_code == 400
        assert "日期" in response.get_data(as_text=True)

    def test_unknown_application_and_dataset_pages_are_404(self, app, world):
        for url in (f"/share-application/{hostile.UNKNOWN_ID}", f"/dataset/{hostile.UNKNOWN_ID}/access"):
            assert app.get(url, headers=headers(world["sysadmin"])).status_code == 404, url
