"""One normalisation for queries and indexed text: NFKC (full-width → half-width) and
traditional → simplified, so 達州 人口 統計 and ＧＤＰ find what 达州 人口 统计 and GDP find."""
from __future__ import annotations

import functools
import unicodedata


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc  # opencc-python-reimplemented: pure Python, its tables ship in the wheel

    return opencc.OpenCC("t2s")


def normalize(text: str) -> str:
    if not text:
        return text
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text
    return _t2s().convert(text)
