"""The Dazhou namespace: catalog attributes DCAT-AP has no property for.

Published with the vocabularies (vocab/dazhou_vocab/shapes/dazhou-shapes.ttl describes them).
"""
from __future__ import annotations

from dazhou_vocab.loader import DZV
from rdflib import Namespace

DZ = DZV  # one namespace for the vocabularies' extras and the catalog's properties

# dataset-level literal fields: (dataset key, predicate)
TEXT_FIELDS = (
    ("share_conditions", DZ.shareConditions),
    ("non_share_basis", DZ.nonShareBasis),
    ("open_conditions", DZ.openConditions),
    ("collection_purpose", DZ.collectionPurpose),
    ("collection_scope", DZ.collectionScope),
    ("collection_method", DZ.collectionMethod),
    ("collection_legal_basis", DZ.collectionLegalBasis),
    ("confidentiality_review", DZ.confidentialityReview),
    ("confidentiality_reviewer", DZ.confidentialityReviewer),
)

# dataset-level coded fields: (dataset key, predicate, vocabulary scheme)
CODED_FIELDS = (
    ("share_type", DZ.shareType, "share_type"),
    ("non_share_basis_type", DZ.nonShareBasisType, "non_share_basis_type"),
    ("security_level", DZ.securityLevel, "security_level"),
)

# data item subfields: (subfield, predicate)
ITEM_TEXT_FIELDS = (
    ("name", DZ.itemName),
    ("code", DZ.itemCode),
    ("length", DZ.itemLength),
    ("description", DZ.itemDescription),
)

EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
EU_LANGUAGE = Namespace(EU_AUTHORITY + "language/")
