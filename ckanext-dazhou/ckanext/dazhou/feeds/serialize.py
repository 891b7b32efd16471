"""Pages of dataset dicts -> RDF with the configured profiles."""
from __future__ import annotations

from typing import Any

from ckanext.dcat.processors import RDFSerializer
from ckanext.dcat.profiles import DCAT
from ckanext.dcat.utils import url_to_rdflib_format
from rdflib import Graph, URIRef

CONTENT_TYPES = {
    "ttl": "text/turtle",
    "rdf": "application/rdf+xml",
    "xml": "application/rdf+xml",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
}


def serialize_page(datasets: list[dict[str, Any]], fmt: str,
                   pagination: dict[str, Any] | None = None) -> str:
    return RDFSerializer().serialize_catalog({}, datasets, _format=url_to_rdflib_format(fmt),
                                             pagination_info=pagination)


def page_graph(datasets: list[dict[str, Any]], describe_catalog: bool,
               profiles: list[str] | None = None) -> Graph:
    """One page's graph for the streaming export; the catalog is described once, on page 1."""
    serializer = RDFSerializer(profiles=profiles)
    if describe_catalog:
        catalog_ref = serializer.graph_from_catalog({})
    else:
        from ckanext.dcat.utils import catalog_uri
        catalog_ref = URIRef(catalog_uri())
    for dataset in datasets:
        serializer.g.add((catalog_ref, DCAT.dataset, serializer.graph_from_dataset(dataset)))
    return serializer.g
