"""Index-side text: the simplified form beside traditional text (達州 found by 达州) and the
pinyin fields of titles, tags and the synonyms they contain (renkou, rk, shebao)."""
from __future__ import annotations

from typing import Any

from ckanext.dazhou.search import pinyin, query, segment, synonyms
from ckanext.dazhou.search.normalize import normalize


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
    names += [label for e in synonyms.entries_in(" ".join(names))
              for label in e.labels if not label.isascii()]
    names = [n for n in names if pinyin.has_han(n)]
    pkg_dict[query.PINYIN_FIELD] = [pinyin.full(n) for n in names]
    pkg_dict[query.PINYIN_WORD_FIELD] = " ".join(dict.fromkeys(_word_keys(names)))
    return pkg_dict


def _word_keys(names: list[str]):
    for name in names:
        for word in segment.words(name):
            if pinyin.has_han(word):
                yield "".join(pinyin.full(word).split()).lower()
                if len(word) > 1:
                    yield pinyin.initials(word).lower()
