"""Pages of dataset dicts -> RDF with the configured profiles.

With the DCAT cache on (ckanext.dazhou.dcat_cache_seconds), Turtle and N-Triples pages are
assembled as text: the page's own part (catalog, dcat:dataset links, hydra paging) from a
small graph, then each dataset's N-Triples from the cache (profiles/graph_cache.py), built
only where this exact input was not built before. N-Triples is valid Turtle and the triples
are those of the page built as one graph.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import rdflib
from ckanext.dazhou.profiles import graph_cache
from ckanext.dcat.processors import RDFSerializer
from ckanext.dcat.profiles import DCAT
from ckanext.dcat.utils import catalog_uri, dataset_uri, url_to_rdflib_format
from rdflib import Graph, URIRef

JOINABLE = {"ttl": "turtle", "nt": "nt"}


class CachedProfilesSerializer(RDFSerializer):
    """ckanext-dcat's serializer with its profile classes looked up once per process: it scans
    every installed package's entry points on each instantiation (~30 ms, a fifth of a warm
    /catalog.ttl page). The classes are the same objects either way; the profiles themselves
    are still instantiated per graph."""

    _classes: dict[tuple[str, ...], list] = {}

    def _load_profiles(self, profile_names):
        key = tuple(profile_names)
        if key not in self._classes:
            self._classes[key] = super()._load_profiles(profile_names)
        return list(self._classes[key])

CONTENT_TYPES = {
    "ttl": "text/turtle",
    "rdf": "application/rdf+xml",
    "xml": "application/rdf+xml",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
}


def joinable(fmt: str | None) -> bool:
    """A page in this format can be assembled from cached text (sub-catalogs, which
    serialize_catalog adds per dataset, are off on this site; else the graph is built)."""
    return (fmt in JOINABLE and graph_cache.seconds() > 0
            and not tk.asbool(tk.config.get("ckanext.dcat.expose_subcatalogs")))


def serialize_page(datasets: list[dict[str, Any]], fmt: str,
                   pagination: dict[str, Any] | None = None,
                   profiles: list[str] | None = None) -> str:
    if joinable(fmt):
        return joined_page(datasets, fmt, pagination, True, profiles)
    return CachedProfilesSerializer(profiles=profiles).serialize_catalog(
        {}, datasets, _format=url_to_rdflib_format(fmt), pagination_info=pagination)


def dataset_ntriples(datasets: list[dict[str, Any]],
                     profiles: list[str] | None = None) -> tuple[list[URIRef], list[str]]:
    """Each dataset's URI and its own triples as N-Triples: from the cache where the same
    input (dict as this caller sees it, department, vocabularies, settings, code) was built."""
    refs = [URIRef(dataset_uri(d)) for d in datasets]
    keys = [graph_cache.key(d, ref, profiles) for d, ref in zip(datasets, refs)]
    texts = graph_cache.get_many(keys)
    built: dict[str, str] = {}
    serializer = None
    for index, text in enumerate(texts):
        if text is None:
            serializer = serializer or CachedProfilesSerializer(profiles=profiles)
            serializer.g = rdflib.ConjunctiveGraph()  # the dataset's own triples only
            serializer.graph_from_dataset(datasets[index])
            texts[index] = built[keys[index]] = serializer.g.serialize(format="nt")
    graph_cache.put_many(built)
    return refs, texts


def joined_page(datasets: list[dict[str, Any]], fmt: str, pagination: dict[str, Any] | None,
                describe_catalog: bool, profiles: list[str] | None = None) -> str:
    """The page as text: its own part serialized in `fmt`, then the datasets' N-Triples."""
    serializer = CachedProfilesSerializer(profiles=profiles)
    catalog_ref = (serializer.graph_from_catalog({}) if describe_catalog
                   else URIRef(catalog_uri()))
    refs, texts = dataset_ntriples(datasets, profiles)
    for ref in refs:
        serializer.g.add((catalog_ref, DCAT.dataset, ref))
    if pagination:
        serializer._add_pagination_triples(pagination)
    head = serializer.g.serialize(format=JOINABLE[fmt])
    return head + ("\n" if fmt == "ttl" else "") + "".join(texts)


def page_graph(datasets: list[dict[str, Any]], describe_catalog: bool,
               profiles: list[str] | None = None) -> Graph:
    """One page's graph for the streaming export; the catalog is described once, on page 1."""
    serializer = CachedProfilesSerializer(profiles=profiles)
    if describe_catalog:
        catalog_ref = serializer.graph_from_catalog({})
    else:
        from ckanext.dcat.utils import catalog_uri
        catalog_ref = URIRef(catalog_uri())
    for dataset in datasets:
        serializer.g.add((catalog_ref, DCAT.dataset, serializer.graph_from_dataset(dataset)))
    return serializer.g
