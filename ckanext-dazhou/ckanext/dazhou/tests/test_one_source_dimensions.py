"""One data, one source is about real data items: generic dimensions never block, and an item
may reference the authoritative item of another dataset instead of claiming it."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan.lib.helpers import url_for
from ckan.plugins import toolkit as tk
from ckan.tests import helpers

from ckanext.dazhou.tests.factories import create_dataset, site_context
from ckanext.dazhou.tests.test_one_source import claimed_by, item


def _refused(**fields):
    with pytest.raises(tk.ValidationError) as raised:
        create_dataset(**fields)
    return raised.value.error_dict


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestGenericDimensions:
    def test_statistical_month_claimed_twice_is_no_conflict(self):
        create_dataset(data_items=[item("统计月份"), item("参保人数")])
        assert create_dataset(data_items=[item("统计 月份"), item("行政区划"), item("就业人数")])
        assert set(claimed_by()) == {"name:参保人数", "name:就业人数"}

    @pytest.mark.ckan_config("ckanext.dazhou.generic_item_names", "填报周期")
    def test_the_list_is_configuration(self):
        create_dataset(data_items=[item("填报周期")])
        assert create_dataset(data_items=[item("填报周期")])
        create_dataset(data_items=[item("统计月份")])
        assert "第十四条" in _refused(data_items=[item("统计月份")])["data_items"][0]["authoritative"][0]
        assert "name:统计月份" in claimed_by()  # not on this site's list: a real item here

    def test_real_item_claimed_twice_is_still_refused(self):
        create_dataset(data_items=[item("统计月份"), item("公民身份号码", "DE00001")])
        errors = _refused(data_items=[item("统计月份"), item("公民身份号码", "DE00001")])
        messages = errors["data_items"][1]["authoritative"]
        assert any("第十四条" in m for m in messages)
        assert any("引用权威信息项" in m for m in messages)  # the way out is offered
        assert "authoritative" not in (errors["data_items"][0] or {})


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestReferences:
    def test_reference_by_code_or_name_is_stored_as_the_resource_code(self):
        owner = create_dataset(title="人口基础信息库", data_items=[item("公民身份号码", "DE00001")])
        by_code = create_dataset(data_items=[
            item("公民身份号码", "DE00001", authoritative=False) | {"reference": owner["resource_code"]}])
        assert by_code["data_items"][0]["reference"] == owner["resource_code"]
        by_name = create_dataset(data_items=[
            item("公民身份号码", "DE00001", authoritative=False) | {"reference": owner["name"]}])
        assert by_name["data_items"][0]["reference"] == owner["resource_code"]
        assert claimed_by() == {"code:DE00001": owner["id"]}

    def test_reference_must_name_the_holder_of_that_item(self):
        owner = create_dataset(data_items=[item("公民身份号码", "DE00001")])
        wrong_item = _refused(data_items=[item("姓名", authoritative=False) | {"reference": owner["resource_code"]}])
        assert "不是 姓名 的权威来源" in wrong_item["data_items"][0]["reference"][0]
        unknown = _refused(data_items=[item("姓名", authoritative=False) | {"reference": "300/00000000-99999"}])
        assert "300/00000000-99999" in unknown["data_items"][0]["reference"][0]
        both = _refused(data_items=[item("公民身份号码", "DE00001") | {"reference": owner["resource_code"]}])
        assert "权威来源" in both["data_items"][0]["reference"][0]

    def test_dataset_page_shows_the_reference_with_a_link(self, app):
        owner = create_dataset(title="人口基础信息库", data_items=[item("公民身份号码", "DE00001")])
        user = create_dataset(data_items=[
            item("统计月份"),
            item("公民身份号码", "DE00001", authoritative=False) | {"reference": owner["resource_code"]}])
        page = BeautifulSoup(app.get(url_for("dataset.read", id=user["name"])).get_data(as_text=True),
                             "html.parser")
        reference = page.select_one(".dz-item-reference")
        assert reference.get_text(" ", strip=True).startswith("引用 人口基础信息库")
        assert reference.a["href"].endswith(f"/dataset/{owner['name']}")
        assert page.select_one(".dz-generic-item").get_text(strip=True) == "通用维度"

    def test_a_claim_refused_on_the_form_can_become_a_reference(self, app):
        owner = create_dataset(data_items=[item("社会保障卡号", "DE00702")])
        claim = item("社会保障卡号", "DE00702")
        with pytest.raises(tk.ValidationError):
            create_dataset(name="reuser", data_items=[claim])
        fixed = create_dataset(name="reuser", data_items=[
            claim | {"authoritative": False, "reference": owner["resource_code"]}])
        updated = helpers.call_action("package_patch", site_context(), id=fixed["id"],
                                      data_items=fixed["data_items"])
        assert updated["data_items"][0]["reference"] == owner["resource_code"]
