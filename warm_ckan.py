"""CKAN's plugins and test app, kept warm between tests that start from the same configuration.

CKAN's `with_plugins` fixture loads every plugin before each test and unloads them after, and
its `app` fixture builds a new Flask app, which loads every plugin again: about 1 s per test,
a third of `make test`. Both are pure functions of the configuration they start from, so here
they are built once per configuration and reused while it stays the same. A test whose
configuration differs (a `ckan_config` mark, a patch before the app is made) gets a fresh load
exactly as with CKAN's fixtures. What loading wrote into the configuration is put back from a
snapshot, and the registries a test may have filled with patched functions are cleared after it.
"""
from __future__ import annotations

import copy
import itertools
import os
from dataclasses import dataclass, field
from typing import Any

import ckan.plugins
from ckan import authz, logic
from ckan.common import config
from ckan.lib import app_globals


@dataclass
class _Warm:
    key: str                       # the configuration the plugins were loaded from
    config_after_load: dict        # what loading made of it
    plugins: list[str]
    app: Any = None                # the WSGI app built from ...
    app_key: str | None = None     # ... this configuration
    config_after_app: dict = field(default_factory=dict)


# DAZHOU_COLD_CKAN_FIXTURES=1 runs CKAN's own fixtures, to tell a leak between tests from a bug
ENABLED = os.environ.get("DAZHOU_COLD_CKAN_FIXTURES") != "1"
_warm: _Warm | None = None
counts = {"plugins_reused": 0, "plugins_loaded": 0, "apps_reused": 0, "apps_built": 0}


def _fingerprint() -> str:
    return repr(sorted((key, repr(value)) for key, value in config.items()))


def _restore(snapshot: dict) -> None:
    config.clear()
    config.update(copy.deepcopy(snapshot))


def forget() -> None:
    """Unload what is warm: the next test starts as CKAN's own fixtures would start it."""
    global _warm
    if _warm is not None:
        ckan.plugins.unload_all()  # at once: one by one, a chained action outlives its parent
        _warm = None


def ensure_loaded() -> None:
    """The configured plugins loaded (for a module-scoped fixture, before any test's own)."""
    names = config["ckan.plugins"]
    names = names.split() if isinstance(names, str) else names
    if not all(ckan.plugins.plugin_loaded(name) for name in names):
        forget()
        ckan.plugins.load_all()


def extra_plugins(request) -> list:
    marks = request.node.iter_markers("with_plugins")
    return list(itertools.chain.from_iterable(mark.args for mark in marks))


def load_plugins(ckan_config, monkeypatch, extra: list[str]) -> None:
    """CKAN's with_plugins setup, skipped when the same configuration is already loaded."""
    global _warm
    current = ckan_config["ckan.plugins"]
    if isinstance(current, str):
        current = current.split()
    monkeypatch.setitem(ckan_config, "ckan.plugins", current + extra)
    names = current + extra
    key = _fingerprint()
    if (_warm is not None and _warm.key == key
            and all(ckan.plugins.plugin_loaded(name) for name in names)):
        _restore(_warm.config_after_load)
        counts["plugins_reused"] += 1
        return
    forget()
    ckan.plugins.load_all()
    _warm = _Warm(key, copy.deepcopy(dict(config)), names)
    counts["plugins_loaded"] += 1


def after_test() -> None:
    """A test may have patched an action, auth or validator function that the registries
    cached on first use: CKAN's unload cleared them, so clear them here."""
    logic.clear_actions_cache()
    logic.clear_validators_cache()
    authz.clear_auth_functions_cache()


def wsgi_app(build) -> Any:
    """The app for the current configuration: the warm one if it was built from the same."""
    config["testing"] = True
    if _warm is None or not ENABLED:  # plugins not managed here (no with_plugins): CKAN's own way
        return build(config)
    key = _fingerprint()
    if _warm.app is not None and _warm.app_key == key:
        _restore(_warm.config_after_app)
        app_globals.reset()
        counts["apps_reused"] += 1
        return _warm.app
    app = build(config)
    _warm.app, _warm.app_key = app, key
    _warm.config_after_app = copy.deepcopy(dict(config))
    counts["apps_built"] += 1
    return app
