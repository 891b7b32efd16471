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
    # what the public calls these terms and the terms above them (社保 for 养老保险)
    names += [label for e in synonyms.entries_in(" ".join(names))
              for label in e.labels + e.broader if not label.isascii()]
    names = [n for n in names if pinyin.has_han(n)]
    # one value, names kept apart by a token no query has (a phrase cannot run across it);
    # a core still on the old schema then stores it as a plain string instead of failing
    pkg_dict[query.PINYIN_FIELD] = " | ".join(pinyin.full(n) for n in names)
    pkg_dict[query.PINYIN_WORD_FIELD] = " ".join(dict.fromkeys(_word_keys(names)))
    return pkg_dict


def _word_keys(names: list[str]):
    """Joined pinyin and initials of each word and of each two neighbouring words (hjrk: 户籍人口)."""
    for name in names:
        words = [w for w in segment.words(name) if pinyin.has_han(w)]
        for word in words + [a + b for a, b in zip(words, words[1:])]:
            yield "".join(pinyin.full(word).split()).lower()
            if len(word) > 1:
                yield pinyin.initials(word).lower()
