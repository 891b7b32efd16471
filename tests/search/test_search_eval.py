"""Issue 12's own evaluation through package_search on the real Solr (evaluation.py); prints
the figures before (the plugin's search work switched off) and after, asserts the targets."""
from __future__ import annotations

import pytest
from ckan.lib import search as ckan_search
from ckan.tests import helpers

import evaluation
from ckanext.dazhou.tests.factories import create_dataset

TARGETS = {"recall": 0.90, "precision": 0.95, "mrr": 0.90}
MAX_EMPTY = 2


def _ids(q: str) -> list[str]:
    result = helpers.call_action("package_search", q=q, rows=evaluation.ROWS, fl="id")
    return [r["id"] for r in result["results"]]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_search_evaluation_per_kind(capsys):
    keys = evaluation.load(create_dataset)
    with evaluation.baseline():
        ckan_search.rebuild()
        ckan_search.commit()
        before = evaluation.evaluate(_ids, keys)
    ckan_search.rebuild()
    ckan_search.commit()
    misses: list = []
    after = evaluation.evaluate(_ids, keys, misses)
    with capsys.disabled():
        print("\nbefore (CKAN's query as typed):")
        print("\n".join(f.line() for f in before))
        print("after:")
        print("\n".join(f.line() for f in after))
        for miss in misses:
            print("  miss", *miss)
    *kinds, total = after
    assert total.empty <= MAX_EMPTY
    for figures in kinds:
        for metric, target in TARGETS.items():
            assert getattr(figures, metric) >= target, figures.line()
