"""Codes <-> URIs through dazhou_vocab only, and the concept triples a feed needs.

The official SHACL shapes check EU concepts (access rights, frequencies, file types) by
their `skos:inScheme`, so every concept a feed uses is described in the feed itself.
"""
from __future__ import annotations

import functools

import ckan.plugins.toolkit as tk
from ckanext.dazhou.profiles.namespace import EU_AUTHORITY
from dazhou_vocab import loader
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS as DCT
from rdflib.namespace import FOAF, RDF, SKOS

# EU authority tables -> the class DCAT-AP's range shapes expect of their concepts
EU_RANGE_CLASSES = {
    "access-right": DCT.RightsStatement,
    "frequency": DCT.Frequency,
    "file-type": DCT.MediaTypeOrExtent,
    "language": DCT.LinguisticSystem,
}


def base_uri() -> str:
    return tk.config.get("ckanext.dazhou.vocab_base_uri") or loader.DEFAULT_BASE_URI


def uri_of(scheme: str, key: str | None) -> URIRef | None:
    """Our concept URI (under the configured base) for a stored key."""
    concept = loader.scheme(scheme).by_key.get(key or "")
    return URIRef(loader.rebase(concept.uri, base_uri())) if concept else None


def eu_uri_of(scheme: str, key: str | None) -> URIRef | None:
    concept = loader.scheme(scheme).by_key.get(key or "")
    if concept and concept.exact_match:
        return URIRef(concept.exact_match[0])
    return None


@functools.lru_cache(maxsize=32)
def _keys_by_uri(scheme: str, base: str) -> dict[str, str]:
    """Every URI that names a concept (ours, rebased or not, and its EU matches) -> key."""
    found: dict[str, str] = {}
    for concept in loader.scheme(scheme).concepts:
        for uri in (*concept.exact_match, concept.uri, loader.rebase(concept.uri, base)):
            found.setdefault(uri, concept.key)
    return found


def key_of(scheme: str, uri) -> str | None:
    """The stored key for a URI (ours or an EU exact match); None when unknown."""
    return _keys_by_uri(scheme, base_uri()).get(str(uri)) if uri is not None else None


def add_concept(g: Graph, scheme: str, key: str) -> None:
    """Describe our concept (and its EU matches) in the graph."""
    described = g.__dict__.setdefault("_dazhou_concepts", set())  # per graph, cheaper than a lookup
    if (scheme, key) in described:
        return
    described.add((scheme, key))
    concept = loader.scheme(scheme).by_key[key]
    ref = URIRef(loader.rebase(concept.uri, base_uri()))
    g.add((ref, RDF.type, SKOS.Concept))
    g.add((ref, SKOS.inScheme, URIRef(loader.rebase(loader.scheme(scheme).uri, base_uri()))))
    g.add((ref, SKOS.notation, Literal(concept.notation)))
    g.add((ref, SKOS.prefLabel, Literal(concept.label_zh, lang="zh")))
    g.add((ref, SKOS.prefLabel, Literal(concept.label_en, lang="en")))
    for eu in concept.exact_match:
        g.add((ref, SKOS.exactMatch, URIRef(eu)))
        # an exact match means the same concept, so our labels serve it too
        add_eu_concept(g, URIRef(eu), {"zh": concept.label_zh, "en": concept.label_en})


def add_eu_concept(g: Graph, ref: URIRef, labels: dict[str, str]) -> None:
    """`<eu> a skos:Concept ; skos:inScheme <table>` (+ the range class DCAT-AP expects)."""
    uri = str(ref)
    if not uri.startswith(EU_AUTHORITY) or (ref, RDF.type, SKOS.Concept) in g:
        return
    table = uri[len(EU_AUTHORITY):].split("/", 1)[0]
    g.add((ref, RDF.type, SKOS.Concept))
    g.add((ref, SKOS.inScheme, URIRef(EU_AUTHORITY + table)))
    for lang, label in labels.items():
        g.add((ref, SKOS.prefLabel, Literal(label, lang=lang)))
    if table in EU_RANGE_CLASSES:
        g.add((ref, RDF.type, EU_RANGE_CLASSES[table]))


def add_agent(g: Graph, ref: URIRef, name: str) -> None:
    g.add((ref, RDF.type, FOAF.Agent))
    g.add((ref, FOAF.name, Literal(name)))
