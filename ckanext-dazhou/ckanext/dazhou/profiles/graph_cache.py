"""Each dataset's DCAT triples as N-Triples text, cached in Redis under a fingerprint of
everything they come from, so a feed page is assembled from text without building a graph.

The key is a hash of the dataset dict exactly as the feed's caller received it from
package_search (so already filtered and redacted for that audience: a closed dataset is never
in an anonymous page, a grant or a closing changes the dict), the dataset's URI, the profiles,
the departments (publisher, contact point), the vocabularies, the settings the profile reads and
the code (profiles, schema, ckanext-dcat). Any change gives a new key - a save changes
metadata_modified - so nothing is ever invalidated by hand and a stale entry is unreachable;
entries expire after `ckanext.dazhou.dcat_cache_seconds` (0: no cache). Values are the
N-Triples text, zlib-compressed (never pickle). Redis down: built as without the cache.

Why text: the first version cached triples and added them back into the page's rdflib graph,
which cost more than building (rdflib's adds and serializer dominate both); N-Triples lines
concatenate (blank-node labels are unique per build), so a warm page touches no rdflib at all.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import time
import zlib
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
import redis
from ckan.lib.redis import connect_to_redis
from ckanext.dazhou.profiles import departments
from dazhou_vocab import loader

log = logging.getLogger(__name__)

PREFIX = "dazhou:dcat-nt:"
# settings the serializer steps read (the rest of the dict-to-graph input is the dict)
_SETTINGS = ("ckan.site_url", "ckan.site_title", "ckan.locale_default", "licenses_group_url",
             "ckanext.dazhou.open_license_id", "ckanext.dazhou.vocab_base_uri",
             "ckanext.dazhou.bureau_org")


def _settings() -> list:
    return [[s, tk.config.get(s)] for s in _SETTINGS] + sorted(
        [k, str(v)] for k, v in tk.config.items() if k.startswith("ckanext.dcat."))


def seconds() -> int:
    return int(tk.config.get("ckanext.dazhou.dcat_cache_seconds") or 0)


@functools.lru_cache(maxsize=1)
def _code_version() -> str:
    """The profile's source and ckanext-dcat's version: a deploy never serves old triples."""
    from importlib.metadata import version

    digest = hashlib.sha256(version("ckanext-dcat").encode())
    here = Path(__file__).parent
    for path in sorted([*here.glob("*.py"), *here.parent.glob("schemas/*.yaml"),
                        *here.parent.glob("formats.py")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _vocab_version() -> str:
    """A digest of the vocabulary files' contents, the same in every process: the web workers,
    the warm job and the export share entries only if their keys agree (an id() or hash() of
    str differs per process, and per-process keys made every worker build its own)."""
    files = sorted(loader.SCHEMES_DIR.glob("*.ttl"))
    return _files_digest(tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in files))


@functools.lru_cache(maxsize=4)
def _files_digest(stamp: tuple) -> str:
    digest = hashlib.sha256()
    for path, _mtime, _size in stamp:  # read again only when a file's stamp changes
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


_environment: dict[str, Any] = {"at": -1.0, "value": ""}


def _environment_version() -> str:
    """Settings, vocabularies, code and the bureau: looked at once a second, not per dataset."""
    now = time.monotonic()
    if now - _environment["at"] > 1.0:
        _environment.update(at=now, value=json.dumps(
            [_settings(), _vocab_version(), _code_version(),
             departments.by_name(tk.config.get("ckanext.dazhou.bureau_org")) is not None],
            default=str))
    return _environment["value"]


def key(dataset_dict: dict[str, Any], dataset_ref, profiles: list[str] | None = None) -> str:
    department = departments.by_id(dataset_dict.get("owner_org"))
    digest = hashlib.sha256()
    digest.update(json.dumps(
        [dataset_dict, str(dataset_ref), profiles, department and list(vars(department).values()),
         _environment_version()],
        sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))
    return PREFIX + digest.hexdigest()


def get_many(keys: list[str]) -> list[str | None]:
    """The cached N-Triples of each key (None where missing), in one round trip."""
    if seconds() <= 0 or not keys:
        return [None] * len(keys)
    try:
        values = connect_to_redis().mget(keys)
    except redis.RedisError as error:
        log.warning("DCAT cache unavailable: %s", error)
        return [None] * len(keys)
    return [zlib.decompress(v).decode("utf-8") if v is not None else None for v in values]


def put_many(entries: dict[str, str]) -> None:
    if seconds() <= 0 or not entries:
        return
    try:
        pipeline = connect_to_redis().pipeline(transaction=False)
        for cache_key, text in entries.items():
            pipeline.set(cache_key, zlib.compress(text.encode("utf-8"), 1), ex=seconds())
        pipeline.execute()
    except redis.RedisError as error:
        log.warning("DCAT cache unavailable: %s", error)
