"""Loads the controlled vocabularies (SKOS Turtle in schemes/) into plain objects.

This is the only reader of the code lists: the dataset schema's choices, validation,
the DCAT mapping and UI labels all ask it, so no code list is typed twice.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

SCHEMES_DIR = Path(__file__).with_name("schemes")
DEFAULT_BASE_URI = "https://data.dazhou.gov.cn/vocab/"
DZV = Namespace(DEFAULT_BASE_URI + "ns#")


@dataclass(frozen=True)
class Concept:
    key: str
    uri: str
    notation: str
    label_zh: str
    label_en: str
    broader: str | None = None  # key of the parent concept
    order: int = 0
    exact_match: tuple[str, ...] = ()
    alt_labels: tuple[str, ...] = ()  # zh skos:altLabel (search vocabularies)
    hidden_labels: tuple[str, ...] = ()  # zh skos:hiddenLabel
    properties: dict = field(default_factory=dict, compare=False)  # dzv:* extras

    def label(self, lang: str = "zh") -> str:
        return self.label_en if lang.startswith("en") else self.label_zh


@dataclass(frozen=True)
class Scheme:
    name: str
    uri: str
    label_zh: str
    label_en: str
    concepts: tuple[Concept, ...]

    @functools.cached_property
    def by_key(self) -> dict[str, Concept]:
        return {c.key: c for c in self.concepts}

    def keys(self) -> list[str]:
        return [c.key for c in self.concepts]

    def top_concepts(self) -> list[Concept]:
        return [c for c in self.concepts if c.broader is None]

    def narrower(self, key: str) -> list[Concept]:
        return [c for c in self.concepts if c.broader == key]

    def label(self, key: str, lang: str = "zh") -> str:
        concept = self.by_key.get(key)
        return concept.label(lang) if concept else key

    def by_exact_match(self, uri: str) -> Concept | None:
        return next((c for c in self.concepts if uri in c.exact_match), None)

    def by_uri(self, uri: str) -> Concept | None:
        return next((c for c in self.concepts if c.uri == uri), None)


def _literal(graph: Graph, subject, predicate, lang: str | None = None) -> str:
    for value in graph.objects(subject, predicate):
        if lang is None or (isinstance(value, Literal) and value.language == lang):
            return str(value)
    return ""


def _zh_labels(graph: Graph, subject, predicate) -> tuple[str, ...]:
    return tuple(sorted(str(v) for v in graph.objects(subject, predicate)
                        if isinstance(v, Literal) and v.language == "zh"))


def _key(uri: str) -> str:
    return uri.rstrip("/").rsplit("/", 1)[-1]


def parse_scheme(path: Path) -> Scheme:
    """Read one scheme file. Raises ValueError if it holds no single ConceptScheme."""
    graph = Graph().parse(path, format="turtle")
    schemes = list(graph.subjects(RDF.type, SKOS.ConceptScheme))
    if len(schemes) != 1:
        raise ValueError(f"{path.name}: expected one skos:ConceptScheme, found {len(schemes)}")
    scheme_uri = schemes[0]
    concepts = []
    for uri in graph.subjects(SKOS.inScheme, scheme_uri):
        broader = graph.value(uri, SKOS.broader)
        props = {
            str(p).removeprefix(str(DZV)): v.toPython()
            for p, v in graph.predicate_objects(uri)
            if str(p).startswith(str(DZV)) and p != DZV.order
        }
        concepts.append(Concept(
            key=_key(str(uri)),
            uri=str(uri),
            notation=_literal(graph, uri, SKOS.notation),
            label_zh=_literal(graph, uri, SKOS.prefLabel, "zh"),
            label_en=_literal(graph, uri, SKOS.prefLabel, "en"),
            broader=_key(str(broader)) if broader else None,
            order=int(graph.value(uri, DZV.order) or 0),
            exact_match=tuple(sorted(str(m) for m in graph.objects(uri, SKOS.exactMatch))),
            alt_labels=_zh_labels(graph, uri, SKOS.altLabel),
            hidden_labels=_zh_labels(graph, uri, SKOS.hiddenLabel),
            properties=props,
        ))
    return Scheme(
        name=path.stem,
        uri=str(scheme_uri),
        label_zh=_literal(graph, scheme_uri, SKOS.prefLabel, "zh"),
        label_en=_literal(graph, scheme_uri, SKOS.prefLabel, "en"),
        concepts=tuple(_display_order(concepts)),
    )


def _display_order(concepts: list[Concept]) -> list[Concept]:
    """Parents first, each followed by its children, siblings by dzv:order."""
    children: dict[str | None, list[Concept]] = {}
    for c in concepts:
        children.setdefault(c.broader, []).append(c)
    ordered: list[Concept] = []

    def walk(parent):
        for c in sorted(children.get(parent, []), key=lambda c: (c.order, c.key)):
            ordered.append(c)
            walk(c.key)

    walk(None)
    return ordered


@functools.lru_cache(maxsize=None)
def schemes(directory: str = str(SCHEMES_DIR)) -> dict[str, Scheme]:
    return {p.stem: parse_scheme(p) for p in sorted(Path(directory).glob("*.ttl"))}


def scheme(name: str) -> Scheme:
    try:
        return schemes()[name]
    except KeyError:
        raise KeyError(f"unknown vocabulary scheme {name!r}") from None


def scheme_file(name: str) -> Path:
    path = SCHEMES_DIR / f"{name}.ttl"
    if not path.is_file():
        raise KeyError(f"unknown vocabulary scheme {name!r}")
    return path


def rebase(uri: str, base_uri: str) -> str:
    """A vocabulary URI moved from the default base to the configured one."""
    if base_uri != DEFAULT_BASE_URI and uri.startswith(DEFAULT_BASE_URI):
        return base_uri + uri[len(DEFAULT_BASE_URI):]
    return uri


def scheme_graph(name: str, base_uri: str = DEFAULT_BASE_URI) -> Graph:
    """The scheme as an RDF graph, its URIs under base_uri."""
    graph = Graph().parse(scheme_file(name), format="turtle")
    if base_uri == DEFAULT_BASE_URI:
        return graph
    moved = Graph()
    for prefix, namespace in graph.namespaces():
        moved.bind(prefix, rebase(str(namespace), base_uri), override=True)
    for triple in graph:
        moved.add(tuple(URIRef(rebase(str(t), base_uri)) if isinstance(t, URIRef) else t
                        for t in triple))
    return moved
