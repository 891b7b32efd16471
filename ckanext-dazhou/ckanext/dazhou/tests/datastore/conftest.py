"""DataStore fixtures: an emptied DataStore database, uploads, and running the load job here."""
from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from ckan.tests import helpers
from werkzeug.datastructures import FileStorage

from ckanext.dazhou.datastore import load
from ckanext.dazhou.tests.factories import create_dataset, site_context


def empty_datastore() -> None:
    """Drop every resource table (the DataStore's own view, statistics table and trigger function stay)."""
    from ckanext.datastore.backend.postgres import get_write_engine

    with get_write_engine().begin() as conn:
        names = conn.execute(sa.text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "AND tablename != '_table_stats'")).scalars().all()
        for name in names:
            conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))


@pytest.fixture
def datastore(clean_db, clean_index, tmp_path):
    empty_datastore()
    with helpers.changed_config("ckan.storage_path", str(tmp_path)):
        yield


def upload(name: str, data: bytes) -> FileStorage:
    return FileStorage(io.BytesIO(data), filename=name)


def uploaded_resource(data: bytes, fmt: str = "csv", dataset=None, **dataset_fields):
    """A dataset with one uploaded resource (the load is not run)."""
    dataset = dataset or create_dataset(**dataset_fields)
    return helpers.call_action("resource_create", site_context(), package_id=dataset["id"],
                               name="数据文件", format=fmt,
                               upload=upload(f"data.{fmt}", data))


def replace_file(resource_id: str, data: bytes, fmt: str = "csv"):
    return helpers.call_action("resource_patch", site_context(), id=resource_id,
                               upload=upload(f"data.{fmt}", data))


def records(resource_id: str) -> list[dict]:
    result = helpers.call_action("datastore_search", site_context(), resource_id=resource_id,
                                 limit=1000)
    return [{k: v for k, v in r.items() if k != "_id"} for r in result["records"]]


def run_load(resource_id: str) -> str:
    return load.load_resource(resource_id)
