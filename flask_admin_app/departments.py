"""Departments as CKAN has them: the 申报部门 picker and every department name shown.

A project's `department` stores the CKAN organization's name (its stable key), so the
duplicate-collection check can tell the applicant's own authoritative items from other
departments'. Titles are read from CKAN once per request (organization_list, paged).
"""
from __future__ import annotations

from flask import current_app, g

from flask_admin_app import ckan_client
from flask_admin_app.auth import user_token

PAGE = 25  # CKAN's default cap of organization_list with all_fields


def _fetch(ckan_url: str, token: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    offset = 0
    while True:
        rows = ckan_client.call(ckan_url, token, "organization_list", {
            "all_fields": True, "limit": PAGE, "offset": offset, "sort": "title asc"})
        found.extend((row["name"], row.get("title") or row["name"]) for row in rows)
        if len(rows) < PAGE:
            return found
        offset += PAGE


def choices() -> list[tuple[str, str]]:
    """(name, title) of every department, sorted by title; cached for the request."""
    if "dazhou_departments" not in g:
        settings = current_app.config["DAZHOU"]
        g.dazhou_departments = _fetch(settings.ckan_url, user_token() or settings.ckan_token)
    return g.dazhou_departments


def title(name: str | None) -> str:
    """A department's title; a value from before the picker (free text) shows as typed."""
    if not name:
        return ""
    try:
        return dict(choices()).get(name, name)
    except ckan_client.CKANUnavailable:
        return name
