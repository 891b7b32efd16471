"""The bureau's department list: every department with code, dataset counts and members."""
from __future__ import annotations

import csv
import importlib
import io

import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup
from ckan import model
from ckan.lib.helpers import url_for
from ckan.tests import factories, helpers

from ckanext.dazhou.tests.factories import create_dataset, create_department, site_context


def _member(org, capacity="member"):
    user = factories.UserWithToken()
    helpers.call_action("organization_member_create", site_context(), id=org["id"],
                        username=user["name"], role=capacity)
    return user


@pytest.fixture
def world(clean_db, clean_index):
    bureau_org = create_department(name="dz-dsjj", title="市大数据局", department_code="51170001")
    police = create_department(name="dz-ga", title="市公安局", department_code="51170002")
    labour = create_department(name="dz-rsj", title="市人社局", department_code="51170003")
    editor = _member(police, "editor")
    _member(police)
    create_dataset(owner_org=police["id"])
    create_dataset(owner_org=police["id"], open_type="closed", share_type="conditional",
                   share_conditions="仅用于办案")
    create_dataset(owner_org=labour["id"], open_type="conditional", open_conditions="实名申请")
    return {"bureau": _member(bureau_org), "editor": editor, "police": police, "labour": labour}


def _get(app, user, path="dazhou_departments.index", **kwargs):
    headers = {"Authorization": user["token"]} if user else {}
    return app.get(url_for(path, **kwargs), headers=headers, follow_redirects=False)


def _rows(html):
    page = BeautifulSoup(html, "html.parser")
    return {tr["data-name"]: {
        "cells": [td.get_text(" ", strip=True) for td in tr.find_all("td")],
        "by_key": {td["data-key"]: td.get_text(strip=True) for td in tr.find_all("td", attrs={"data-key": True})},
    } for tr in page.select("tr.dazhou-department-row")}


@pytest.mark.usefixtures("with_plugins")
class TestDepartmentList:
    def test_bureau_sees_codes_counts_and_members(self, app, world):
        response = _get(app, world["bureau"])
        assert response.status_code == 200
        rows = _rows(response.get_data(as_text=True))
        assert list(rows) == ["dz-dsjj", "dz-ga", "dz-rsj"]  # ordered by code
        police = rows["dz-ga"]
        assert police["cells"][:3] == ["51170002", "市公安局", "2"]
        assert police["cells"][-1] == "3"  # the factory's creator and our two
        assert police["by_key"]["open_type:open"] == "1"
        assert police["by_key"]["open_type:closed"] == "1"
        assert police["by_key"]["share_type:conditional"] == "1"
        assert rows["dz-rsj"]["by_key"]["open_type:conditional"] == "1"
        assert rows["dz-dsjj"]["cells"][2] == "0"

        dataset = create_dataset(owner_org=world["labour"]["id"])
        helpers.call_action("package_delete", site_context(), id=dataset["id"])
        rows = _rows(_get(app, world["bureau"]).get_data(as_text=True))
        assert rows["dz-rsj"]["cells"][2] == "1"  # deleted datasets are not counted

    def test_queries_do_not_grow_with_departments(self, app, world):
        def statements():
            seen = []
            listener = lambda *args: seen.append(1)  # noqa: E731
            sa.event.listen(model.meta.engine, "before_cursor_execute", listener)
            try:
                assert _get(app, world["bureau"]).status_code == 200
            finally:
                sa.event.remove(model.meta.engine, "before_cursor_execute", listener)
            return len(seen)
        statements()  # warm: first-request lookups cached per process
        before = statements()
        for _n in range(4):
            create_dataset(owner_org=create_department()["id"])
        assert statements() == before

    def test_pages_and_csv(self, app, world, monkeypatch):
        views = importlib.import_module("ckanext.dazhou.views.departments")  # the package exports the blueprint
        monkeypatch.setattr(views, "ROWS", 2)
        second = _get(app, world["bureau"], page=2).get_data(as_text=True)
        assert list(_rows(second)) == ["dz-rsj"]
        assert _get(app, world["bureau"], page="x").status_code == 400

        response = _get(app, world["bureau"], "dazhou_departments.export")
        assert response.status_code == 200
        lines = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
        assert lines[0][:3] == ["部门代码", "部门", "信息资源"]
        assert [line[0] for line in lines[1:]] == ["51170001", "51170002", "51170003"]  # every page

    def test_others_get_a_chinese_refusal(self, app, world):
        response = _get(app, world["editor"])
        assert response.status_code == 403
        assert "只有市大数据局" in response.get_data(as_text=True)
        anonymous = _get(app, None)
        assert anonymous.status_code == 302 and "/user/login" in anonymous.headers["Location"]
        assert _get(app, world["editor"], "dazhou_departments.export").status_code == 403
        link = url_for("dazhou_departments.index")
        assert link in _get(app, world["bureau"], "dazhou_work.index").get_data(as_text=True)
        assert link not in _get(app, world["editor"], "dazhou_work.index").get_data(as_text=True)
