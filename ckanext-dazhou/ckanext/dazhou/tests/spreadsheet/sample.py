"""A small catalog that uses every field of the schema, and helpers to compare catalogs."""
from __future__ import annotations

import io
from typing import Any

from ckan import model
from ckan.tests import helpers
from ckanext.scheming.helpers import scheming_get_dataset_schema

from ckanext.dazhou.spreadsheet import export
from ckanext.dazhou.tests.factories import create_dataset, create_department, site_context


def item(name: str, **fields: Any) -> dict[str, Any]:
    return {"name": name, "data_type": "C", **fields}


def catalog() -> dict[str, Any]:
    """Two departments; datasets with data items, resources and every optional field."""
    police = create_department("51170001", title="达州市公安局")
    health = create_department("51170004", title="达州市卫生健康委员会")
    population = create_dataset(
        owner_org=police["id"], name="dz-population", title="达州市人口基础信息库",
        notes="全市户籍人口基础信息。\n第二行说明。", resource_category="basic",
        resource_subcategory="population", tag_string="人口,户籍",
        share_type="conditional", share_conditions="仅限政务用途\n须签订安全协议",
        share_methods=["api", "file"], update_cycle="daily",
        api_description="按身份证号查询，返回JSON", api_endpoint="https://data.dazhou.gov.cn/api/x/v1",
        open_type="conditional", open_conditions="科研用途，须审查用户资质",
        cross_department_approval=True, security_level="sensitive",
        confidentiality_review="passed", confidentiality_reviewer="张三",
        confidentiality_review_date="2026-01-05", collection_purpose="人口管理",
        collection_scope="全市户籍人口", collection_method="业务系统实时采集",
        collection_legal_basis="《居民身份证法》", published_date="2026-02-01",
        data_items=[item("公民身份号码", code="DE00001", length="18", authoritative=True,
                         description="18位"),
                    item("姓名", length="50", authoritative=True),
                    item("出生日期", data_type="D", authoritative=False)],
        resources=[{"url": "https://data.dazhou.gov.cn/api/x/v1", "name": "人口核验接口",
                    "description": "接口", "format": "api", "collection_sample": False},
                   {"url": "https://data.dazhou.gov.cn/files/sample.xlsx", "name": "样表",
                    "format": "xlsx", "collection_sample": True}],
    )
    closed = create_dataset(
        owner_org=police["id"], name="dz-case-records", title="案件记录",
        share_type="none", non_share_basis_type="law", non_share_basis="《刑事诉讼法》",
        share_conditions="旧的共享条件", open_type="closed", security_level="classified",
        confidentiality_review="pending", confidentiality_reviewer="",
        confidentiality_review_date="",
        related_resource_codes=[population["resource_code"], "101/51170001-09999"],
        cross_department_approval=False,
    )
    clinics = create_dataset(
        owner_org=health["id"], name="dz-clinics", title="医疗机构名录",
        notes="=SUM(A1) 不是公式", resource_category="thematic",
        resource_subcategory="health_security", update_cycle="monthly",
        data_items=[item("机构名称", authoritative=True), item("公民身份号码", code="DE00001")],
        resources=[{"url": "https://data.dazhou.gov.cn/files/clinics.csv", "format": "csv"}],
    )
    return {"police": police, "health": health,
            "datasets": [population, closed, clinics]}


def exported_xlsx(context: dict[str, Any] | None = None, org_id: str | None = None) -> io.BytesIO:
    buffer = io.BytesIO()
    export.write_xlsx(export.datasets(context or site_context(), org_id), buffer)
    buffer.seek(0)
    return buffer


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _clean(record: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    return {f: record.get(f) for f in fields if not _blank(record.get(f))}


def schema_view(dataset: dict[str, Any]) -> dict[str, Any]:
    """Every schema field of a dataset, data items and resources dict by dict; empty = absent."""
    schema = scheming_get_dataset_schema("dataset")
    fields = [f["field_name"] for f in schema["dataset_fields"]
              if f["field_name"] not in ("tag_string", "data_items")]
    item_fields = [s["field_name"] for f in schema["dataset_fields"]
                   if f["field_name"] == "data_items" for s in f["repeating_subfields"]]
    resource_fields = [f["field_name"] for f in schema["resource_fields"]]
    view = _clean(dataset, fields)
    view["tags"] = sorted(t["name"] for t in dataset.get("tags") or [])
    view["data_items"] = [_clean(i, item_fields) for i in dataset.get("data_items") or []]
    view["resources"] = [_clean(r, resource_fields) for r in dataset.get("resources") or []]
    return view


def catalog_view() -> dict[str, dict[str, Any]]:
    """The whole stored catalog (read from the database, not the index), by name."""
    names = [n for (n,) in model.Session.query(model.Package.name).filter(
        model.Package.state == "active")]  # package_list leaves out private datasets
    context = dict(site_context(), use_cache=False)
    return {n: schema_view(helpers.call_action("package_show", dict(context), id=n)) for n in names}
