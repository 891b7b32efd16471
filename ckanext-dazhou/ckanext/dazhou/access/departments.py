"""Departments: organizations the bureau made, recognisable by a valid department code.

The code is the organization's `department_code` extra (部门代码). Its format is
`ckanext.dazhou.department_code_pattern` (default: the city's 8-digit codes); it is unique
among active organizations and only the bureau sets or changes it. Resource codes already
issued keep the old code: they are stored (codes.record), never rebuilt from the extra.
"""
from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import _

CODE_KEY = "department_code"


def code_pattern() -> re.Pattern[str]:
    return re.compile(tk.config.get("ckanext.dazhou.department_code_pattern"))


def is_valid_code(code: Any) -> bool:
    return isinstance(code, str) and bool(code_pattern().fullmatch(code.strip().upper()))


def has_valid_code(extras: dict[str, Any] | None) -> bool:
    return is_valid_code((extras or {}).get(CODE_KEY))


def _submitted_code(data_dict: dict[str, Any]) -> str | None:
    """The code in the form's field or the API's extras (the field wins); None when absent."""
    if data_dict.get(CODE_KEY) not in (None, ""):
        return str(data_dict[CODE_KEY]).strip().upper()
    for extra in data_dict.get("extras") or []:
        if isinstance(extra, dict) and extra.get("key") == CODE_KEY and not extra.get("deleted"):
            value = str(extra.get("value") or "").strip().upper()
            return value or None
    return None


def _holder_of(code: str, excluding: str | None) -> model.Group | None:
    query = sa.select(model.Group).where(
        model.Group.is_organization, model.Group.state != "deleted",
        model.Group.extras[CODE_KEY].astext == code)
    if excluding:
        query = query.where(model.Group.id != excluding)
    return model.Session.execute(query.limit(1)).scalar_one_or_none()


def _is_bureau(context: dict) -> bool:
    from ckanext.dazhou.access.roles import viewer_from_context  # roles uses this module
    return viewer_from_context(context).is_bureau


def _requires_code(context: dict) -> bool:
    """Departments made on the form or API need a code; sysadmin scripts may add it later
    (such an organization is no department until then: `ckan dazhou departments check`)."""
    if context.get("ignore_auth"):
        return False
    user = context.get("auth_user_obj") or model.User.get(context.get("user") or "")
    return not (user is not None and user.sysadmin)


def _code_error(message: str) -> tk.ValidationError:
    return tk.ValidationError({CODE_KEY: [message]})


def with_checked_code(context: dict, data_dict: dict[str, Any],
                      group: model.Group | None) -> dict[str, Any]:
    """data_dict with the department code validated and stored as its extra.

    `group` is the organization being updated (None on create). Raises ValidationError
    keyed `department_code`; nothing is stored then.
    """
    stored = (group.extras or {}).get(CODE_KEY) if group is not None else None
    current = str(stored).strip().upper() or None if stored else None
    code = _submitted_code(data_dict)
    if code is None:
        code = current  # an update that leaves the code out keeps it
    elif code != current and not _is_bureau(context):
        raise _code_error(_("Only the Big Data Bureau can set or change a department code"))
    if code is None:
        # a department admin cannot give one, so only creating, or the bureau, needs it
        if (group is None or _is_bureau(context)) and _requires_code(context):
            raise _code_error(_("Missing value"))
    elif code != current:
        if not is_valid_code(code):
            raise _code_error(_("The department code must be %(format)s")
                              % {"format": tk.config.get("ckanext.dazhou.department_code_format")})
        holder = _holder_of(code, group.id if group is not None else None)
        if holder is not None:
            raise _code_error(_("The department code %(code)s is already used by %(department)s")
                              % {"code": code, "department": holder.title or holder.name})
    extras = [e for e in data_dict.get("extras") or []
              if not (isinstance(e, dict) and e.get("key") == CODE_KEY)]
    if code is not None:
        extras.append({"key": CODE_KEY, "value": code})
    cleaned = {k: v for k, v in data_dict.items() if k != CODE_KEY}
    cleaned["extras"] = extras
    return cleaned


@tk.chained_action
def organization_create(original, context, data_dict):
    tk.check_access("organization_create", context, data_dict)
    return original(context, with_checked_code(context, data_dict, None))


@tk.chained_action
def organization_update(original, context, data_dict):
    group = model.Group.get(data_dict.get("id") or data_dict.get("name") or "")
    if group is None or not group.is_organization:
        return original(context, data_dict)  # CKAN answers not found / wrong type
    # rights first: a caller who may not edit learns nothing about codes
    tk.check_access("organization_update", context, data_dict)
    return original(context, with_checked_code(context, data_dict, group))


ACTIONS = {"organization_create": organization_create, "organization_update": organization_update}
