"""Publishes the shareable catalog to a provincial CKAN through ckanapi.

Matched by resource_code; creates, updates what changed, deletes what is no longer shared
(only in the target organization). Idempotent: a rerun sends nothing for unchanged datasets,
so a run interrupted anywhere is resumed by running it again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ckanapi import RemoteCKAN
from ckanapi.errors import CKANAPIError, NotFound, ValidationError
from ckanext.dazhou.push.payload import payload, same, shareable

PAGE = 500


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (f"created {len(self.created)}, updated {len(self.updated)}, "
                f"deleted {len(self.deleted)}, unchanged {len(self.unchanged)}, "
                f"failed {len(self.failed)}")


def remote_datasets(remote: RemoteCKAN, org_id: str) -> dict[str, dict[str, Any]]:
    """The province's datasets in our organization, by resource_code."""
    found: dict[str, dict[str, Any]] = {}
    start = 0
    while True:
        result = remote.action.package_search(fq=f'owner_org:"{org_id}"', rows=PAGE, start=start,
                                              include_private=True)
        for dataset in result["results"]:
            if dataset.get("resource_code"):
                found[dataset["resource_code"]] = dataset
        start += PAGE
        if start >= result["count"]:
            return found


def _error(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return str(error.error_dict)
    return f"{type(error).__name__}: {error}"


def push(local_datasets: Iterable[dict[str, Any]], remote: RemoteCKAN, org: str,
         progress: Callable[[str, str], None] | None = None) -> Report:
    report = Report()
    org_id = remote.action.organization_show(id=org)["id"]
    existing = remote_datasets(remote, org_id)
    seen: set[str] = set()
    for dataset in local_datasets:
        if not shareable(dataset):
            continue
        code = dataset["resource_code"]
        seen.add(code)
        body = payload(dataset, org_id)
        try:
            current = existing.get(code)
            if current is None:
                remote.action.package_create(**body)
                report.created.append(code)
            elif same(dataset, current):
                report.unchanged.append(code)
            else:
                remote.action.package_update(**{**body, "id": current["id"],
                                                "name": current["name"]})
                report.updated.append(code)
        except (CKANAPIError, OSError) as error:
            report.failed.append((code, _error(error)))
        if progress:
            progress(code, "done")
    for code, current in existing.items():
        if code in seen:
            continue
        try:
            remote.action.package_delete(id=current["id"])
            report.deleted.append(code)
        except NotFound:
            report.deleted.append(code)
        except (CKANAPIError, OSError) as error:
            report.failed.append((code, _error(error)))
    return report
