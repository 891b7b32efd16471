"""Loading a resource's file into the DataStore (issue 15).

ckanext-xloader triggers the load (resource created, URL or upload changed, its 上传到数据存储
button) through `xloader_submit`, which we chain: instead of xloader's job, which fetches
even uploaded files back over HTTP with an API token, our job reads the upload from storage
(a linked file is fetched under the harvests' public-address rule), checks the whole file
(files.py) and only then hands a clean UTF-8 CSV to xloader's COPY loader. A refused file
leaves the table loaded before in place. Progress and errors are the xloader task status
(task_status, task_type "xloader"), the error kept as an English msgid with its values so
the page shows it in the reader's language.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
import time
from typing import Any

import requests
import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import uploader
from ckan.lib.redis import connect_to_redis
from ckan.model.domain_object import DomainObjectOperation

from ckanext.dazhou.datastore import column_types, files

log = logging.getLogger(__name__)

TABULAR = ("csv", "xlsx")
TABLE_VIEW_TITLE = "数据表格"
MAX_MB = "ckanext.dazhou.datastore_max_mb"
LOAD_ON_SAVE = "ckanext.dazhou.datastore_load_on_save"
_CHUNK = 1024 * 1024


def max_bytes() -> int:
    return int(tk.config.get(MAX_MB) or 100) * 1024 * 1024


def is_tabular(resource: dict[str, Any] | model.Resource) -> bool:
    fmt = resource.get("format") if isinstance(resource, dict) else resource.format
    return (fmt or "").lower() in TABULAR


# -- status -------------------------------------------------------------------------------

def _task(resource_id: str) -> dict[str, Any]:
    try:
        return tk.get_action("task_status_show")(
            {"ignore_auth": True}, {"entity_id": resource_id, "task_type": "xloader",
                                    "key": "xloader"})
    except tk.ObjectNotFound:
        return {"entity_id": resource_id, "entity_type": "resource", "task_type": "xloader",
                "key": "xloader"}


def set_status(resource_id: str, state: str, error: files.FileRefused | None = None,
               **value: Any) -> None:
    """state: pending, running, complete or error (xloader's words, task_status)."""
    task = _task(resource_id)
    task.update(state=state, last_updated=dt.datetime.utcnow().isoformat(),
                value=json.dumps(value),
                error=json.dumps({"message": error.message, "values": error.values})
                if error else "")
    # its own session: the caller's transaction (a resource being saved) is not committed here
    tk.get_action("task_status_update")(
        {"ignore_auth": True, "session": model.meta.create_local_session()}, task)


def status(resource_id: str) -> dict[str, Any] | None:
    """{"state", "last_updated", "rows", "message" (translated)} or None when never loaded."""
    task = _task(resource_id)
    if "state" not in task:
        return None
    try:
        error = json.loads(task.get("error") or "null")
    except ValueError:
        error = {"message": task["error"], "values": {}}
    try:
        value = json.loads(task.get("value") or "{}")
    except ValueError:
        value = {}
    message = None
    if isinstance(error, dict) and error.get("message"):
        message = tk._(error["message"]).format(**(error.get("values") or {}))
    return {"state": task["state"], "last_updated": task.get("last_updated"),
            "rows": value.get("rows") if isinstance(value, dict) else None, "message": message}


# -- submitting ---------------------------------------------------------------------------

@tk.chained_action
def xloader_submit(original, context, data_dict):
    """Queue our load job for a CSV/XLSX resource (xloader's own job is never queued)."""
    tk.check_access("xloader_submit", context, data_dict)
    # xloader's own hooks (resource saved) send "sync"; its button and the CLI do not
    if "sync" in data_dict and not tk.asbool(tk.config.get(LOAD_ON_SAVE)):
        return False
    resource_id = tk.get_or_bust(data_dict, "resource_id")
    resource = model.Resource.get(resource_id)
    if resource is None or resource.state == "deleted" or not is_tabular(resource):
        return False
    if "sync" in data_dict and not _first_hook_of_this_save(resource_id):
        return True  # resource_create: queued by queue_new_resource a moment ago
    set_status(resource_id, "pending")
    try:
        tk.enqueue_job(load_resource, [resource_id],
                       title=f"dazhou datastore load {resource_id}",
                       rq_kwargs={"timeout": int(tk.config.get("ckanext.xloader.job_timeout")
                                                 or 3600)})
    except Exception:  # Redis down: the resource is saved, the load is marked failed
        log.exception("cannot queue the DataStore load of %s", resource_id)
        set_status(resource_id, "error", files.FileRefused(
            "The load could not be queued; try again later"))
        return False
    return True


def queue_new_resource(entity: Any, operation: Any) -> None:
    """IDomainObjectModification: a new CSV/XLSX resource is queued like a changed one.

    xloader reacts to resource_create and to a changed URL only; a resource that arrives
    inside package_create/package_update (harvests, catalog imports, the demo loader, API
    clients sending whole datasets) was never loaded.
    """
    if (operation == DomainObjectOperation.new and isinstance(entity, model.Resource)
            and entity.state != "deleted" and is_tabular(entity)):
        tk.get_action("xloader_submit")({"ignore_auth": True},
                                        {"resource_id": entity.id, "sync": False})


def _first_hook_of_this_save(resource_id: str) -> bool:
    """resource_create reaches xloader_submit twice (its package_update's new resource, then
    xloader's after_resource_create): only the first queues a load."""
    return bool(connect_to_redis().set(_queued_key(resource_id), 1, nx=True, ex=30))


def _queued_key(resource_id: str) -> str:
    # dropped when the job starts: a file replaced after that is queued again, one replaced
    # before it is read by the job waiting in the queue
    return f"dazhou:datastore-queued:{resource_id}"


# -- the job ------------------------------------------------------------------------------

def _local_copy(resource: dict[str, Any]) -> tuple[str, bool]:
    """(path, is_temporary) of the resource's file."""
    if resource.get("url_type") == "upload":
        upload = uploader.get_resource_uploader(resource)
        path = upload.get_path(resource["id"])
        if not os.path.isfile(path):
            raise files.FileRefused("The uploaded file is missing from storage")
        if os.path.getsize(path) > max_bytes():
            raise _too_big(os.path.getsize(path))
        return path, False
    return _download(resource.get("url") or ""), True


def _too_big(size: int) -> files.FileRefused:
    return files.FileRefused("The file is {size} MB; at most {max} MB are loaded into the "
                             "DataStore", size=round(size / 1048576, 1),
                             max=max_bytes() // 1048576)


def _download(url: str) -> str:
    from dazhou_harvesters import safe_urls  # the same public-address rule as harvests

    try:
        safe_urls.check(url)
    except safe_urls.UnsafeURL as error:
        raise files.FileRefused("The file's address cannot be fetched: {reason}",
                                reason=str(error))
    out = tempfile.NamedTemporaryFile(delete=False, suffix=".download")
    try:
        with requests.get(url, stream=True, timeout=30, allow_redirects=False) as response:
            if response.status_code != 200:
                raise files.FileRefused("The file's address answered HTTP {status}",
                                        status=response.status_code)
            size = 0
            for chunk in response.iter_content(_CHUNK):
                size += len(chunk)
                if size > max_bytes():
                    raise _too_big(size)
                out.write(chunk)
    except requests.RequestException:
        out.close()
        os.unlink(out.name)
        raise files.FileRefused("The file's address could not be reached")
    except BaseException:
        out.close()
        os.unlink(out.name)
        raise
    out.close()
    return out.name


def _into_datastore(table: files.Table, resource_id: str) -> None:
    from ckanext.xloader import loader, utils

    fields = loader.load_csv(table.path, resource_id=resource_id, mimetype="text/csv",
                             allow_type_guessing=False, logger=log)
    typed = {f["id"] for f in fields if f.get("type") not in (None, "text")}  # Data Dictionary
    numeric = [name for name in table.numeric if name not in typed]
    loader.calculate_record_count(resource_id=resource_id, logger=log)
    with loader.get_write_engine().begin() as connection:
        column_types.convert(connection, resource_id, numeric)
        # CKAN 2.12 answers an unfiltered datastore_search's total from a cached count that is
        # filled once (a search during the load cached 0) and only refreshed by its own writes
        connection.execute(sa.text("SELECT update_cached_table_row_count(:resource)"),
                           {"resource": resource_id})
    loader.create_column_indexes(fields=fields, resource_id=resource_id, logger=log)
    utils.set_resource_metadata({"resource_id": resource_id, "datastore_active": True,
                                 "datastore_contains_all_records_of_source_file": True})


def _default_views(resource_id: str) -> None:
    context = {"ignore_auth": True, "user": tk.get_action("get_site_user")(
        {"ignore_auth": True}, {})["name"]}
    resource = tk.get_action("resource_show")(context, {"id": resource_id})
    dataset = tk.get_action("package_show")(context, {"id": resource["package_id"]})
    views = tk.get_action("resource_create_default_resource_views")(
        context, {"resource": resource, "package": dataset, "create_datastore_views": True})
    # the job has no reader's language, so CKAN stored the view's English default title;
    # a view title is catalog content (editable), kept in the catalog's language
    for view in views:
        if view["view_type"] == "datatables_view" and view["title"] == "Table":
            tk.get_action("resource_view_update")(context, {**view, "title": TABLE_VIEW_TITLE})


def _committed_resource(resource_id: str, tries: int = 10) -> model.Resource | None:
    """The resource, waiting a little: saves queue the job just before they commit."""
    for _ in range(tries):
        obj = model.Resource.get(resource_id)
        if obj is not None:
            return obj
        model.Session.rollback()
        time.sleep(0.5)
    return None


def load_resource(resource_id: str) -> str:
    """The job: 'complete' or 'error' (also in the task status)."""
    connect_to_redis().delete(_queued_key(resource_id))
    obj = _committed_resource(resource_id)
    if obj is None or obj.state == "deleted":
        return "error"
    resource = {**(obj.extras or {}), "id": obj.id, "url": obj.url, "url_type": obj.url_type,
                "format": obj.format, "package_id": obj.package_id}
    set_status(resource_id, "running")
    try:
        path, temporary = _local_copy(resource)
        try:
            table = files.read(path, resource["format"])
        finally:
            if temporary:
                os.unlink(path)
        try:
            _into_datastore(table, resource_id)
        finally:
            os.unlink(table.path)
        _default_views(resource_id)
    except files.FileRefused as error:
        model.Session.rollback()
        set_status(resource_id, "error", error)
        return "error"
    except Exception as error:  # the database refused the table: say what, keep the job alive
        log.exception("DataStore load of %s failed", resource_id)
        model.Session.rollback()
        set_status(resource_id, "error", files.FileRefused(
            "Loading failed in the database: {error}", error=str(error).splitlines()[0][:300]))
        return "error"
    set_status(resource_id, "complete", rows=table.rows, encoding=table.encoding)
    return "complete"


@tk.chained_action
@tk.side_effect_free
def xloader_status(original, context, data_dict):
    """xloader's DataStore tab shows error.message as it is: ours is a msgid with values."""
    result = original(context, data_dict)
    error = result.get("error")
    if isinstance(error, dict) and error.get("message") and "values" in error:
        result["error"] = {"message": tk._(error["message"]).format(**(error["values"] or {}))}
    return result
