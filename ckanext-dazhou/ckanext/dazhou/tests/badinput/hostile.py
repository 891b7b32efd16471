"""Hostile parameter values and a small world for the walking tests of actions and pages."""
from __future__ import annotations

from ckan.tests import factories, helpers

from ckanext.dazhou.tests.factories import (
    as_user, create_dataset, create_department, department_user)

UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"

# what an attacker or a broken client sends in place of any parameter
VALUES = [
    "abc", "-5", -5, "9" * 20, 10 ** 20, 1.5, True, "", None, [], {}, ["x", "y"], {"a": 1},
    "x" * 5000, "0001-01-01", "9999-12-31", "2026-13-45", UNKNOWN_ID, "a\x00b",
    "javascript:alert(1)", "' OR 1=1 --",
]

# query strings for pages: every value is text there
QUERY_VALUES = ["abc", "-5", "9" * 20, "", "x" * 3000, "0001-01-01", "9999-12-31",
                UNKNOWN_ID, "%00", "a\x00b", "' OR 1=1 --", "[]"]
QUERY_KEYS = ["page", "rows", "role", "state", "kind", "organization", "owner_org",
              "harvest_source_id", "start", "end", "q", "id", "since", "modified_since"]


def world() -> dict:
    """Departments, a bureau, a conditional dataset, and one item of each workflow."""
    owner_org = create_department()
    applicant_org = create_department()
    bureau_org = create_department(name="dz-dsjj")
    dataset = create_dataset(
        owner_org=owner_org["id"], share_type="conditional", share_conditions="仅限政务核验",
        open_type="conditional", open_conditions="实名申请",
        resources=[{"name": "文件", "url": "https://data.dazhou.gov.cn/f.csv", "format": "csv"}])
    owner, applicant = department_user(owner_org, "editor"), department_user(applicant_org, "member")
    citizen = factories.User()
    application = helpers.call_action(
        "dazhou_share_application_create", as_user(applicant), package_id=dataset["id"],
        purpose="核验", scope="窗口", legal_basis="法")
    feedback = helpers.call_action("dazhou_feedback_create", as_user(citizen),
                                   package_id=dataset["id"], description="有误")
    open_application = helpers.call_action("dazhou_open_application_create", as_user(citizen),
                                           package_id=dataset["id"], purpose="研究")
    return {"dataset": dataset, "owner": owner, "applicant": applicant, "citizen": citizen,
            "bureau": department_user(bureau_org, "editor"), "sysadmin": factories.Sysadmin(),
            "application": application, "feedback": feedback,
            "open_application": open_application, "owner_org": owner_org}
