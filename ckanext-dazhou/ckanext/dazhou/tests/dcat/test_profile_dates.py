"""The profile's direct parse of CKAN timestamps gives the triple the stock dateutil path gives."""
from __future__ import annotations

import pytest
from ckanext.dazhou.profiles.profile import DazhouDCATAPProfile
from ckanext.dcat.profiles import DCT, EuropeanDCATAP3Profile
from rdflib import Graph, URIRef

VALUES = [
    "2026-11-24T08:15:30.123456",  # CKAN's metadata_modified
    "2026-11-24T08:15:30.5",
    "2026-11-24T08:15:30",
    "2026-02-29T00:00:00",  # not a date: both fall back to the literal
    "2026-11-24",
    "2026-11",
    "2026",
    "2026-11-24T08:15:30+08:00",
    "24 November 2026",
    "not a date",
]


def _objects(profile_class, value):
    graph = Graph()
    profile = profile_class(graph)
    subject = URIRef("https://example.org/d")
    profile._add_date_triple(subject, DCT.modified, value)
    return sorted(graph.objects(subject, DCT.modified), key=repr)


@pytest.mark.usefixtures("with_plugins")
@pytest.mark.parametrize("value", VALUES)
def test_date_triples_match_the_stock_profile(value):
    ours, stock = _objects(DazhouDCATAPProfile, value), _objects(EuropeanDCATAP3Profile, value)
    assert ours == stock
    assert [o.datatype for o in ours] == [o.datatype for o in stock]
