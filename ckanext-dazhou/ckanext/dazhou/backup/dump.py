"""Writes the catalog as JSON lines: a header, organizations, groups, then datasets.

Everything a sysadmin sees (closed/private and draft datasets included), read with
`*_show` as the site user, so nothing is redacted. Ids come from SQL in id order,
a page at a time (keyset paging), so the file is the same whatever Solr holds.
The resource code counters follow (codes are never issued twice). Deleted datasets and
organizations are left out: they are in the trash, which only
the database backup (`pg_dump`) keeps.
"""
from __future__ import annotations

import datetime
import json
from typing import IO, Any, Iterator

import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.dazhou.model import CodeSequence

FORMAT = "dazhou-catalog-dump"
VERSION = 1
PAGE = 100
# What a sysadmin backs up: published and unfinished entries, not the trash.
STATES = ("active", "draft", "withdrawn")  # withdrawn: 撤回发布 (publishing/withdrawal.py)


def site_context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def _ids(table: sa.Table, where: Any) -> Iterator[list[str]]:
    """Pages of ids in id order; each page starts after the last id of the one before."""
    last = ""
    while True:
        rows = model.Session.execute(
            sa.select(table.c.id).where(where, table.c.id > last)
            .order_by(table.c.id).limit(PAGE)).scalars().all()
        if not rows:
            return
        yield list(rows)
        last = rows[-1]


def _groups(is_org: bool) -> Iterator[dict[str, Any]]:
    table = model.group_table
    where = sa.and_(table.c.is_organization == is_org, table.c.state == "active")
    action = tk.get_action("organization_show" if is_org else "group_show")
    context = site_context()
    for page in _ids(table, where):
        for group_id in page:
            yield action(dict(context), {
                "id": group_id, "include_datasets": False, "include_users": False,
                "include_groups": False, "include_tags": False, "include_followers": False,
                "include_extras": True})


def _datasets() -> Iterator[dict[str, Any]]:
    table = model.package_table
    where = sa.and_(table.c.type == "dataset", table.c.state.in_(STATES))
    show = tk.get_action("package_show")
    context = {**site_context(), "use_cache": False}  # the database, not Solr's copy
    for page in _ids(table, where):
        for package_id in page:
            yield show(dict(context), {"id": package_id})


def dump(out: IO[str]) -> dict[str, int]:
    """Write the catalog to `out`; returns how many records of each type were written."""
    counts = {"organization": 0, "group": 0, "dataset": 0, "code_sequence": 0}

    def write(kind: str, data: dict[str, Any]) -> None:
        out.write(json.dumps({"type": kind, "data": data}, ensure_ascii=False) + "\n")
        counts[kind] = counts.get(kind, 0) + 1

    out.write(json.dumps({
        "type": "header", "format": FORMAT, "version": VERSION,
        "site_url": tk.config.get("ckan.site_url"),
        "dumped_at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
    }) + "\n")
    for org in _groups(is_org=True):
        write("organization", org)
    for group in _groups(is_org=False):
        write("group", group)
    for dataset in _datasets():
        write("dataset", dataset)
    # Codes are never issued twice: the counters go too, or a new site would hand out
    # again the codes of datasets deleted before the dump.
    for prefix, last_value in model.Session.execute(
            sa.select(CodeSequence.prefix, CodeSequence.last_value).order_by(CodeSequence.prefix)):
        write("code_sequence", {"prefix": prefix, "last_value": last_value})
    return counts
