"""The supervision dashboard (Art. 31): each department sees its own violations; downloads."""
from __future__ import annotations

import csv
import io

import pytest
from ckan.tests import factories
from openpyxl import load_workbook

from ckanext.dazhou.tests.factories import create_dataset, create_department, department_user
from ckanext.dazhou.tests.supervision.test_violations import backdate
from ckanext.dazhou.tests.ui_workflows.pages import headers


@pytest.fixture
def city(clean_db, clean_index):
    late_org, tidy_org = create_department(title="迟延局"), create_department(title="守时局")
    stale = create_dataset(owner_org=late_org["id"], title="过期的数据集", update_cycle="monthly")
    backdate(stale, "2025-01-02")
    create_dataset(owner_org=tidy_org["id"], title="新鲜的数据集", update_cycle="monthly")
    return {"stale": stale, "late_org": late_org, "tidy_org": tidy_org,
            "late": headers(department_user(late_org, "member")),
            "tidy": headers(department_user(tidy_org, "member")),
            "bureau": headers(department_user(create_department(name="dz-dsjj"), "member"))}


@pytest.mark.usefixtures("with_plugins")
class TestDashboard:
    def test_department_sees_only_its_own(self, app, city):
        own = app.get("/dashboard/supervision", headers=city["late"]).get_data(as_text=True)
        assert "过期的数据集" in own and 'data-kind="stale_dataset"' in own
        other = app.get("/dashboard/supervision", headers=city["tidy"]).get_data(as_text=True)
        assert "过期的数据集" not in other and 'class="dazhou-violation"' not in other
        assert app.get(f"/dashboard/supervision?organization={city['late_org']['name']}",
                       headers=city["tidy"]).status_code == 403

    def test_bureau_filters_by_department_and_kind(self, app, city):
        everything = app.get("/dashboard/supervision", headers=city["bureau"]).get_data(as_text=True)
        assert "过期的数据集" in everything and "守时局" in everything  # ratios list every department
        tidy = app.get(f"/dashboard/supervision?organization={city['tidy_org']['name']}",
                       headers=city["bureau"]).get_data(as_text=True)
        assert "过期的数据集" not in tidy
        other_kind = app.get("/dashboard/supervision?kind=feedback_reply_overdue",
                             headers=city["bureau"]).get_data(as_text=True)
        assert "过期的数据集" not in other_kind

    def test_public_gets_403(self, app, city):
        assert app.get("/dashboard/supervision", headers=headers(factories.User())).status_code == 403
        anonymous = app.get("/dashboard/supervision/export.csv", follow_redirects=False)
        assert anonymous.status_code == 302 and "/user/login" in anonymous.location
        assert "came_from" in anonymous.location


@pytest.mark.usefixtures("with_plugins")
class TestExports:
    def test_csv(self, app, city):
        response = app.get("/dashboard/supervision/export.csv", headers=city["late"])
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("text/csv")
        assert "attachment" in response.headers["Content-Disposition"]
        body = response.get_data()
        assert body.startswith("\ufeff".encode("utf-8"))
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert len(rows) == 2 and rows[1][0] == "迟延局" and rows[1][3] == "过期的数据集"
        assert rows[1][7].endswith(f"/dataset/{city['stale']['name']}")

    def test_xlsx(self, app, city):
        response = app.get("/dashboard/supervision/export.xlsx?kind=stale_dataset", headers=city["bureau"])
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        book = load_workbook(io.BytesIO(response.get_data()))
        violations, ratios = book.worksheets
        rows = list(violations.iter_rows(values_only=True))
        assert len(rows) == 2 and rows[1][0] == "迟延局" and rows[1][3] == "过期的数据集"
        assert {r[0] for r in ratios.iter_rows(min_row=2, values_only=True)} >= {"迟延局", "守时局"}
