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


def parts(word: str) -> list[str]:
    """The dictionary words that cover a long word end to end (医疗机构 → 医疗 机构), else [word]."""
    if len(word) < 4 or synonyms.lookup(word):
        return [word]
    tokenizer = _tokenizer()
    found, pos = [], 0
    while pos < len(word):
        for end in range(len(word), pos + 1, -1):
            piece = word[pos:end]
            if piece != word and tokenizer.FREQ.get(piece):
                found.append(piece)
                pos = end
                break
        else:
            return [word]
    return found
