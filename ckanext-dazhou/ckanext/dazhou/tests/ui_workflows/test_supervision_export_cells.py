"""Supervision downloads write user text as text: no cell becomes a formula (CSV and XLSX)."""
from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from ckanext.dazhou.tests.factories import create_dataset, create_department, department_user
from ckanext.dazhou.tests.supervision.test_violations import backdate
from ckanext.dazhou.tests.ui_workflows.pages import headers

DEPARTMENT = '=HYPERLINK("https://evil.example/x","点此")'
TITLES = ["+SUM(1,2)", "-2+3", "@cmd", "\t=1+1"]


@pytest.fixture
def hostile(clean_db, clean_index):
    org = create_department(title=DEPARTMENT)
    for title in TITLES:
        backdate(create_dataset(owner_org=org["id"], title=title, update_cycle="monthly"),
                 "2025-01-02")
    return headers(department_user(create_department(name="dz-dsjj"), "member"))


@pytest.mark.usefixtures("with_plugins")
class TestNoFormulas:
    def test_csv_cells_are_quoted(self, app, hostile):
        body = app.get("/dashboard/supervision/export.csv?kind=stale_dataset",
                       headers=hostile).get_data().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(body)))[1:]
        assert {r[0] for r in rows} == {"'" + DEPARTMENT}
        assert sorted(r[3] for r in rows) == sorted("'" + t for t in TITLES)

    def test_xlsx_cells_are_text(self, app, hostile):
        response = app.get("/dashboard/supervision/export.xlsx?kind=stale_dataset",
                           headers=hostile)
        violations, ratios = load_workbook(io.BytesIO(response.get_data())).worksheets
        cells = [row[0] for row in violations.iter_rows(min_row=2)]
        cells += [row[3] for row in violations.iter_rows(min_row=2)]
        cells += [row[0] for row in ratios.iter_rows(min_row=2) if row[0].value == DEPARTMENT]
        assert len(cells) == 2 * len(TITLES) + 1
        assert all(cell.data_type == "s" for cell in cells), [(c.value, c.data_type) for c in cells]
        assert sorted(row[3].value for row in violations.iter_rows(min_row=2)) == sorted(TITLES)
