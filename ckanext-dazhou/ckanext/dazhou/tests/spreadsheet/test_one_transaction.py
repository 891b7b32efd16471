"""Many rows import in ONE transaction: no savepoint left per row (400 updates once died with
RecursionError), and a failure on the last row leaves everything as it was."""
from __future__ import annotations

import io
import os
import time

import openpyxl
import pytest
import sqlalchemy as sa
import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.dazhou import catalog_sync
from ckanext.dazhou.spreadsheet import importer
from ckanext.dazhou.tests.factories import site_context
from ckanext.dazhou.tests.spreadsheet.generated import MAIN, new_rows, template
from ckanext.dazhou.tests.spreadsheet.sample import exported_xlsx
from ckanext.dazhou.tests.spreadsheet.workbook import stored_state

# 10,000 is the requirement; on a shared 2-core machine a row costs ~0.3 s (activity, catalog
# sync, validation, indexing), so the suite runs 410 (above the 400 that failed) and
# DAZHOU_IMPORT_TEST_ROWS=10000 runs the full size.
ROWS = int(os.environ.get("DAZHOU_IMPORT_TEST_ROWS", "410"))


def _run(app, file):
    with app.flask_app.test_request_context():
        return importer.run(file, site_context()["user"])


def _all_notes_changed(prefix: str):
    book = openpyxl.load_workbook(exported_xlsx())
    sheet = book[MAIN]
    column = [cell.value for cell in sheet[1]].index("摘要")
    for row in sheet.iter_rows(min_row=2):
        row[column].value = f"{prefix}：" + (row[column].value or "")
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestOneTransaction:
    # one test: building ROWS datasets costs ~2 min on this machine, so the three steps share it
    def test_many_rows_created_updated_then_a_last_row_failure_changes_nothing(self, app,
                                                                               monkeypatch):
        template()
        started = time.monotonic()
        created = _run(app, new_rows(ROWS))
        assert created.accepted and created.created == ROWS, created.lines()[:5]
        self._all_updated_in_one_commit(app, monkeypatch)
        print(f"{ROWS} rows created and updated in {time.monotonic() - started:.0f} s")
        self._a_failure_on_the_last_row_changes_nothing(app, monkeypatch)

    def _all_updated_in_one_commit(self, app, monkeypatch):
        commits = []

        def count(connection):  # a database COMMIT (savepoint releases are another event)
            commits.append(connection)

        def stop_counting():
            if sa.event.contains(model.meta.engine, "commit", count):
                sa.event.remove(model.meta.engine, "commit", count)

        reindex = importer._reindex

        def counted_until_indexing(ids, report):  # indexing reads, then commits nothing
            stop_counting()
            reindex(ids, report)

        with monkeypatch.context() as patch:
            patch.setattr(importer, "_reindex", counted_until_indexing)
            sa.event.listen(model.meta.engine, "commit", count)
            try:
                updated = _run(app, _all_notes_changed("已核对"))
            finally:
                stop_counting()
        assert len(commits) == 1  # the file's one transaction (validation only rolls back)
        assert updated.accepted and updated.updated == ROWS + 1, updated.lines()[:5]
        stored = model.Session.execute(sa.select(sa.func.count()).select_from(model.Package)
                                       .where(model.Package.notes.like("已核对：%"))).scalar()
        assert stored == ROWS + 1

    def _a_failure_on_the_last_row_changes_nothing(self, app, monkeypatch):
        model.Session.remove()
        before = stored_state()
        saved = catalog_sync.dataset_saved
        last = f"dz-gen-{ROWS - 1}"

        def fail_on_last(pkg_dict):
            if pkg_dict["name"] == last:
                raise tk.ValidationError({"data_items": ["并发冲突"]})
            saved(pkg_dict)

        monkeypatch.setattr(catalog_sync, "dataset_saved", fail_on_last)
        report = _run(app, _all_notes_changed("不应保存"))
        assert not report.accepted
        model.Session.remove()
        after = stored_state()
        # name what differs (the whole state is too long for pytest's diff)
        changed = {key: (sorted(set(map(str, before[key])) - set(map(str, after[key])))[:5],
                         sorted(set(map(str, after[key])) - set(map(str, before[key])))[:5])
                   for key in before if before[key] != after[key]}
        assert not changed, changed
