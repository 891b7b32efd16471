"""The demo catalog (loaded once): round trip, feeds' contents and SHACL conformance."""
from __future__ import annotations

import pytest
from ckanext.dazhou.tests.dcat.compare import schema_view
from ckanext.dazhou.tests.dcat.shacl import dazhou_shapes, official_shapes, violations
from ckanext.dcat.processors import RDFParser, RDFSerializer
from ckanext.dcat.profiles import DCAT, RDF
from ckanext.dcat.utils import catalog_uri
from rdflib import Graph

PROFILE = ["dazhou_dcat_ap"]


def _round_trip(dataset, fmt):
    text = RDFSerializer(profiles=PROFILE).serialize_dataset(dataset, _format=fmt)
    parser = RDFParser(profiles=PROFILE)
    parser.parse(text, _format=fmt)
    return list(parser.datasets())


def test_every_demo_dataset_survives_the_round_trip(demo_catalog):
    assert len(demo_catalog) >= 50
    failures = []
    for dataset in demo_catalog:
        for fmt in ("turtle", "xml", "json-ld"):
            parsed = _round_trip(dataset, fmt)
            want, got = schema_view(dataset), schema_view(parsed[0]) if parsed else {}
            if len(parsed) != 1 or want != got:
                diff = {k: (want.get(k), got.get(k)) for k in want.keys() | got.keys()
                        if want.get(k) != got.get(k)}
                failures.append(f"{dataset['name']} ({fmt}): {diff}")
    assert not failures, "\n".join(failures)


def test_the_round_trip_compares_every_schema_field(demo_catalog):
    """Guard against a vacuous comparison: the demo data fills every field somewhere."""
    covered = set().union(*(schema_view(d) for d in demo_catalog))
    assert {"resource_code", "data_items", "share_methods", "api_endpoint", "api_description",
            "related_resource_codes", "owner_org", "resource_subcategory", "tags",
            "non_share_basis", "open_conditions", "published_date", "resources"} <= covered


def _graph(app, url, fmt="turtle", headers=None):
    response = app.get(url, headers=headers or {})
    assert response.status_code == 200, (url, response.status_code)
    return Graph().parse(data=response.get_data(as_text=True), format=fmt)


class TestPublicFeed:
    def test_conforms_to_the_official_dcat_ap_shapes(self, app, demo_catalog):
        graph = _graph(app, "/catalog.ttl")
        assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) >= 10
        found = violations(graph, official_shapes())
        assert not found, "\n".join(found)

    def test_conforms_to_the_dazhou_shapes(self, app, demo_catalog):
        found = violations(_graph(app, "/catalog.ttl"), dazhou_shapes())
        assert not found, "\n".join(found)

    def test_holds_only_what_the_public_may_see(self, app, demo_catalog):
        graph = _graph(app, "/catalog.ttl")
        listed = {str(d) for d in graph.subjects(RDF.type, DCAT.Dataset)}
        public = [d for d in demo_catalog if d["open_type"] in ("open", "conditional")]
        assert listed == {f"{catalog_uri()}/dataset/{d['id']}" for d in public}
        text = graph.serialize(format="turtle")
        for dataset in demo_catalog:
            if dataset["open_type"] == "open":
                continue
            for resource in dataset["resources"]:
                assert resource["url"] not in text, (dataset["name"], resource["url"])
            if dataset.get("api_endpoint"):
                assert dataset["api_endpoint"] not in text, dataset["name"]

    @pytest.mark.parametrize("fmt,rdflib_format", [("rdf", "xml"), ("jsonld", "json-ld")])
    def test_other_formats_carry_the_same_graph(self, app, demo_catalog, fmt, rdflib_format):
        ttl, other = _graph(app, "/catalog.ttl"), _graph(app, f"/catalog.{fmt}", rdflib_format)
        datasets = lambda g: set(g.subjects(RDF.type, DCAT.Dataset))  # noqa: E731
        assert datasets(other) == datasets(ttl)


@pytest.fixture
def department_token(demo_catalog):
    from ckan.tests import helpers
    from ckanext.dazhou.tests.factories import department_user, site_context

    org = helpers.call_action("organization_show", site_context(), id="dz-jtj")
    user = department_user(org, "member")
    return helpers.call_action("api_token_create", site_context(), user=user["name"],
                               name="gov-feed")["token"]


class TestGovernmentFeed:
    def _graph(self, app, token):
        return _graph(app, "/catalog/gov.ttl", headers={"Authorization": token})

    def test_lists_the_whole_catalog(self, app, demo_catalog, department_token):
        graph = self._graph(app, department_token)
        assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == len(demo_catalog)

    def test_conforms_to_the_official_dcat_ap_shapes(self, app, demo_catalog, department_token):
        found = violations(self._graph(app, department_token), official_shapes())
        assert not found, "\n".join(found)

    def test_conforms_to_the_dazhou_shapes(self, app, demo_catalog, department_token):
        found = violations(self._graph(app, department_token), dazhou_shapes())
        assert not found, "\n".join(found)
