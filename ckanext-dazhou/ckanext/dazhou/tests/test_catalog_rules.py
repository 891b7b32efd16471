"""Each catalog rule of the measures, through the action API (package_create/update)."""
from __future__ import annotations

import pytest
from ckan.plugins import toolkit as tk
from ckan.tests import helpers

from ckanext.dazhou.tests.factories import create_dataset, dataset_fields, site_context


def errors_of(**overrides) -> dict:
    with pytest.raises(tk.ValidationError) as raised:
        create_dataset(**overrides)
    return raised.value.error_dict


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestShareRules:
    def test_default_share_type_is_unconditional(self):
        fields = dataset_fields()
        del fields["share_type"]
        dataset = create_dataset(**fields)
        assert dataset["share_type"] == "unconditional"

    def test_conditional_requires_conditions(self):
        errors = errors_of(share_type="conditional", share_conditions="")
        assert "第十八条" in errors["share_conditions"][0]
        assert create_dataset(share_type="conditional", share_conditions="仅限政务用途")

    def test_not_shared_requires_basis_type_and_basis(self):
        errors = errors_of(share_type="none", open_type="closed")
        assert set(errors) >= {"non_share_basis_type", "non_share_basis"}
        assert "第十八条" in errors["non_share_basis"][0]
        assert create_dataset(share_type="none", open_type="closed", non_share_basis_type="law",
                              non_share_basis="《中华人民共和国统计法》第九条")


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestInterfaceRule:
    @pytest.mark.parametrize("overrides", [
        {"update_cycle": "realtime"}, {"update_cycle": "daily"},
        {"cross_department_approval": True},
    ])
    def test_frequent_or_approval_data_needs_a_registered_interface(self, overrides):
        errors = errors_of(share_methods=["file"], **overrides)
        assert "第十九条" in errors["share_methods"][0]
        assert "api_description" in errors and "api_endpoint" in errors

    def test_interface_with_description_and_endpoint_passes(self):
        dataset = create_dataset(update_cycle="daily", share_methods=["api", "file"],
                                 api_description="按身份证号查询，返回JSON",
                                 api_endpoint="https://data.dazhou.gov.cn/api/gateway/x/v1")
        assert dataset["share_methods"] == ["api", "file"]

    def test_monthly_file_sharing_needs_no_interface(self):
        assert create_dataset(update_cycle="monthly", share_methods=["file"])


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestOpeningRules:
    @pytest.mark.parametrize("open_type", ["open", "conditional"])
    @pytest.mark.parametrize("review", ["pending", "refused"])
    def test_opening_requires_a_passed_review(self, open_type, review):
        errors = errors_of(open_type=open_type, open_conditions="科研用途", confidentiality_review=review)
        assert "第二十六条" in errors["confidentiality_review"][0]

    @pytest.mark.parametrize("open_type", ["open", "conditional"])
    def test_classified_data_can_only_be_closed(self, open_type):
        errors = errors_of(security_level="classified", open_type=open_type, open_conditions="x")
        assert "第二十六条" in errors["open_type"][0]
        assert create_dataset(security_level="classified", open_type="closed")

    def test_closed_data_needs_no_review(self):
        assert create_dataset(open_type="closed", confidentiality_review="pending",
                              confidentiality_reviewer="", confidentiality_review_date="")


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestVocabularies:
    @pytest.mark.parametrize("field, value", [
        ("share_type", "sometimes"), ("open_type", "public"), ("update_cycle", "hourly"),
        ("security_level", "secret"), ("resource_category", "population"),
    ])
    def test_coded_fields_take_vocabulary_values_only(self, field, value):
        errors = errors_of(**{field: value})
        assert value in errors[field][0] and "代码表" in errors[field][0]

    def test_subcategory_must_belong_to_the_category(self):
        errors = errors_of(resource_category="basic", resource_subcategory="health_security")
        assert "第十一条" in errors["resource_subcategory"][0]
        errors = errors_of(resource_category="thematic", resource_subcategory="")
        assert "resource_subcategory" in errors

    def test_data_item_types_come_from_the_vocabulary(self):
        errors = errors_of(data_items=[{"name": "姓名", "data_type": "X"}])
        assert "data_items" in errors


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestResourceCodes:
    def test_code_is_generated_from_category_department_and_sequence(self):
        from ckanext.dazhou.tests.factories import create_department
        org = create_department("51170001")
        first = create_dataset(owner_org=org["id"], resource_category="basic",
                               resource_subcategory="population")
        second = create_dataset(owner_org=org["id"], resource_category="basic",
                                resource_subcategory="population")
        third = create_dataset(owner_org=org["id"], resource_category="departmental")
        assert first["resource_code"] == "101/51170001-00001"
        assert second["resource_code"] == "101/51170001-00002"
        assert third["resource_code"] == "300/51170001-00001"

    def test_code_is_unique(self):
        first = create_dataset()
        errors = errors_of(resource_code=first["resource_code"])
        assert first["resource_code"] in errors["resource_code"][0]

    def test_code_must_follow_the_national_structure(self):
        errors = errors_of(resource_code="ABC")
        assert "101/51170001-00001" in errors["resource_code"][0]

    def test_update_without_code_keeps_it(self):
        dataset = create_dataset()
        fields = {k: v for k, v in dataset.items() if k != "resource_code"}
        updated = helpers.call_action("package_update", site_context(), **fields)
        assert updated["resource_code"] == dataset["resource_code"]

    def test_failed_create_stores_nothing(self):
        first = create_dataset()
        with pytest.raises(tk.ValidationError):
            create_dataset(name="dup-code", resource_code=first["resource_code"])
        with pytest.raises(tk.ObjectNotFound):
            helpers.call_action("package_show", id="dup-code")
