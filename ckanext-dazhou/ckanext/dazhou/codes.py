"""信息资源代码 (resource codes), following the national catalog guide's structure.

    前段码 / 后段码  =  category code (3 digits) / department code - sequence (5 digits)
    e.g. 101/51170001-00001   (basic · population, 市公安局, first resource)

The category code is the sub-category's notation in vocab/resource_category.ttl (101…105,
201…210) or the category's notation followed by 00 (300 for departmental resources).
Codes are unique through dazhou_catalog_entry's unique key.
"""
from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from ckan import model

from ckanext.dazhou.model import CatalogEntry, CodeSequence
from dazhou_vocab import loader

CODE_PATTERN = re.compile(r"^\d{3}/[0-9A-Z]{6,18}-\d{5}$")


def category_code(category: str, subcategory: str | None) -> str:
    scheme = loader.scheme("resource_category")
    if subcategory and subcategory in scheme.by_key:
        return scheme.by_key[subcategory].notation
    return scheme.by_key[category].notation + "00"


def department_code(org_id: str | None) -> str | None:
    """The organization's department_code extra (None when missing)."""
    if not org_id:
        return None
    group = model.Group.get(org_id)
    if group is None:
        return None
    code = (group.extras or {}).get("department_code")
    return code.strip().upper() if code else None


def generate(category: str, subcategory: str | None, dept_code: str) -> str:
    """The next free code for this category and department (inside the caller's transaction)."""
    prefix = f"{category_code(category, subcategory)}/{dept_code}"
    while True:
        value = model.Session.execute(
            insert(CodeSequence).values(prefix=prefix, last_value=1)
            .on_conflict_do_update(index_elements=["prefix"],
                                   set_={"last_value": CodeSequence.last_value + 1})
            .returning(CodeSequence.last_value)
        ).scalar_one()
        code = f"{prefix}-{value:05d}"
        if owner_of(code) is None:  # skip codes someone typed in by hand
            return code


def owner_of(code: str) -> str | None:
    """The id of the dataset that holds this resource code, if any."""
    return model.Session.execute(
        sa.select(CatalogEntry.package_id).where(CatalogEntry.resource_code == code)
    ).scalar_one_or_none()


def record(package_id: str, code: str) -> None:
    """Store the dataset's code; raises IntegrityError when another dataset holds it."""
    model.Session.execute(
        insert(CatalogEntry).values(package_id=package_id, resource_code=code)
        .on_conflict_do_update(index_elements=["package_id"], set_={"resource_code": code})
    )


def code_of(package_id: str) -> str | None:
    return model.Session.execute(
        sa.select(CatalogEntry.resource_code).where(CatalogEntry.package_id == package_id)
    ).scalar_one_or_none()
