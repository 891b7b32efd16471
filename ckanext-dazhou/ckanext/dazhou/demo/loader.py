"""Loads the demo catalog (catalog.json) through CKAN's action API, so it is indexed.

Idempotent: existing organizations and datasets are updated, missing ones created.
Later issues enrich catalog.json; this loader stays the one way demo data gets in.
"""
from __future__ import annotations

import io
import json
import logging
import mimetypes
import os
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
from werkzeug.datastructures import FileStorage

from ckanext.dazhou.demo import make_files
from ckanext.dazhou.index.visible import commit_and_wait

log = logging.getLogger(__name__)

DEFAULT_FILE = Path(__file__).with_name("catalog.json")


def read_catalog(path: str | Path | None = None) -> dict[str, Any]:
    path = Path(path or tk.config.get("ckanext.dazhou.demo_data") or DEFAULT_FILE)
    return json.loads(path.read_text(encoding="utf-8"))


def _site_context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def _upsert(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    try:
        existing = tk.get_action(f"{kind}_show")(_site_context(), {"id": data["name"]})
    except tk.ObjectNotFound:
        if kind == "package" and _uploads(data):
            # package_create takes no uploads (package_update does): create, then upload
            created = tk.get_action("package_create")(_site_context(), {**data, "resources": [
                r for r in data.get("resources", []) if "upload" not in r]})
            return tk.get_action("package_update")(_site_context(), {**data, "id": created["id"]})
        return tk.get_action(f"{kind}_create")(_site_context(), data)
    if kind == "organization":
        return tk.get_action("organization_patch")(_site_context(), {**data, "id": existing["id"]})
    return tk.get_action("package_update")(_site_context(), {**data, "id": existing["id"]})


def _uploads(data: dict[str, Any]) -> bool:
    return any("upload" in r for r in data.get("resources", []))


def organization_dict(org: dict[str, Any]) -> dict[str, Any]:
    extras = [{"key": "department_code", "value": org["department_code"]}]
    return {
        "name": org["name"],
        "title": org["title"],
        "description": org.get("description", ""),
        "extras": extras,
    }


def dataset_dict(ds: dict[str, Any], codes_by_name: dict[str, str]) -> dict[str, Any]:
    """The API dict of a demo dataset; `related_datasets` (names) become resource codes."""
    data = {k: v for k, v in ds.items() if k not in ("tags", "related_datasets")}
    data["tags"] = [{"name": t} for t in ds.get("tags", [])]
    data["related_resource_codes"] = [
        codes_by_name[name] for name in ds.get("related_datasets", []) if name in codes_by_name
    ]
    return data


def with_demo_files(data: dict[str, Any]) -> dict[str, Any]:
    """Each tabular resource with a generated file (make_files.py) is uploaded with it.

    Uploaded, the file is served by the site itself, so its preview, DataStore table and data
    API work right after `make dev` (the demo's other URLs point at addresses that do not exist).
    """
    resources = []
    for index, resource in enumerate(data.get("resources", [])):
        path = make_files.file_path(data["name"], index, resource.get("format", ""))
        if resource.get("format", "").lower() in make_files.TABULAR and path.exists():
            resource = {**resource, "url": path.name, "upload": FileStorage(
                stream=io.BytesIO(path.read_bytes()), filename=f"{data['name']}-{path.name}",
                content_type=mimetypes.guess_type(path.name)[0])}
        resources.append(resource)
    return {**data, "resources": resources}


def _ensure_user(user: dict[str, Any], password: str) -> None:
    """Demo users sign in with the dev sysadmin's password (DAZHOU_DEMO_PASSWORD)."""
    try:
        tk.get_action("user_show")(_site_context(), {"id": user["name"]})
    except tk.ObjectNotFound:
        tk.get_action("user_create")(_site_context(), {
            "name": user["name"], "fullname": user["fullname"], "email": user["email"],
            "password": password})
    if user.get("organization"):
        tk.get_action("organization_member_create")(_site_context(), {
            "id": user["organization"], "username": user["name"], "role": user["capacity"]})


def load(path: str | Path | None = None) -> dict[str, int]:
    # one Solr commit at the end instead of one per save (solr_commit true: tests, old sites)
    committing = tk.config.get("ckan.search.solr_commit")
    tk.config["ckan.search.solr_commit"] = False
    try:
        return _load(path)
    finally:
        tk.config["ckan.search.solr_commit"] = committing
        commit_and_wait()


def _load(path: str | Path | None) -> dict[str, int]:
    catalog = read_catalog(path)
    for org in catalog["organizations"]:
        _upsert("organization", organization_dict(org))
    password = os.environ.get("DAZHOU_DEMO_PASSWORD")
    if password:  # only development sites get demo users
        for user in catalog.get("users", []):
            _ensure_user(user, password)
    codes_by_name: dict[str, str] = {}
    # Two passes: resource codes exist only once every dataset does.
    for _pass in range(2):
        for ds in catalog["datasets"]:
            saved = _upsert("package", with_demo_files(dataset_dict(ds, codes_by_name)))
            codes_by_name[saved["name"]] = saved["resource_code"]
    if password:
        load_workflow_samples(catalog.get("workflow_samples", []))
    log.info("demo data loaded from %s", path or DEFAULT_FILE)
    return {"organizations": len(catalog["organizations"]), "datasets": len(catalog["datasets"])}


def _as(user: str) -> dict[str, Any]:
    return {"user": user, "ignore_auth": False}


def load_workflow_samples(samples: list[dict[str, Any]]) -> None:
    """Applications, feedback and data changes so the workbench and supervision show something.

    Each sample runs through its action as its demo user, once: a sample whose "mark" text is
    already stored is skipped.
    """
    from ckanext.dazhou.model import DataChange, Feedback, OpenApplication, ShareApplication
    from ckan import model

    stored = {
        "dazhou_share_application_create": (ShareApplication, "purpose"),
        "dazhou_feedback_create": (Feedback, "description"),
        "dazhou_open_application_create": (OpenApplication, "purpose"),
        "dazhou_data_change_record": (DataChange, "note"),
    }
    for sample in samples:
        table, column = stored[sample["action"]]
        text = sample["data"][column]
        if model.Session.query(table).filter(getattr(table, column) == text).first():
            continue
        tk.get_action(sample["action"])(_as(sample["user"]), dict(sample["data"]))
