"""Schemas of the dazhou_* actions."""
from __future__ import annotations

import ckan.plugins.toolkit as tk


@tk.validator_args
def share_application_create(not_empty, unicode_safe, ignore_missing, list_of_strings):
    return {
        "package_id": [not_empty, unicode_safe],
        "organization_id": [ignore_missing, unicode_safe],
        "purpose": [not_empty, unicode_safe],
        "scope": [not_empty, unicode_safe],
        "legal_basis": [not_empty, unicode_safe],
        "resource_ids": [ignore_missing, list_of_strings],
    }


@tk.validator_args
def share_application_decide(not_empty, unicode_safe, ignore_missing, one_of, isodate):
    return {
        "id": [not_empty, unicode_safe],
        "decision": [not_empty, one_of(["approve", "refuse"])],
        "reason": [ignore_missing, unicode_safe],
        "expires": [ignore_missing, isodate],
    }


@tk.validator_args
def share_application_escalate(not_empty, unicode_safe):
    return {"id": [not_empty, unicode_safe], "reason": [not_empty, unicode_safe]}


@tk.validator_args
def share_application_list(ignore_missing, unicode_safe, one_of, natural_number_validator,
                           int_validator):
    from ckanext.dazhou.sharing import states
    return {
        "role": [ignore_missing, one_of(["applicant", "owner", "bureau"])],
        "state": [ignore_missing, one_of(list(states.ALL))],
        "package_id": [ignore_missing, unicode_safe],
        "page": [ignore_missing, int_validator, natural_number_validator],
        "rows": [ignore_missing, int_validator, natural_number_validator],
    }


@tk.validator_args
def grant_revoke(not_empty, unicode_safe):
    return {"id": [not_empty, unicode_safe], "reason": [not_empty, unicode_safe]}
