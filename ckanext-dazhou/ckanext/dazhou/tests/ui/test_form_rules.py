"""Each catalog rule through the dataset form: its Chinese message next to the field, nothing stored."""
from __future__ import annotations

import pytest
from ckan import model

from ckanext.dazhou.tests.factories import create_dataset
from ckanext.dazhou.tests.ui.forms import department_editor, errors_next_to, form_data, post_new


def rejected(app, **overrides) -> str:
    """Post the form with a bad combination; assert nothing was stored; return the page."""
    user, org = department_editor()
    data = form_data(org["id"], **overrides)
    response = post_new(app, user, data)
    assert response.status_code == 200
    assert model.Package.by_name(data["name"]) is None
    return response.get_data(as_text=True)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestShareRulesInTheForm:
    def test_conditional_sharing_without_conditions(self, app):
        html = rejected(app, share_type="conditional", share_conditions="")
        assert "有条件共享的信息资源必须在目录中设定共享条件（第十八条）" in errors_next_to(
            html, "field-share_conditions")

    def test_not_shared_without_basis(self, app):
        html = rejected(app, share_type="none", open_type="closed")
        assert "必须选择不予共享依据类型（第十八条）" in errors_next_to(html, "field-non_share_basis_type")
        assert "必须说明理由" in errors_next_to(html, "field-non_share_basis")


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestInterfaceRuleInTheForm:
    def test_daily_data_without_an_interface(self, app):
        html = rejected(app, update_cycle="daily", share_methods=["file"])
        assert "共享方式必须包含接口（第十九条）" in errors_next_to(html, "field-share_methods-api")
        for control in ("field-api_description", "field-api_endpoint"):
            assert "提供接口描述及调用方法（第十九条）" in errors_next_to(html, control)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestOpeningRulesInTheForm:
    def test_open_without_a_passed_review(self, app):
        html = rejected(app, open_type="open", confidentiality_review="pending")
        assert "开放前必须通过保密审查（第二十六条）" in errors_next_to(
            html, "field-confidentiality_review")

    def test_classified_and_open(self, app):
        html = rejected(app, security_level="classified", open_type="open")
        assert "涉密数据不得对外开放，开放属性只能为不予开放（第二十六条）" in errors_next_to(
            html, "field-open_type")

    def test_review_decision_without_reviewer_and_date(self, app):
        html = rejected(app, confidentiality_reviewer="", confidentiality_review_date="")
        for control in ("field-confidentiality_reviewer", "field-confidentiality_review_date"):
            assert "必须记录审查人和审查日期（第二十六条）" in errors_next_to(html, control)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestOneDataOneSourceInTheForm:
    def test_authoritative_item_already_owned_elsewhere(self, app):
        item = {"name": "公民身份号码", "code": "DE00001", "data_type": "C", "authoritative": True}
        owner = create_dataset(title="人口基础信息库", data_items=[item])
        html = rejected(app, data_items=[item])
        error = errors_next_to(html, "field-data_items-0-authoritative")
        assert "一数一源" in error and "第十四条" in error
        assert owner["title"] in error


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestCodesInTheForm:
    def test_unknown_vocabulary_code(self, app):
        html = rejected(app, share_type="sometimes")
        error = errors_next_to(html, "field-share_type")
        assert "sometimes" in error and "代码表" in error and "第十二条" in error

    def test_malformed_resource_code(self, app):
        html = rejected(app, resource_code="ABC")
        assert "101/51170001-00001（第十二条）" in errors_next_to(html, "field-resource_code")

    def test_subcategory_of_a_basic_resource(self, app):
        html = rejected(app, resource_category="basic", resource_subcategory="")
        assert "必须选择资源子类（第十一条）" in errors_next_to(html, "field-resource_subcategory")
