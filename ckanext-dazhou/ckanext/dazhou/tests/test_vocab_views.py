from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS


@pytest.mark.usefixtures("with_plugins")
class TestVocabularyEndpoints:
    def test_turtle(self, app):
        response = app.get("/vocab/open_type.ttl")
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("text/turtle")
        graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
        closed = URIRef("https://data.dazhou.gov.cn/vocab/open_type/closed")
        assert (closed, SKOS.exactMatch, URIRef(
            "http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC")) in graph

    def test_jsonld(self, app):
        response = app.get("/vocab/update_cycle.jsonld")
        assert response.status_code == 200
        graph = Graph().parse(data=response.get_data(as_text=True), format="json-ld")
        assert len(set(graph.subjects(SKOS.inScheme, None))) == 8

    def test_unknown_scheme_or_format(self, app):
        assert app.get("/vocab/nothing.ttl").status_code == 404
        assert app.get("/vocab/open_type.exe").status_code == 404

    @pytest.mark.ckan_config("ckanext.dazhou.vocab_base_uri", "https://example.gov.cn/v/")
    def test_configured_base(self, app):
        text = app.get("/vocab/share_type.ttl").get_data(as_text=True)
        assert "https://example.gov.cn/v/share_type/conditional" in text
