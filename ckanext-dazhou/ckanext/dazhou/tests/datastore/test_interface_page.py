"""The 接口说明 page: fields with data items, a curl example that works, refusal for others."""
from __future__ import annotations

import re
from html import unescape

import pytest
import requests
from ckan.plugins import toolkit as tk

from ckanext.dazhou.tests.browser import live_site  # noqa: F401 (fixture)
from ckanext.dazhou.tests.datastore.conftest import run_load, uploaded_resource
from ckanext.dazhou.tests.datastore.test_preview_and_log import POPULATION, token_of
from ckanext.dazhou.tests.factories import create_dataset, create_department, department_user

ITEMS = [{"name": "区县", "data_type": "C", "length": "20", "description": "行政区划名称",
          "authoritative": False}]


def page_of(resource: dict) -> str:
    return f"/dataset/{resource['package_id']}/resource/{resource['id']}/interface"


@pytest.mark.usefixtures("with_plugins", "datastore")
class TestInterfacePage:
    def test_public_sees_fields_and_a_working_curl_on_open_data(self, app, live_site):  # noqa: F811
        resource = uploaded_resource(POPULATION.encode(), data_items=ITEMS)
        run_load(resource["id"])
        resource_page = app.get(f"/dataset/{resource['package_id']}/resource/{resource['id']}")
        assert f"/resource/{resource['id']}/interface" in resource_page.get_data(as_text=True)
        answer = app.get(page_of(resource))
        assert answer.status_code == 200
        html = answer.get_data(as_text=True)
        assert "区县" in html and "行政区划名称" in html and "常住人口（万人）" in html
        assert f"/datastore/dump/{resource['id']}" in html
        assert "公众" in html  # who may call it, in Chinese
        (curl,) = re.findall(r"curl -H [^<]*", html)
        url = re.search(r"'(http[^']+)'", unescape(curl)).group(1)
        url = url.replace(tk.config["ckan.site_url"].rstrip("/"), live_site)
        found = requests.get(url, timeout=10).json()
        assert found["success"], found
        assert [r["区县"] for r in found["result"]["records"]] == ["通川区"]  # filter and q

    def test_public_is_refused_on_conditional_data(self, app):
        resource = uploaded_resource(POPULATION.encode(), open_type="conditional",
                                     open_conditions="实名申请")
        run_load(resource["id"])
        answer = app.get(page_of(resource))
        assert answer.status_code == 403
        html = answer.get_data(as_text=True)
        assert "dz-resource-refused" in html and "dz-interface-curl" not in html
        assert "常住人口" not in html

    def test_owner_sees_the_page_of_closed_data(self, app):
        owner = create_department()
        dataset = create_dataset(owner_org=owner["id"], open_type="closed", share_type="none",
                                 non_share_basis_type="law", non_share_basis="《保密法》",
                                 api_endpoint="https://gateway.example/api/pop",
                                 api_description="按区县查询常住人口")
        resource = uploaded_resource(POPULATION.encode(), dataset=dataset)
        run_load(resource["id"])
        assert app.get(page_of(resource)).status_code in (403, 404)  # closed: hidden or refused
        html = app.get(page_of(resource),
                       headers=token_of(department_user(owner))).get_data(as_text=True)
        assert "dz-interface-curl" in html and "https://gateway.example/api/pop" in html
        assert "按区县查询常住人口" in html
