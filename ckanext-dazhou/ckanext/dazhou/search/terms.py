"""Vocabulary terms offered while typing and on an empty result page.

Terms are the catalog's words: the Art. 11 resource categories and, when the synonym
scheme exists (vocab/, a SKOS scheme whose name contains "synonym"), its preferred labels,
found also by their alternative and hidden labels (社保 offers 社会保险). They are public and
a few hundred, so they are matched in memory; datasets, which need permission labels, are
matched in Solr (suggest.py).
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

from rdflib import Literal
from rdflib.namespace import RDF, SKOS

from ckanext.dazhou.search import pinyin, prefixes
from dazhou_vocab import loader

CATEGORY_SCHEME = "resource_category"


@dataclass(frozen=True)
class Term:
    label: str
    field: str  # search parameter the term links to: "q" or a category field
    value: str
    start_keys: tuple[str, ...]
    keys: tuple[str, ...]
    # (alternative label, keys from its start, keys from anywhere in it)
    alt_keys: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()


def _zh(labels) -> list[str]:
    return [str(v) for v in labels if isinstance(v, Literal) and (v.language or "zh").startswith("zh")]


def _term(label: str, field: str, value: str, alts: list[str] = ()) -> Term:
    start, anywhere = prefixes.key_sets(label)
    alt_keys = tuple((alt, *map(tuple, prefixes.key_sets(alt))) for alt in alts if alt != label)
    return Term(label, field, value, tuple(start), tuple(anywhere), alt_keys)


def _synonym_terms() -> list[Term]:
    out = []
    for name in sorted(loader.schemes()):
        if "synonym" not in name:
            continue
        graph = loader.scheme_graph(name)
        for concept in sorted(graph.subjects(RDF.type, SKOS.Concept)):
            labels = _zh(graph.objects(concept, SKOS.prefLabel))
            if not labels:
                continue
            alts = _zh(graph.objects(concept, SKOS.altLabel)) + _zh(graph.objects(concept, SKOS.hiddenLabel))
            out.append(_term(labels[0], "q", labels[0], alts))
    return out


@functools.lru_cache(maxsize=1)
def all_terms() -> tuple[Term, ...]:
    scheme = loader.scheme(CATEGORY_SCHEME)
    categories = [
        _term(c.label_zh, "resource_category" if c.broader is None else "resource_subcategory", c.key)
        for c in scheme.concepts]
    seen, out = set(), []
    for term in categories + _synonym_terms():
        if term.label not in seen:
            seen.add(term.label)
            out.append(term)
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _key_index() -> tuple[list[str], list[tuple[int, int, str]]]:
    """Every key of every term, sorted, beside (rank, term number, other name): a typed
    prefix is one bisection. Rank 0: the term starts with it, 1: one of its other names does
    (社保 → 社会保险), 2: the term contains it, 3: another name contains it."""
    entries = []
    for n, term in enumerate(all_terms()):
        entries += [(k, 0, n, "") for k in term.start_keys]
        entries += [(k, 2, n, "") for k in term.keys]
        for alt, start, anywhere in term.alt_keys:
            entries += [(k, 1, n, alt) for k in start] + [(k, 3, n, alt) for k in anywhere]
    entries.sort()
    return [e[0] for e in entries], [e[1:] for e in entries]


def matching(text: str, rows: int) -> list[tuple[Term, str]]:
    """Terms the typed text is a prefix of, best first: (term, the other name it matched by)."""
    key = prefixes.query_key(text)
    if not key:
        return []
    keys, values = _key_index()
    best: dict[int, tuple[int, str]] = {}
    for i in range(bisect.bisect_left(keys, key), len(keys)):
        if not keys[i].startswith(key):
            break
        rank, n, alt = values[i]
        if n not in best or rank < best[n][0]:
            best[n] = (rank, alt)
    found = sorted(best.items(), key=lambda item: (item[1][0], len(all_terms()[item[0]].label), item[0]))
    return [(all_terms()[n], alt) for n, (_, alt) in found[:rows]]


def _bigrams(text: str) -> set[str]:
    chars = prefixes.normalise(text)
    return {chars[i:i + 2] for i in range(len(chars) - 1)} | {c for c in chars if pinyin.has_han(c)}


def _pinyin_syllables(text: str) -> list[str]:
    return [s for s in pinyin.full(prefixes.normalise(text)).split() if s]


def nearest(text: str, rows: int) -> list[Term]:
    """For a query that found nothing: terms sharing the most characters or syllables with it."""
    direct = [term for term, _ in matching(text, rows)]
    if len(direct) >= rows:
        return direct
    query = _bigrams(text)
    syllables = set(prefixes.normalise(s) for s in _pinyin_syllables(text))
    scored = []
    for term in all_terms():
        if term in direct:
            continue
        names = [term.label] + [alt for alt, _, _ in term.alt_keys]
        overlap = max(len(query & _bigrams(name)) / max(len(_bigrams(name)), 1) for name in names)
        sound = max(len(syllables & set(_pinyin_syllables(name))) for name in names) if syllables else 0
        score = overlap + 0.2 * sound
        if score > 0:
            scored.append((-score, len(term.label), term))
    scored.sort(key=lambda r: (r[0], r[1]))
    return direct + [term for _, _, term in scored[:rows - len(direct)]]
