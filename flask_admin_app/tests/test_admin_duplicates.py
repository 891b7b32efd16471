"""Duplicate collection check: the matching rule, and the search against a running CKAN."""
from __future__ import annotations

from flask_admin_app import duplicates
from flask_admin_app.duplicates import PlannedItem


class TestRule:
    def test_parse(self):
        assert duplicates.parse_planned("公民身份号码\n\n 姓 名 ｜DE00002\n") == [
            PlannedItem("公民身份号码"), PlannedItem("姓 名", "DE00002")]

    def test_name_is_normalized_and_only_authoritative_items_count(self):
        dataset = {"name": "d", "title": "D", "organization": {"title": "公安局"},
                   "data_items": [{"name": "公民身份号码", "authoritative": True},
                                  {"name": "住址", "authoritative": False}]}
        found = duplicates.match([PlannedItem("公民 身份号码"), PlannedItem("住址")], [dataset])
        assert [(m.item_name, m.department) for m in found] == [("公民身份号码", "公安局")]

    def test_code_wins_over_name(self):
        dataset = {"data_items": [{"name": "身份证号", "code": "de00001", "authoritative": "true"}]}
        assert duplicates.match([PlannedItem("别的名字", "DE00001")], [dataset])
        assert not duplicates.match([PlannedItem("身份证号", "DE99999")], [dataset])


class TestAgainstCKAN:
    def test_finds_authoritative_items_of_the_demo_catalog(self, ckan_server):
        token = ckan_server["tokens"]["dsjj-staff"]
        found = duplicates.check(ckan_server["url"], token,
                                 "公民身份号码\n统一社会信用代码\n项目自有信息项|X-NONE")
        pairs = {(m.planned.name, m.dataset_name, m.department) for m in found}
        assert ("公民身份号码", "dz-population-base", "达州市公安局") in pairs
        assert any(m.planned.name == "统一社会信用代码" and m.department for m in found)
        assert not any(m.planned.name == "项目自有信息项" for m in found)

    def test_by_code(self, ckan_server):
        found = duplicates.check(ckan_server["url"], ckan_server["tokens"]["dsjj-staff"],
                                 "任意名称|DE00001")
        assert [m.dataset_name for m in found] == ["dz-population-base"]

    def test_nothing_planned(self, ckan_server):
        assert duplicates.check(ckan_server["url"], "", "") == []

    def test_own_department_items_are_not_duplicates(self, ckan_server):
        # 市公安局 planning 公民身份号码 collects what it provides itself: not a duplicate
        found = duplicates.check(ckan_server["url"], ckan_server["tokens"]["dsjj-staff"],
                                 "公民身份号码", own_department="dz-gongan")
        assert not any(m.department_name == "dz-gongan" for m in found)
        others = duplicates.check(ckan_server["url"], ckan_server["tokens"]["dsjj-staff"],
                                  "公民身份号码", own_department="dz-rsj")
        assert any(m.department_name == "dz-gongan" for m in others)
