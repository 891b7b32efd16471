"""Search facets name values as the badges do (issue 14): the format facet says 接口服务, not
the stored key api, and datasets can be narrowed by 资源子类."""
from __future__ import annotations

import pytest

from ckanext.dazhou.tests.factories import create_dataset, create_department


def test_format_and_subcategory_facets_show_labels(app, clean_db, clean_index, with_plugins):
    org = create_department()
    create_dataset(owner_org=org["id"], title="人口接口", resource_category="basic",
                   resource_subcategory="population",
                   resources=[{"name": "查询接口", "url": "https://data.dazhou.gov.cn/api",
                               "format": "api"}])
    create_dataset(owner_org=org["id"], title="部门表格",
                   resources=[{"name": "表", "url": "https://data.dazhou.gov.cn/t.csv",
                               "format": "csv"}])
    page = app.get("/dataset/").get_data(as_text=True)
    assert "资源子类" in page and 'href="/dataset/?resource_subcategory=population"' in page
    assert ">接口服务<" in page.replace("\n", "").replace("  ", "") or "接口服务" in page
    assert 'title="api"' not in page and ">api<" not in page
    narrowed = app.get("/dataset/?resource_subcategory=population").get_data(as_text=True)
    assert "人口接口" in narrowed and "部门表格" not in narrowed
    assert "取消筛选条件：人口" in narrowed  # the applied filter by its label, not the code
