"""A batch's Solr documents sent in one update request instead of one request per dataset.

CKAN's index_package builds each document and posts it at once on a connection of its own
(`make_connection()`: a new HTTP session, so a new TCP connection, per dataset). While
`collected()` is open, the adds CKAN makes are kept instead, and `send()` posts them
together. Everything else a connection is asked for (a delete, a commit) goes to Solr as
before. The documents are CKAN's own; only the transport is batched.
"""
from __future__ import annotations

import contextlib
from typing import Any, Iterator

import ckan.plugins.toolkit as tk
from ckan.lib.search import common
from ckan.lib.search import index as ckan_index


class _CollectingConnection:
    def __init__(self, docs: list[dict[str, Any]]):
        self._docs = docs
        self.url = tk.config.get("solr_url")  # CKAN's error message names it

    def add(self, docs, commit=False, **_kwargs):
        self._docs.extend(docs)

    def __getattr__(self, name):
        return getattr(common.make_connection(), name)


@contextlib.contextmanager
def collected() -> Iterator[list[dict[str, Any]]]:
    """The documents CKAN's index code adds inside the block, not yet sent (single-threaded:
    the bulk command's process only)."""
    docs: list[dict[str, Any]] = []
    original = ckan_index.make_connection
    ckan_index.make_connection = lambda *_a, **_k: _CollectingConnection(docs)
    try:
        yield docs
    finally:
        ckan_index.make_connection = original


def send(docs: list[dict[str, Any]]) -> None:
    """One update request (soft-committed by Solr's autoSoftCommit, as CKAN's own adds here)."""
    if docs:
        common.make_connection().add(docs=docs, commit=False)
