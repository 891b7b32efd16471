"""The evaluation page (Art. 28): the bureau chooses a department and a period; XLSX download."""
from __future__ import annotations

import io

import pytest
from ckan.tests import factories
from openpyxl import load_workbook

from ckanext.dazhou.tests.factories import create_dataset, create_department, department_user
from ckanext.dazhou.tests.ui_workflows.pages import headers


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_evaluation_renders_and_exports(app):
    org = create_department(title="评估局")
    create_dataset(owner_org=org["id"], open_type="open",
                   resources=[{"name": "表", "url": "https://x.gov.cn/a.csv", "format": "csv"}])
    bureau = headers(department_user(create_department(name="dz-dsjj"), "member"))
    query = f"organization={org['name']}&start=2026-01-01&end=2099-12-31"

    page = app.get(f"/dashboard/evaluation?{query}", headers=bureau)
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "评估局" in text and 'class="figure-open_datasets"' in text
    assert "100.0%" in text  # the csv resource is machine-readable
    bad = app.get("/dashboard/evaluation?start=2026-05-01&end=2026-01-01", headers=bureau)
    assert bad.status_code == 400 and "error-block" in bad.get_data(as_text=True)

    response = app.get(f"/dashboard/evaluation/export.xlsx?{query}", headers=bureau)
    assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = {r[0]: r[1] for r in load_workbook(io.BytesIO(response.get_data())).active.iter_rows(
        min_row=2, values_only=True)}
    assert 1 in rows.values() and 1.0 in rows.values()

    own = headers(department_user(org, "member"))
    assert app.get("/dashboard/evaluation", headers=own).status_code == 200
    assert app.get("/dashboard/evaluation", headers=headers(factories.User())).status_code == 403
