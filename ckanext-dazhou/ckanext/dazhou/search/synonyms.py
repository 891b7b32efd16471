"""The search vocabulary (vocab/…/search_synonyms.ttl) as a lookup from any label to its terms.

A typed word that is a concept's preferred label also finds its alternative and hidden labels;
a typed alternative label finds the preferred one (电梯 → 特种设备, but not its sibling 锅炉).
A broader term also finds its narrower ones: a place its districts and counties (达州 → 通川区 …
渠县), 社会保险 its kinds (养老保险, 失业保险 …).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from dazhou_vocab import loader
from ckanext.dazhou.search.normalize import normalize

SCHEME = "search_synonyms"


@dataclass(frozen=True)
class Entry:
    pref: str
    labels: tuple[str, ...]  # every label of the concept, preferred first
    narrower: tuple[str, ...]  # every label of its narrower concepts, all the way down
    broader: tuple[str, ...] = ()  # every label of the concepts above it


@functools.lru_cache(maxsize=1)
def _entries() -> dict[str, Entry]:
    try:
        scheme = loader.scheme(SCHEME)
    except KeyError:
        return {}
    by_label: dict[str, Entry] = {}
    for concept in scheme.concepts:
        labels = tuple(dict.fromkeys(normalize(label) for label in
                                     (concept.label_zh, *concept.alt_labels, *concept.hidden_labels)))
        narrower = tuple(dict.fromkeys(normalize(label) for child in _descendants(scheme, concept.key)
                                       for label in (child.label_zh, *child.alt_labels)))
        broader = tuple(normalize(label) for parent in _ancestors(scheme, concept)
                        for label in (parent.label_zh, *parent.alt_labels))
        entry = Entry(labels[0], labels, narrower, broader)
        for label in labels:
            by_label[label.lower()] = entry
    return by_label


def _descendants(scheme, key: str) -> list:
    out = []
    for child in scheme.narrower(key):
        out += [child, *_descendants(scheme, child.key)]
    return out


def _ancestors(scheme, concept) -> list:
    out = []
    while concept.broader and concept.broader in scheme.by_key and len(out) < 10:
        concept = scheme.by_key[concept.broader]
        out.append(concept)
    return out


def lookup(word: str) -> Entry | None:
    return _entries().get(word.lower())


def alternatives(word: str) -> tuple[str, ...]:
    """What a typed word finds: itself first, then its other names (see the module doc)."""
    entry = lookup(word)
    if entry is None:
        return (word,)
    if word.lower() == entry.pref.lower():
        found = entry.labels + entry.narrower
    else:
        found = (word, entry.pref) + entry.narrower
    return tuple(dict.fromkeys((word,) + found))


def all_labels() -> list[str]:
    return list({e.pref: None for e in _entries().values()} | dict.fromkeys(_entries()))


def entries_in(text: str) -> list[Entry]:
    """Concepts one of whose labels occurs in text (for the index's pinyin of synonyms)."""
    lowered = text.lower()
    seen: dict[str, Entry] = {}
    for label, entry in _entries().items():
        if len(label) > 1 and label in lowered:
            seen.setdefault(entry.pref, entry)
    return list(seen.values())
