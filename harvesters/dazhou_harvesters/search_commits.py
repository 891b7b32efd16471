"""Harvest imports leave the Solr commit to Solr itself.

CKAN commits Solr after every dataset it writes (`ckan.search.solr_commit`); a hard commit
took ~25 ms, a quarter of a harvested dataset's import. Our Solr soft-commits on its own
every second (`autoSoftCommit` in solr/conf/solrconfig.xml, and the production image's), so
a harvested dataset is searchable within a second anyway. The switch is flipped only around
one import, in the harvest consumer or CLI process, never in a web request.
"""
from __future__ import annotations

import contextlib
from typing import Iterator

import ckan.plugins.toolkit as tk

KEY = "ckan.search.solr_commit"


@contextlib.contextmanager
def left_to_solr() -> Iterator[None]:
    previous = tk.config.get(KEY)
    tk.config[KEY] = False
    try:
        yield
    finally:
        tk.config[KEY] = previous
