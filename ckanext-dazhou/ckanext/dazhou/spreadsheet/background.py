"""City-wide catalog spreadsheets, built by a background job (CKAN's job queue).

At city scale (10^5 datasets) a city-wide spreadsheet takes minutes, longer than a web request
should. The first request queues a build for its audience and answers "being prepared"; the
page refreshes until the file of the day is there, then downloads it.

An audience is what one caller may see: each signed-in user has their own file (grants and
departments differ), every anonymous visitor shares the public one. Files live under
`<ckan.storage_path>/dazhou-exports/`, one per audience, rights and format: the file name holds
a digest of everything that decides what the user may see (departments, bureau, sysadmin, active
grants; `rights.py`), so a revoked or expired grant or a department left asks for a new file.
A file is served only while it is fresh: built today and after the last change of any dataset
(a dataset closed since must not stay in yesterday's public file). A build left unfinished for
an hour may be queued again; a build that could not be queued (Redis down) leaves no marker.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from pathlib import Path

import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.dazhou import dates
from ckanext.dazhou.spreadsheet import export as exporter
from ckanext.dazhou.spreadsheet import rights

PUBLIC = "public"
REQUEUE_AFTER_SECONDS = 3600


def export_dir() -> Path:
    return Path(tk.config.get("ckan.storage_path") or "/tmp") / "dazhou-exports"


def audience_of(user_name: str | None) -> str:
    """A file-name-safe key: 'public', or a digest of the user name."""
    if not user_name:
        return PUBLIC
    return "u-" + hashlib.sha256(user_name.encode("utf-8")).hexdigest()[:24]


class NotQueued(Exception):
    """The job queue did not take the build (Redis unreachable)."""


def file_for(user_name: str | None, fmt: str) -> Path:
    audience = audience_of(user_name)
    if audience != PUBLIC:
        audience += "-" + rights.digest(user_name)
    return export_dir() / f"{audience}.{fmt}"


def last_change() -> dt.datetime | None:
    """When any dataset last changed (UTC, as CKAN stores metadata_modified)."""
    return model.Session.execute(sa.select(sa.func.max(model.Package.metadata_modified))).scalar()


def is_fresh(path: Path) -> bool:
    if not path.is_file():
        return False
    built = dt.datetime.utcfromtimestamp(path.stat().st_mtime)  # the build's start
    changed = last_change()
    # "today" is Shanghai's day: at 16:30 UTC a file built at 15:30 UTC is yesterday's
    return dates.local_date(built) == dates.today() and (changed is None or built >= changed)


def ready_or_queued(user_name: str | None, fmt: str) -> Path | None:
    """The caller's fresh file, or None after making sure a build is queued."""
    path = file_for(user_name, fmt)
    if is_fresh(path):
        return path
    marker = _marker(path)
    if marker.is_file() and time.time() - marker.stat().st_mtime < REQUEUE_AFTER_SECONDS:
        return None  # a build is already on its way
    path.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()
    try:
        tk.enqueue_job(build, [user_name or "", fmt, str(path)],
                       title=f"dazhou city catalog {audience_of(user_name)} {fmt}")
    except Exception as error:  # redis-py's ConnectionError, TimeoutError…
        marker.unlink(missing_ok=True)  # else "being prepared" for an hour, with nothing queued
        raise NotQueued(str(error)) from error
    return None


def build(user_name: str, fmt: str, path: str) -> int:
    """The job: write the catalog the user may see, then publish the file by renaming it."""
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    started = time.time()  # changes made while it runs make the file stale, not "included"
    try:
        count = exporter.export({"user": user_name}, fmt, str(partial))
        os.utime(partial, (started, started))
        os.replace(partial, target)
        _drop_older_rights(target)
    finally:
        partial.unlink(missing_ok=True)
        _marker(target).unlink(missing_ok=True)
    return count


def _drop_older_rights(target: Path) -> None:
    """Files of the same user built under rights they no longer have."""
    audience = target.name.split("-")[:2]
    if target.name.startswith(PUBLIC):
        return
    for other in target.parent.glob("-".join(audience) + "-*" + target.suffix):
        if other != target:
            other.unlink(missing_ok=True)


def _marker(path: Path) -> Path:
    return path.with_name(path.name + ".queued")
