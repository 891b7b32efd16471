"""Each dataset's triples, cached in Redis under a fingerprint of everything they come from.

The key is a hash of the dataset dict exactly as the feed's caller received it from
package_search (so already filtered and redacted for that audience: a closed dataset is never
in an anonymous page, a grant or a closing changes the dict), the dataset's URI, the
departments (publisher, contact point), the vocabularies, the settings the profile reads and
the profile's own code. Any change gives a new key, so nothing is ever invalidated by hand
and a stale entry is unreachable; entries expire after `ckanext.dazhou.dcat_cache_seconds`
(0: no cache). Values are JSON (never pickle), zlib-compressed. Redis down: built as before.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import time
import zlib
from pathlib import Path
from typing import Any, Iterable

import ckan.plugins.toolkit as tk
import redis
from ckan.lib.redis import connect_to_redis
from ckanext.dazhou.profiles import departments
from dazhou_vocab import loader
from rdflib import BNode, Literal, URIRef

log = logging.getLogger(__name__)

PREFIX = "dazhou:dcat-graph:"
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
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _vocab_version() -> str:
    files = sorted(loader.SCHEMES_DIR.glob("*.ttl"))
    stamp = [(p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files]
    return f"{id(loader.schemes())}:{hash(tuple(stamp))}"


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


def key(dataset_dict: dict[str, Any], dataset_ref) -> str:
    department = departments.by_id(dataset_dict.get("owner_org"))
    digest = hashlib.sha256()
    digest.update(json.dumps(
        [dataset_dict, str(dataset_ref), department and list(vars(department).values()),
         _environment_version()],
        sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))
    return PREFIX + digest.hexdigest()


def _term(term) -> list:
    if isinstance(term, URIRef):
        return ["u", str(term)]
    if isinstance(term, BNode):
        return ["b", str(term)]
    return ["l", str(term), term.language, str(term.datatype) if term.datatype else None]


def _encode(triples: Iterable) -> bytes:
    rows = [[_term(s), _term(p), _term(o)] for s, p, o in triples]
    return zlib.compress(json.dumps(rows, ensure_ascii=False).encode("utf-8"), 1)


def _decode(value: bytes) -> list[tuple]:
    blanks: dict[str, BNode] = {}  # fresh blank nodes per use, consistent within the dataset

    def term(row):
        if row[0] == "u":
            return URIRef(row[1])
        if row[0] == "b":
            return blanks.setdefault(row[1], BNode())
        return Literal(row[1], lang=row[2], datatype=URIRef(row[3]) if row[3] else None)

    return [(term(s), term(p), term(o)) for s, p, o in json.loads(zlib.decompress(value))]


def get(cache_key: str) -> list[tuple] | None:
    if seconds() <= 0:
        return None
    try:
        value = connect_to_redis().get(cache_key)
    except redis.RedisError as error:
        log.warning("DCAT graph cache unavailable: %s", error)
        return None
    return _decode(value) if value is not None else None


def put(cache_key: str, triples: Iterable) -> None:
    if seconds() <= 0:
        return
    try:
        connect_to_redis().set(cache_key, _encode(triples), ex=seconds())
    except redis.RedisError as error:
        log.warning("DCAT graph cache unavailable: %s", error)
