"""The search log: zero-result queries counted per day without identity, for the bureau only."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.plugins import toolkit as tk
from ckan.tests import factories, helpers

from ckanext.dazhou.search import log as search_log
from ckanext.dazhou.tests.factories import create_dataset, create_department, department_user


def _rows() -> list[tuple]:
    return [tuple(r) for r in model.Session.execute(
        sa.text("SELECT query, day, count FROM dazhou_search_log ORDER BY query, day")).all()]


def _login_env(user: dict) -> dict:
    return {"Authorization": factories.APIToken(user=user["name"])["token"]}


@pytest.fixture
def bureau():
    org = create_department(name="dz-dsjj")
    return department_user(org, "member")


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestWhatIsLogged:
    def test_table_keeps_no_identity(self):
        columns = {c["name"] for c in sa.inspect(model.meta.engine).get_columns("dazhou_search_log")}
        assert columns == {"query", "day", "count"}

    def test_search_page_without_result_counts_per_query_and_day(self, app):
        create_dataset(title="空气质量监测日报")
        for _ in range(3):
            app.get("/dataset/", params={"q": "不存在的东西"})
        app.get("/dataset/", params={"q": "  不存在的东西 "}, extra_environ={"REMOTE_ADDR": "10.0.0.9"})
        app.get("/dataset/", params={"q": "ＧＤＰ  Ｘ"})
        assert _rows() == [("gdp x", search_log.deadlines.today(), 1),
                           ("不存在的东西", search_log.deadlines.today(), 4)]

    def test_searches_with_results_and_empty_queries_are_not_logged(self, app):
        create_dataset(title="空气质量监测日报")
        app.get("/dataset/", params={"q": "空气质量"})
        app.get("/dataset/")
        app.get("/dataset/", params={"q": "   "})
        assert _rows() == []

    def test_api_package_search_with_q_is_logged(self, app):
        app.get("/api/3/action/package_search", params={"q": "无结果的接口查询"})
        app.post("/api/3/action/package_search", json={"q": "无结果的JSON查询"})
        app.post("/api/3/action/package_search", data={"q": "无结果的表单查询"})
        app.get("/api/3/action/package_search", params={"fq": "name:nothing"})
        assert [r[0] for r in _rows()] == ["无结果的json查询", "无结果的接口查询", "无结果的表单查询"]

    def test_our_own_package_search_calls_are_not_logged(self, app):
        helpers.call_action("package_search", q="内部调用")  # no request door
        app.get("/")  # the home page searches for its figures
        assert _rows() == []

    def test_a_closed_title_searched_by_the_public_is_logged_but_only_shown_to_the_bureau(self, app, bureau):
        create_dataset(title="机密档案名录", open_type="closed", share_type="none",
                       non_share_basis_type="law", non_share_basis="《保守国家秘密法》")
        app.get("/dataset/", params={"q": "机密档案名录"})
        assert [r[0] for r in _rows()] == ["机密档案名录"]
        citizen = factories.User()
        staff = department_user(create_department(), "editor")
        for user in (citizen, staff):
            page = app.get("/dashboard/search-log", headers=_login_env(user))
            assert page.status_code == 403
            assert "机密档案名录" not in page.body
            csv = app.get("/dashboard/search-log.csv", headers=_login_env(user))
            assert csv.status_code == 403 and "机密档案名录" not in csv.body
        assert app.get("/dashboard/search-log", follow_redirects=False).status_code == 302  # anonymous: sign in
        assert "机密档案名录" in app.get("/dashboard/search-log", headers=_login_env(bureau)).body

    def test_one_statement_per_search(self, app):
        statements = []

        def count(conn, cursor, statement, *args):
            if "dazhou_search_log" in statement:
                statements.append(statement)
        sa.event.listen(model.meta.engine, "before_cursor_execute", count)
        try:
            app.get("/dataset/", params={"q": "一次写入"})
            app.get("/dataset/", params={"q": "一次写入"})
        finally:
            sa.event.remove(model.meta.engine, "before_cursor_execute", count)
        assert len(statements) == 2 and all(s.startswith("INSERT") for s in statements)
        assert _rows()[0][2] == 2

    @pytest.mark.ckan_config("ckanext.dazhou.search_log_queries_per_day", 2)
    def test_new_queries_stop_at_the_daily_limit_known_ones_still_count(self):
        day = dt.date(2026, 11, 30)
        for query in ("甲", "乙", "丙", "甲", "丁", "乙"):
            search_log.record(query, day)
        search_log.record("丙", day + dt.timedelta(days=1))  # a new day starts afresh
        assert _rows() == [("丙", day + dt.timedelta(days=1), 1), ("乙", day, 2), ("甲", day, 2)]

    @pytest.mark.ckan_config("ckanext.dazhou.search_log_query_max_length", 5)
    def test_long_queries_are_cut(self, app):
        app.get("/dataset/", params={"q": "一二三四五六七八"})
        assert [r[0] for r in _rows()] == ["一二三四五"]


@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestBureauList:
    def _fill(self):
        today = dt.date(2026, 11, 30)
        search_log.record("社保", today)
        search_log.record("社保", today)
        search_log.record("社保", today - dt.timedelta(days=3))
        search_log.record("=HYPERLINK(\"http://x\")", today)
        search_log.record("公积金", today - dt.timedelta(days=10))

    def test_sums_per_query_most_frequent_first(self, bureau):
        self._fill()
        result = helpers.call_action("dazhou_search_log_list", {"user": bureau["name"], "ignore_auth": False})
        assert result["count"] == 3
        assert result["results"][0] == {"query": "社保", "count": 3, "days": 2, "last_day": "2026-11-30"}

    def test_period_and_paging(self, bureau):
        self._fill()
        context = {"user": bureau["name"], "ignore_auth": False}
        result = helpers.call_action("dazhou_search_log_list", context, start="2026-11-25", rows=1, page=2)
        assert result["count"] == 2 and len(result["results"]) == 1
        assert result["results"][0]["query"] == "=HYPERLINK(\"http://x\")"

    @pytest.mark.parametrize("params, field", [
        ({"start": "not a day"}, "start"), ({"page": "x"}, "page"), ({"page": "0"}, "page"),
        ({"page": str(10 ** 12)}, "page"), ({"rows": "-1"}, "rows"),
        ({"start": "2026-11-30", "end": "2026-11-01"}, "end")])
    def test_bad_parameters_are_errors_keyed_by_field(self, bureau, params, field):
        with pytest.raises(tk.ValidationError) as error:
            helpers.call_action("dazhou_search_log_list", {"user": bureau["name"], "ignore_auth": False}, **params)
        assert field in error.value.error_dict

    def test_only_the_bureau(self):
        for user in (factories.User(), department_user(create_department(), "admin")):
            with pytest.raises(tk.NotAuthorized):
                helpers.call_action("dazhou_search_log_list", {"user": user["name"], "ignore_auth": False})

    def test_page_and_csv_for_the_bureau(self, app, bureau):
        self._fill()
        page = app.get("/dashboard/search-log", headers=_login_env(bureau))
        assert page.status_code == 200 and "社保" in page.body
        assert app.get("/dashboard/search-log", params={"page": "x"}, headers=_login_env(bureau)).status_code == 200
        csv = app.get("/dashboard/search-log.csv", headers=_login_env(bureau))
        assert csv.status_code == 200
        lines = csv.body.lstrip("\ufeff").splitlines()
        assert lines[1].split(",")[:2] == ["社保", "3"]
        assert any(line.startswith("\"'=HYPERLINK") for line in lines)  # no formula runs
        assert app.get("/dashboard/search-log.csv", params={"start": "x"},
                       headers=_login_env(bureau)).status_code == 400
