"""Chinese word segmentation (jieba), taught the search vocabulary so that 社保, 公积金 and
the county names stay whole words."""
from __future__ import annotations

import functools
import logging
import threading

from ckanext.dazhou.search import synonyms

_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    with _lock:
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for label in synonyms.all_labels():
            if not label.isascii():
                tokenizer.add_word(label, freq=100000)
    return tokenizer


def words(text: str) -> list[str]:
    """The words of one run of Han characters (no HMM: unknown words fall apart into known ones)."""
    return [w for w in _tokenizer().lcut(text, HMM=False) if w.strip()]


def parts(word: str, common: frozenset[str] = frozenset()) -> list[str]:
    """The dictionary words that cover a long word end to end (医疗机构 → 医疗 机构), else [word].
    A three-character word is cut only into common words and one more (统计表 → 统计 表)."""
    if len(word) < 3 or synonyms.lookup(word):
        return [word]
    if len(word) == 3:
        cut = _cover(word, common)
        return cut if cut and sum(p not in common for p in cut) <= 1 else [word]
    return _cover(word, common) or [word]


def _cover(word: str, common: frozenset[str]) -> list[str]:
    """Longest dictionary words first; a single character only if it is a common word (表)."""
    tokenizer = _tokenizer()
    found, pos = [], 0
    while pos < len(word):
        for end in range(len(word), pos, -1):
            piece = word[pos:end]
            if piece != word and (tokenizer.FREQ.get(piece) if len(piece) > 1 else piece in common):
                found.append(piece)
                pos = end
                break
        else:
            return []
    return found
