"""Index-side text: the simplified form beside traditional text (達州 found by 达州) and the
pinyin fields of titles, tags and the synonyms they contain (renkou, rk, shebao)."""
from __future__ import annotations

import functools
import re
from typing import Any

from pypinyin import lazy_pinyin

from ckanext.dazhou.search import pinyin, query, segment, synonyms
from ckanext.dazhou.search.normalize import normalize

_ALL_HAN = re.compile(r"[\u3400-\u9fff]+")


def _with_simplified(text: str) -> str:
    simplified = normalize(text)
    return text if simplified == text else f"{text} {simplified}"


def fill(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    title = pkg_dict.get("title") or ""
    for key in ("title", "notes"):
        if pkg_dict.get(key):
            pkg_dict[key] = _with_simplified(pkg_dict[key])
    tags = [t for t in pkg_dict.get("tags") or [] if isinstance(t, str)]
    if tags:
        pkg_dict["tags"] = list(dict.fromkeys(tags + [normalize(t) for t in tags]))
    names = [normalize(title)] + [normalize(t) for t in tags]
    # what the public calls these terms and the terms above them (社保 for 养老保险)
    names += [label for e in synonyms.entries_in(" ".join(names))
              for label in e.labels + e.broader if not label.isascii()]
    names = list(dict.fromkeys(n for n in names if pinyin.has_han(n)))
    # one value, names kept apart by a token no query has (a phrase cannot run across it);
    # a core still on the old schema then stores it as a plain string instead of failing
    pkg_dict[query.PINYIN_FIELD] = " | ".join(_full(n) for n in names)
    pkg_dict[query.PINYIN_WORD_FIELD] = " ".join(dict.fromkeys(
        key for name in names for key in _name_keys(name)))
    return pkg_dict


# vocabulary labels recur in many records: their pinyin is worked out once
@functools.lru_cache(maxsize=4096)
def _full(name: str) -> str:
    return pinyin.full(name)


@functools.lru_cache(maxsize=4096)
def _name_keys(name: str) -> tuple[str, ...]:
    """Joined pinyin and initials of each word and of each two neighbouring words (hjrk: 户籍人口)."""
    words = [w for w in segment.words(name) if _ALL_HAN.fullmatch(w)]
    # one pinyin call for the name (a call costs more than its characters), cut per word
    syllables = lazy_pinyin("".join(words))
    spelled, pos = [], 0
    for word in words:
        spelled.append(syllables[pos:pos + len(word)])
        pos += len(word)
    keys = []
    for syl in spelled + [a + b for a, b in zip(spelled, spelled[1:])]:
        keys.append("".join(syl).lower())
        if len(syl) > 1:
            keys.append("".join(s[0] for s in syl if s).lower())
    return tuple(keys)
