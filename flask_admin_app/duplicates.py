"""Duplicate data collection check (Art. 7, 14): planned items against the catalog.

A planned item matches a dataset's authoritative item with the same identity, the rule of
ckanext-dazhou's `authority.identity` (imported, not copied): by standard code when the plan
gives one, else by normalized name. Solr narrows the candidates (item names and codes are
indexed as extras_data_items__name / __code); the rule decides.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable

from ckanext.dazhou.authority import identity

from flask_admin_app import ckan_client

PAGE_ROWS = 100
MAX_PAGES = 20  # 2,000 candidate datasets is far more than one plan can match


@dataclass(frozen=True)
class PlannedItem:
    name: str
    code: str = ""

    @property
    def identity(self) -> str:
        return identity(self.name, self.code)


@dataclass(frozen=True)
class Match:
    planned: PlannedItem
    item_name: str
    item_code: str
    dataset_name: str
    dataset_title: str
    department: str
    department_name: str = ""  # the CKAN organization's name


def parse_planned(text: str | None) -> list[PlannedItem]:
    """One item a line: `名称` or `名称|代码` (also a tab or a full-width ｜)."""
    items = []
    for line in (text or "").splitlines():
        line = line.replace("｜", "|").replace("\t", "|").strip()
        if not line:
            continue
        name, _, code = line.partition("|")
        if name.strip() or code.strip():
            items.append(PlannedItem(name.strip(), code.strip()))
    return items


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("true", "1", "yes", "on")


def _item_identities(item: dict[str, Any]) -> set[str]:
    # A planned item without a code is compared by name even with items that carry one.
    ids = {identity(item.get("name"), item.get("code"))}
    if item.get("name"):
        ids.add(identity(item.get("name"), None))
    return ids


def match(planned: Iterable[PlannedItem], datasets: Iterable[dict[str, Any]]) -> list[Match]:
    """Authoritative items of `datasets` that the plan would collect again."""
    planned = list(planned)
    found = []
    for dataset in datasets:
        org = dataset.get("organization") or {}
        department = org.get("title") or org.get("name") or "" if isinstance(org, dict) else str(org)
        department_name = org.get("name") or "" if isinstance(org, dict) else str(org)
        for item in dataset.get("data_items") or []:
            if not _truthy(item.get("authoritative")):
                continue
            ids = _item_identities(item)
            for plan in planned:
                if plan.identity in ids:
                    found.append(Match(plan, item.get("name") or "", item.get("code") or "",
                                       dataset.get("name") or "", dataset.get("title") or "",
                                       department, department_name))
    return found


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def solr_query(planned: Iterable[PlannedItem]) -> str:
    clauses = []
    for plan in planned:
        if plan.code:
            clauses.append(f"extras_data_items__code:{_quote(plan.code)}")
        if plan.name:
            clauses.append(f"extras_data_items__name:{_quote(plan.name)}")
    return " OR ".join(clauses)


def candidates(ckan_url: str, token: str, planned: list[PlannedItem]) -> Iterable[dict[str, Any]]:
    """Datasets whose items may match, paged, with only the fields the check reads."""
    query = solr_query(planned)
    if not query:
        return
    for page in range(MAX_PAGES):
        result = ckan_client.call(ckan_url, token, "package_search", {
            "q": query, "rows": PAGE_ROWS, "start": page * PAGE_ROWS, "include_private": True,
            "fl": "name,title,organization,validated_data_dict"})
        for row in result["results"]:
            yield _dataset(row)
        if (page + 1) * PAGE_ROWS >= result["count"]:
            return


def _dataset(row: dict[str, Any]) -> dict[str, Any]:
    full = row.get("validated_data_dict")
    if isinstance(full, str):
        full = json.loads(full)
    full = full or row
    return {"name": full.get("name"), "title": full.get("title"),
            "organization": full.get("organization") or row.get("organization"),
            "data_items": full.get("data_items") or []}


def check(ckan_url: str, token: str, planned_text: str,
          own_department: str | None = None) -> list[Match]:
    """Matches with other departments' authoritative items: collecting what the applicant
    itself provides authoritatively is not duplicate collection (Art. 14)."""
    planned = parse_planned(planned_text)
    return [m for m in match(planned, candidates(ckan_url, token, planned))
            if not own_department or m.department_name != own_department]
