"""Counters at the boundaries: SQL statements sent by SQLAlchemy and HTTP requests to Solr.

They count what passes, they change nothing: the real database and the real Solr answer.
"""
from __future__ import annotations

import contextlib
import os
import traceback
from dataclasses import dataclass, field

import requests
import sqlalchemy as sa
from ckan import model


@dataclass
class Counts:
    sql: list[str] = field(default_factory=list)
    solr: list[str] = field(default_factory=list)

    @property
    def solr_queries(self) -> list[str]:
        """Searches only (select handler): Solr updates and pings are not page queries."""
        return [url for url in self.solr if "/select" in url]


def _frames() -> list[str]:
    return [f"{f.filename.split('site-packages/')[-1]}:{f.lineno} {f.name}"
            for f in traceback.extract_stack()
            if "ckan" in f.filename and "sqlalchemy" not in f.filename
            and "/speed/" not in f.filename][-14:]


@contextlib.contextmanager
def counting():
    counts = Counts()

    stack_of = os.environ.get("DAZHOU_COUNT_STACK")  # debugging: where a statement comes from

    def on_sql(conn, cursor, statement, parameters, context, executemany):
        if stack_of and stack_of in statement:
            statement = statement[:80] + "\n    " + "\n    ".join(_frames())
        counts.sql.append(statement)

    original = requests.Session.request

    def request(self, method, url, *args, **kwargs):
        if "/solr/" in str(url):
            body = kwargs.get("data") or b""
            line = f"{url} {body[:400]!r}"
            if stack_of == "solr":
                line += "\n    " + "\n    ".join(_frames())
            counts.solr.append(line)
        return original(self, method, url, *args, **kwargs)

    engine = model.meta.engine
    sa.event.listen(engine, "before_cursor_execute", on_sql)
    requests.Session.request = request
    try:
        yield counts
    finally:
        requests.Session.request = original
        sa.event.remove(engine, "before_cursor_execute", on_sql)
