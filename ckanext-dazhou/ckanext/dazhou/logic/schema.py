"""Schemas of the dazhou_* actions."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.dazhou.logic import params


@tk.validator_args
def share_application_create(not_empty, unicode_safe, ignore_missing, list_of_strings):
    return {
        "package_id": [not_empty, unicode_safe, params.bounded_text],
        "organization_id": [ignore_missing, unicode_safe, params.bounded_text],
        "purpose": [not_empty, unicode_safe],
        "scope": [not_empty, unicode_safe],
        "legal_basis": [not_empty, unicode_safe],
        "resource_ids": [ignore_missing, list_of_strings],
    }


@tk.validator_args
def share_application_decide(not_empty, unicode_safe, ignore_missing, one_of):
    return {
        "id": [not_empty, unicode_safe, params.bounded_text],
        "decision": [not_empty, one_of(["approve", "refuse"])],
        "reason": [ignore_missing, unicode_safe],
        "expires": [ignore_missing, params.day_validator],
    }


@tk.validator_args
def share_application_escalate(not_empty, unicode_safe):
    return {"id": [not_empty, unicode_safe, params.bounded_text], "reason": [not_empty, unicode_safe]}


@tk.validator_args
def share_application_list(ignore_missing, one_of):
    from ckanext.dazhou.sharing import states
    return {
        "role": [ignore_missing, one_of(["applicant", "owner", "bureau"])],
        "state": [ignore_missing, one_of(list(states.ALL))],
        "package_id": params.text(),
        **params.paging(),
    }


@tk.validator_args
def by_id(not_empty, unicode_safe):
    """The `id` of one item: a list or an overlong string is refused before any lookup."""
    return {"id": [not_empty, unicode_safe, params.bounded_text]}


@tk.validator_args
def grant_list(not_empty, unicode_safe):
    return {"package_id": [not_empty, unicode_safe, params.bounded_text]}


def access_log_list():
    return {"package_id": params.text(), **params.paging()}


@tk.validator_args
def grant_revoke(not_empty, unicode_safe):
    return {"id": [not_empty, unicode_safe, params.bounded_text], "reason": [not_empty, unicode_safe]}
