"""Valid catalog datasets for tests: override only what the test is about."""
from __future__ import annotations

import itertools
from typing import Any

from ckan.tests import factories, helpers

_sequence = itertools.count(1)


def dataset_fields(**overrides: Any) -> dict[str, Any]:
    """A dict that passes every catalog rule: unconditional share, open, reviewed."""
    n = next(_sequence)
    data = {
        "name": f"test-dataset-{n}",
        "title": f"测试数据集{n}",
        "notes": "用于测试的数据集。",
        "resource_category": "departmental",
        "share_type": "unconditional",
        "share_methods": ["file"],
        "open_type": "open",
        "update_cycle": "monthly",
        "security_level": "public",
        "confidentiality_review": "passed",
        "confidentiality_reviewer": "张三",
        "confidentiality_review_date": "2026-01-05",
    }
    data.update(overrides)
    return data


def site_context() -> dict[str, Any]:
    site_user = helpers.call_action("get_site_user", {"ignore_auth": True})
    return {"user": site_user["name"], "ignore_auth": True}


def create_department(department_code: str | None = None, **kwargs: Any) -> dict[str, Any]:
    """An organization with the department_code extra that resource codes are built from."""
    n = next(_sequence)
    # 51175000-51179999: never the codes tests and the demo write by hand (codes are unique)
    code = department_code or f"5117{5000 + n % 5000:04d}"
    return factories.Organization(extras=[{"key": "department_code", "value": code}], **kwargs)


def create_dataset(context: dict[str, Any] | None = None, **overrides: Any) -> dict[str, Any]:
    """package_create through the action API; as the site user unless a context is given."""
    if "owner_org" not in overrides:
        overrides["owner_org"] = create_department()["id"]
    return helpers.call_action(
        "package_create", context or site_context(), **dataset_fields(**overrides)
    )


def department_user(org: dict[str, Any], capacity: str = "editor") -> dict[str, Any]:
    """A user who is a member of the organization with the given capacity."""
    user = factories.User()
    helpers.call_action("organization_member_create", site_context(), id=org["id"],
                        username=user["name"], role=capacity)
    return user


def as_user(user: dict[str, Any]) -> dict[str, Any]:
    return {"user": user["name"], "ignore_auth": False}
