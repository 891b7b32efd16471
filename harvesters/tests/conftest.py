"""Fixtures of the harvester tests."""
from __future__ import annotations

import province_feed as feed
import pytest


@pytest.fixture
def server():
    """A real local HTTP server playing the provincial platform (routes set by each test)."""
    running = feed.FeedServer()
    yield running
    running.close()
