"""Fixtures of the harvester tests."""
from __future__ import annotations

import province_feed as feed
import pytest
from ckan.plugins import toolkit as tk
from dazhou_harvesters import safe_urls


@pytest.fixture
def server(monkeypatch):
    """A real local HTTP server playing the provincial platform (routes set by each test);
    harvests may open it (listed in the allowlist of private hosts), nothing else local."""
    running = feed.FeedServer()
    host = running.url.split("//", 1)[1]
    monkeypatch.setitem(tk.config, safe_urls.ALLOWED_HOSTS, [host])
    yield running
    running.close()
