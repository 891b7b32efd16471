"""Our feeds as stock consumers read them (issue 13): media types, endpoint description,
licence, contact point, @zh titles, and RDF/XML that carries exactly the Turtle graph."""
from __future__ import annotations

import pytest
from ckanext.dazhou.tests.dcat.compare import schema_view
from ckanext.dcat.processors import RDFParser, RDFSerializer
from ckanext.dcat.profiles import DCAT, DCT, RDF, VCARD
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, to_isomorphic

from ckanext.dazhou.profiles.namespace import DZ

IANA = "http://www.iana.org/assignments/media-types/"
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
CC_BY = URIRef("http://www.opendefinition.org/licenses/cc-by")


def _graph(app, url, fmt):
    response = app.get(url)
    assert response.status_code == 200, url
    return Graph().parse(data=response.get_data(as_text=True), format=fmt)


def _without_paging(g: Graph) -> Graph:
    """The hydra paging triples name the page's own URL (catalog.ttl, catalog.rdf …)."""
    for page in set(g.subjects(RDF.type, HYDRA.PagedCollection)):
        g.remove((page, None, None))
    return g


def _dataset_graph(dataset) -> Graph:
    text = RDFSerializer(profiles=["dazhou_dcat_ap"]).serialize_dataset(dataset, _format="turtle")
    return Graph().parse(data=text, format="turtle")


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("rdf", "xml"), ("jsonld", "json-ld")])
def test_catalog_serializations_carry_the_same_graph(app, demo_catalog, fmt, rdflib_format):
    ttl = _without_paging(_graph(app, "/catalog.ttl?page=1", "turtle"))
    other = _without_paging(_graph(app, f"/catalog.{fmt}?page=1", rdflib_format))
    assert list(ttl.objects(None, DZ.relatedResourceCodes)), "the page holds a literal list"
    _both, only_ttl, only_other = graph_diff(to_isomorphic(ttl), to_isomorphic(other))
    assert len(only_ttl) == 0 and len(only_other) == 0, (
        sorted(map(str, only_ttl))[:5], sorted(map(str, only_other))[:5])


def test_every_demo_dataset_survives_pretty_xml(demo_catalog):
    """`/dataset/<id>.rdf` is rdflib's pretty-xml: its round trip is exact too (the
    catalog test above is the one that fails when pretty-xml loses a literal list)."""
    failures = []
    for dataset in demo_catalog:
        text = RDFSerializer(profiles=["dazhou_dcat_ap"]).serialize_dataset(dataset, "pretty-xml")
        parser = RDFParser(profiles=["dazhou_dcat_ap"])
        parser.parse(text, _format="xml")
        parsed = list(parser.datasets())
        if len(parsed) != 1 or schema_view(parsed[0]) != schema_view(dataset):
            failures.append(dataset["name"])
    assert not failures


class TestWhatAStockConsumerGets:
    def test_distributions_carry_iana_media_type_beside_the_eu_file_type(self, demo_catalog):
        dataset = next(d for d in demo_catalog
                       if any(r.get("format") == "csv" for r in d["resources"])
                       and d.get("open_type") == "open")
        g = _dataset_graph(dataset)
        csv = [d for d in g.objects(None, DCAT.distribution)
               if (d, DCT["format"], URIRef(
                   "http://publications.europa.eu/resource/authority/file-type/CSV")) in g]
        assert csv
        for distribution in csv:
            assert g.value(distribution, DCAT.mediaType) == URIRef(IANA + "text/csv")
            assert (URIRef(IANA + "text/csv"), RDF.type, DCT.MediaType) in g

    def test_endpoint_description_is_a_url(self, demo_catalog):
        dataset = next(d for d in demo_catalog if d.get("api_description"))
        g = _dataset_graph(dataset)
        node = next(g.objects(None, DCAT.endpointDescription))
        assert isinstance(node, URIRef) and str(node).startswith("http")
        assert str(g.value(node, DCT.description)) == dataset["api_description"]

    def test_open_data_has_the_platform_licence_closed_none(self, demo_catalog):
        opened = next(d for d in demo_catalog if d.get("open_type") == "open" and d["resources"])
        g = _dataset_graph(opened)
        assert set(g.objects(None, DCT.license)) == {CC_BY}
        closed = next(d for d in demo_catalog if d.get("open_type") == "closed" and d["resources"])
        assert not list(_dataset_graph(closed).objects(None, DCT.license))

    @pytest.mark.ckan_config("ckanext.dazhou.open_license_id", "odc-by")
    def test_platform_licence_is_configurable(self, demo_catalog):
        opened = next(d for d in demo_catalog if d.get("open_type") == "open" and d["resources"])
        assert set(_dataset_graph(opened).objects(None, DCT.license)) == {
            URIRef("http://www.opendefinition.org/licenses/odc-by")}

    def test_contact_point_is_the_department(self, demo_catalog):
        dataset = demo_catalog[0]
        g = _dataset_graph(dataset)
        contact = next(g.objects(None, DCAT.contactPoint))
        assert (contact, RDF.type, VCARD.Kind) in g
        assert str(g.value(contact, VCARD.fn)) == dataset["organization"]["title"]

    def test_titles_are_tagged_zh(self, demo_catalog):
        dataset = demo_catalog[0]
        g = _dataset_graph(dataset)
        assert Literal(dataset["title"], lang="zh") in set(g.objects(None, DCT.title))

    def test_stock_parser_keeps_licence_mimetype_contact(self, demo_catalog):
        dataset = next(d for d in demo_catalog
                       if any(r.get("format") == "csv" for r in d["resources"])
                       and d.get("open_type") == "open")
        text = RDFSerializer(profiles=["dazhou_dcat_ap"]).serialize_dataset(dataset, "turtle")
        parser = RDFParser(profiles=["euro_dcat_ap_3"])
        parser.parse(text, _format="turtle")
        stock = next(parser.datasets())
        extras = {e["key"]: e["value"] for e in stock["extras"]}
        assert stock["license_id"] == "cc-by"
        assert stock["title"] == dataset["title"]
        assert extras["contact_name"] == dataset["organization"]["title"]
        assert IANA + "text/csv" in {r.get("mimetype") for r in stock["resources"]}
