"""Suggestion keys: what a title or term can be found by while the user is still typing.

A key is a string the typed text must be a prefix of. For 达州市人口 the keys are every
suffix of the characters (人口 finds it mid-title), the joined pinyin from every syllable
on (renkou, renk…) and the initials from every letter on (rk). Prefix queries on these keys
need no analysis in Solr, so a plain multi-valued string field serves them.
"""
from __future__ import annotations

import re

from ckanext.dazhou.search import pinyin
from ckanext.dazhou.search.normalize import normalize as _search_normalize

MAX_KEY = 24  # longer typed text is cut to this; no one types more before choosing
_NOT_WORD = re.compile(r"[\W_]+")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# one Han character, or a run of Latin letters and digits (GDP2020 is one word)
_TOKEN = re.compile(f"[{_HAN}]|[^{_HAN}]+")


def normalise(text: str) -> str:
    """As search normalises (full-width to half-width, traditional to simplified), lower
    case, no spaces or punctuation."""
    return _NOT_WORD.sub("", _search_normalize(text or "").lower())


def query_key(text: str) -> str:
    return normalise(text)[:MAX_KEY]


def _suffixes(parts: list[str]) -> list[str]:
    return ["".join(parts[i:])[:MAX_KEY] for i in range(len(parts))]


def key_sets(text: str) -> tuple[list[str], list[str]]:
    """(keys from the start of the text, keys from anywhere in it), without duplicates."""
    chars = normalise(text)
    if not chars:
        return [], []
    syllables = [normalise(s) for s in pinyin.full(chars).split()]
    syllables = [s for s in syllables if s]
    letters = list(normalise(pinyin.initials(chars)))
    start, anywhere = [], []
    for parts in (_TOKEN.findall(chars), syllables, letters):
        keys = _suffixes(parts)
        start.extend(keys[:1])
        anywhere.extend(keys)
    return list(dict.fromkeys(start)), list(dict.fromkeys(anywhere))


def matches(keys: list[str], key: str) -> bool:
    return any(k.startswith(key) for k in keys)
