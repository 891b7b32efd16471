"""pyshacl against the official DCAT-AP 3.0.1 shapes and the Dazhou shapes."""
from __future__ import annotations

import collections

from ckanext.dazhou.tests.dcat.reference import reference_file
from dazhou_vocab.shapes import SHAPES_FILE
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import SH

# all DCAT-AP shapes, the controlled-vocabulary shapes and the deprecated-URI warnings
OFFICIAL = ("shacl/dcat-ap-SHACL.ttl", "shacl/mdr-vocabularies.shape.ttl",
            "shacl/deprecateduris.ttl")
# dcat-ap-SHACL.ttl lists property shapes it does not define (DataService endpointDescription,
# dc08f4dc…), which pyshacl refuses; their definitions are taken from ranges.ttl.
DEFINITIONS = "shacl/ranges.ttl"


def official_shapes() -> Graph:
    shapes = Graph()
    for name in OFFICIAL:
        shapes.parse(reference_file(name))
    definitions = Graph().parse(reference_file(DEFINITIONS))
    for shape, property_shape in list(shapes.subject_objects(SH.property)):
        if (property_shape, SH.path, None) in shapes:
            continue
        if (property_shape, SH.path, None) in definitions:
            for triple in definitions.triples((property_shape, None, None)):
                shapes.add(triple)
        else:  # defined nowhere: a dangling reference, nothing to check
            shapes.remove((shape, SH.property, property_shape))
    return shapes


def dazhou_shapes() -> Graph:
    return Graph().parse(SHAPES_FILE)


def violations(data: Graph, shapes: Graph) -> list[str]:
    """Each distinct violation (warnings and infos do not count) with how often it occurs."""
    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none")
    found: collections.Counter = collections.Counter()
    # top-level results only: the sh:detail of a Warning may hold nested Violations
    top = [r for report_node in report.subjects(SH.conforms, None)
           for r in report.objects(report_node, SH.result)]
    for result in top:
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        found[(str(report.value(result, SH.resultPath)),
               str(report.value(result, SH.resultMessage))[:200],
               str(report.value(result, SH.focusNode)))] += 1
    return [f"{count}x {path}: {message} (e.g. {node})"
            for (path, message, node), count in found.most_common()]
