"""ckanext-dcat 2.4.4 tests that fail with `euro_dcat_ap_3` routed to our profile, on purpose.

Keyed by the test id below ckanext/dcat/tests/; each reason says which rule of ours the stock
expectation contradicts. test_stock_suite.py fails on any other difference, and on an entry
here that passes with our profile (fixed: remove it).
"""
from __future__ import annotations

ROUTING = ("routing artefact: the test asserts the *name* of the default profile, which the "
           "routing replaces by dazhou_dcat_ap; the profile itself is not under test")

INTENDED: dict[str, str] = {
    "profiles/base/test_base_parser.py::TestRDFParser::test_default_profile": ROUTING,
    "profiles/base/test_base_serializer.py::TestRDFSerializer::test_default_profile": ROUTING,
}

# Differences in behaviour the 2.4.4 tests that can run here do not reach (their example files
# are not shipped, or they need the fluent / dataset_series plugins), kept on purpose; each is
# tested in our own tests (test_interop_publish.py, test_demo_catalog.py, test_feeds.py):
NOT_REACHED = {
    "dcat:mediaType": "a stored mimetype literal is written as the IANA IRI (DCAT-AP 3's range "
                      "is dct:MediaType; the SHACL shapes refuse the literal)",
    "dcat:accessURL": "a distribution without URL, or one the audience may not use, gets the "
                      "landing page as accessURL (mandatory in DCAT-AP 3) and dzv:restricted",
    "dct:title": "Chinese titles and descriptions are tagged @zh (issue 13); other text is not",
    "dct:issued": "one of our records without published_date has no dct:issued (the catalog's "
                  "issue date is when the entry was published, not metadata_created)",
}
