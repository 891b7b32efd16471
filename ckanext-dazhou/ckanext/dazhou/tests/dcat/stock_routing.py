"""pytest plugin for running ckanext-dcat's own tests with `euro_dcat_ap_3` routed to ours.

Loaded with `-p ckanext.dazhou.tests.dcat.stock_routing` by test_stock_suite.py, in a
subprocess over the installed package's tests. Environment:
  DAZHOU_STOCK_ROUTE   the profile that answers requests for euro_dcat_ap_3 (empty: none)
  DAZHOU_STOCK_REPORT  a JSON file: per test id, its outcome and whether it asked for
                       euro_dcat_ap_3 (a test that never asks runs the same code either way)
"""
from __future__ import annotations

import json
import os

import pytest

STOCK = "euro_dcat_ap_3"
_state: dict = {"asked": False, "results": {}}


def pytest_configure(config):
    from ckanext.dcat.processors import RDFProcessor

    route = os.environ.get("DAZHOU_STOCK_ROUTE", "")
    original = RDFProcessor._load_profiles

    def routed(self, profile_names):
        if STOCK in profile_names:
            _state["asked"] = True
        if route:
            profile_names = [route if name == STOCK else name for name in profile_names]
        return original(self, profile_names)

    RDFProcessor._load_profiles = routed


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _state["asked"] = False


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    entry = _state["results"].setdefault(item.nodeid, {"outcome": "passed", "asked": False})
    entry["asked"] = entry["asked"] or _state["asked"]
    if report.failed:
        entry["outcome"] = "failed"
        entry.setdefault("error", report.longreprtext.strip().splitlines()[-1][:300]
                         if report.longreprtext.strip() else "")
    elif report.skipped and entry["outcome"] == "passed":
        entry["outcome"] = "skipped"


def pytest_sessionfinish(session):
    path = os.environ.get("DAZHOU_STOCK_REPORT")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(_state["results"], out, ensure_ascii=False, indent=1, sort_keys=True)
