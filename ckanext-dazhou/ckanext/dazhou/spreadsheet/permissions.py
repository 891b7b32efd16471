"""Who may import a row: only into departments the user belongs to and may edit."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.common import _

from ckanext.dazhou.spreadsheet import columns as c
from ckanext.dazhou.spreadsheet.decode import DatasetRow
from ckanext.dazhou.spreadsheet.departments import Departments
from ckanext.dazhou.spreadsheet.report import Report


def _context(user: str) -> dict[str, Any]:
    return {"user": user}


def member_of(user: str) -> set[str]:
    """Ids of the organizations the user is a member of (all of them for sysadmins)."""
    orgs = tk.get_action("organization_list_for_user")(
        _context(user), {"id": user, "permission": "read", "include_dataset_count": False})
    return {o["id"] for o in orgs}


def check(rows: list[DatasetRow], matched: dict[int, str], stored: dict[str, dict[str, Any]],
          user: str, departments: Departments, report: Report) -> None:
    provider = c.of_kind(c.PROVIDER).header
    mine = member_of(user)
    for row in rows:
        org_id = row.fields.get("owner_org")
        if not org_id:
            continue  # the provider cell is already reported
        department = departments.get(org_id)
        if org_id not in mine:
            report.add(c.MAIN_SHEET, row.row, provider, _(
                "You are not a member of {department}: you can import only into your own "
                "departments").format(department=department.title))
            continue
        package_id = matched.get(row.row)
        try:
            if package_id:
                tk.check_access("package_update", _context(user), {"id": package_id})
            else:
                tk.check_access("package_create", _context(user), {"owner_org": org_id})
        except tk.NotAuthorized:
            if package_id:
                dataset = stored.get(package_id) or {}
                message = _("You may not edit the dataset {title} of {department}").format(
                    title=dataset.get("title", package_id),
                    department=(departments.get(dataset.get("owner_org")) or department).title)
            else:
                message = _("You may not create datasets for {department}").format(
                    department=department.title)
            report.add(c.MAIN_SHEET, row.row, provider, message)
