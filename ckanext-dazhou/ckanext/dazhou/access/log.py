"""The access log of resources of conditional or not-shared datasets (Art. 5, 21)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.dazhou.model import AccessLogEntry


def needs_logging(dataset: dict[str, Any]) -> bool:
    return (dataset.get("share_type") in ("conditional", "none")
            or dataset.get("open_type") in ("conditional", "closed"))


def _door() -> str:
    try:
        path = tk.request.path
    except (RuntimeError, AttributeError):  # outside a request: CLI, jobs, tests
        return "action"
    if path.endswith("/download") or "/download/" in path:
        return "download"
    return "api" if path.startswith("/api/") else "page"


def record(user_id: str | None, dataset: dict[str, Any], resource_id: str, allowed: bool) -> None:
    """Write one entry in its own commit: read-only actions commit nothing else."""
    model.Session.add(AccessLogEntry(
        at=dt.datetime.utcnow(), user_id=user_id, package_id=dataset["id"],
        resource_id=resource_id, allowed=allowed, door=_door()))
    model.Session.commit()
