"""An import killed between its database commit and indexing; reconcile repairs search."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ckan import model
from ckan.tests import helpers

import ckan.plugins.toolkit as tk
from ckanext.dazhou.index import reconcile
from ckanext.dazhou.spreadsheet import importer
from ckanext.dazhou.tests.factories import create_dataset, create_department
from ckanext.dazhou.tests.spreadsheet.sample import exported_xlsx
from ckanext.dazhou.tests.spreadsheet.workbook import Workbook

MAIN = "信息资源目录"


def _anonymous_search(name: str) -> list[dict]:
    return helpers.call_action("package_search", {"user": ""}, q=f"name:{name}")["results"]


def _urls(results: list[dict]) -> list[str]:
    return [r.get("url") for d in results for r in d.get("resources", []) if r.get("url")]


def _import_killed_after_commit(path: Path, tmp_path: Path) -> None:
    """Runs `ckan dazhou catalog import` in a subprocess; SIGKILL once it has committed."""
    ready = tmp_path / "committed"
    env = dict(os.environ, **{importer.PAUSE_AFTER_COMMIT: str(ready)})
    ckan = Path(sys.executable).with_name("ckan")
    process = subprocess.Popen([str(ckan), "-c", tk.config["__file__"], "dazhou", "catalog",
                                "import", str(path)], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert process.poll() is None, process.stdout.read().decode()
            assert time.monotonic() < deadline, "the import never committed"
            time.sleep(0.2)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestKilledImport:
    def test_closed_in_the_database_gone_from_search_after_reconcile(self, tmp_path):
        police = create_department("51170001", title="达州市公安局")
        names = [f"dz-open-{n}" for n in range(3)]
        for name in names:
            create_dataset(owner_org=police["id"], name=name, resources=[
                {"url": f"https://data.dazhou.gov.cn/files/{name}.csv", "format": "csv"}])
        book = Workbook(exported_xlsx())
        closed = names[:2]
        for name in closed:
            row = book.row_of(MAIN, "网址名称", name)
            book.set(MAIN, row, "开放属性", "不予开放")
        path = tmp_path / "close.xlsx"
        path.write_bytes(book.file().getvalue())

        _import_killed_after_commit(path, tmp_path)
        model.Session.remove()  # read what the other process committed

        for name in closed:  # the fault: closed in the database, still public in the index
            assert helpers.call_action("package_show", id=name)["private"] is True
            found = _anonymous_search(name)  # with its URLs, as the index still says "open"
            assert _urls(found) == [f"https://data.dazhou.gov.cn/files/{name}.csv"], found
        reconcile.reconcile()
        for name in closed:
            assert _anonymous_search(name) == []
        assert [d["name"] for d in _anonymous_search(names[2])] == [names[2]]
