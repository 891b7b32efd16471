"""Our feeds as stock consumers read them (issue 13): media types, endpoint description,
licence, contact point, @zh titles, and RDF/XML that carries exactly the Turtle graph."""
from __future__ import annotations

import pytest
from ckanext.dazhou.tests.dcat.compare import schema_view
from ckanext.dcat.processors import RDFParser, RDFSerializer
from ckanext.dcat.profiles import DCAT, DCT, RDF, VCARD
from ckanext.dcat.utils import resource_uri
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, to_isomorphic

from ckanext.dazhou.profiles.namespace import DZ

IANA = "http://www.iana.org/assignments/media-types/"
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
CC_BY = URIRef("http://www.opendefinition.org/licenses/cc-by")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# CKAN's resource_formats.json knows SHP by name only (no media type): stock keeps the EU URI
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"


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

    def test_stock_parser_reads_format_names_and_media_types(self, demo_catalog):
        """The labelled IANA media type gives stock `text/csv` and CKAN's format name `CSV`,
        not two IRIs; an interface has neither (no file type, no media type)."""
        expected = {"csv": ("CSV", "text/csv"), "xlsx": ("XLSX", XLSX), "api": (None, None),
                    "pdf": ("PDF", "application/pdf"), "zip": ("ZIP", "application/zip"),
                    "geojson": ("GeoJSON", "application/geo+json"),
                    "docx": ("DOCX", DOCX), "shp": (EU_FILE_TYPE + "SHP", "application/vnd.shp")}
        seen, wrong = set(), []
        for dataset in (d for d in demo_catalog if d["open_type"] == "open"):
            text = RDFSerializer(profiles=["dazhou_dcat_ap"]).serialize_dataset(dataset, "turtle")
            parser = RDFParser(profiles=["euro_dcat_ap_3"])
            parser.parse(text, _format="turtle")
            stock = {r["uri"]: r for r in next(parser.datasets())["resources"]}
            for resource in dataset["resources"]:
                got = stock[resource_uri(resource)]
                seen.add(resource["format"])
                if (got.get("format"), got.get("mimetype")) != expected[resource["format"]]:
                    wrong.append((dataset["name"], resource["format"], got.get("format"),
                                  got.get("mimetype")))
        assert not wrong
        assert {"csv", "xlsx", "api"} <= seen


@pytest.fixture
def sysadmin_token(demo_catalog):
    from ckan.tests import factories, helpers
    from ckanext.dazhou.tests.factories import site_context

    user = factories.Sysadmin()
    return helpers.call_action("api_token_create", site_context(), user=user["name"],
                               name="feed")["token"]


@pytest.mark.parametrize(("fmt", "rdflib_format"),
                         [("ttl", "turtle"), ("rdf", "xml"), ("jsonld", "json-ld")])
def test_every_demo_dataset_comes_back_from_the_feed_field_by_field(
        app, demo_catalog, sysadmin_token, fmt, rdflib_format):
    """The whole catalog as served (/catalog/gov.<fmt>, the sysadmin sees every dataset
    unredacted), parsed back with our profile: every schema field equal, per dataset."""
    response = app.get(f"/catalog/gov.{fmt}", headers={"Authorization": sysadmin_token})
    assert response.status_code == 200
    parser = RDFParser(profiles=["dazhou_dcat_ap"])
    parser.parse(response.get_data(as_text=True), _format=rdflib_format)
    parsed = {d["name"]: schema_view(d) for d in parser.datasets()}
    assert set(parsed) == {d["name"] for d in demo_catalog}
    differences = {}
    for dataset in demo_catalog:
        want, got = schema_view(dataset), parsed[dataset["name"]]
        differences.update({(dataset["name"], key): (want.get(key), got.get(key))
                            for key in want.keys() | got.keys() if want.get(key) != got.get(key)})
    assert not differences
