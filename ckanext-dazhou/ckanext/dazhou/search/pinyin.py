"""Pinyin of Chinese text and the splitting of typed Latin into pinyin syllables.

full() and initials() fill the index's pinyin fields; syllables() tells whether a Latin
query reads as pinyin (renkou → ren kou) and how.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from pypinyin import Style, lazy_pinyin

_HAN = re.compile(r"[\u3400-\u9fff]")
_MAX_SYLLABLE = 6  # zhuang, chuang, shuang


def full(text: str) -> str:
    """Space-separated toneless syllables; other characters (GDP, 2020) stay as they are."""
    return " ".join(" ".join(lazy_pinyin(text or "")).split())


def initials(text: str) -> str:
    """The first letters of the syllables, run together: 住房公积金 → zfgjj (GDP stays GDP)."""
    return "".join("".join(lazy_pinyin(text or "", style=Style.FIRST_LETTER)).split())


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


@functools.lru_cache(maxsize=1)
def _syllable_set() -> frozenset[str]:
    from pypinyin.constants import PINYIN_DICT

    found = set()
    for readings in PINYIN_DICT.values():
        for reading in readings.split(","):
            plain = unicodedata.normalize("NFD", reading).replace("\u0308", "v")
            plain = "".join(c for c in plain if not unicodedata.combining(c))
            if plain.isascii() and plain.isalpha():
                found.add(plain.lower())
    # interjection readings (m, n, hm, ng…) would split any consonant run
    return frozenset(s for s in found if re.search(r"[aeiouv]", s))


@functools.lru_cache(maxsize=4096)
def syllables(latin: str) -> tuple[str, ...] | None:
    """The fewest pinyin syllables that spell latin exactly (xi'an → xi an), or None."""
    parts = [p for p in re.split(r"['\s]+", latin.lower()) if p]
    out: list[str] = []
    for part in parts:
        split = _split(part)
        if split is None:
            return None
        out.extend(split)
    return tuple(out) or None


def _split(word: str) -> list[str] | None:
    known = _syllable_set()
    best: list[list[str] | None] = [None] * (len(word) + 1)
    best[0] = []
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - _MAX_SYLLABLE), end):
            head = best[start]
            if head is not None and word[start:end] in known:
                if best[end] is None or len(head) + 1 < len(best[end]):
                    best[end] = head + [word[start:end]]
    return best[len(word)]
