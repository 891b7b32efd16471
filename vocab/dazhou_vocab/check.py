"""Checks the vocabulary files: what `ckan dazhou vocab check` runs.

Each file holds exactly one skos:ConceptScheme under the base URI; every concept is in it,
has one skos:notation, one prefLabel in zh and one in en; keys, notations and labels are
unique within the scheme; every skos:broader points at a concept of the same scheme.
Search vocabularies (a name containing "synonym") name no code, so they need no notation or
English label; instead each label, preferred, alternative or hidden, belongs to one concept only.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS

from dazhou_vocab.loader import DEFAULT_BASE_URI, SCHEMES_DIR


def _problems_in(path: Path) -> list[str]:
    try:
        graph = Graph().parse(path, format="turtle")
    except Exception as error:  # rdflib raises many parser error types
        return [f"{path.name}: not valid Turtle: {error}"]
    schemes = list(graph.subjects(RDF.type, SKOS.ConceptScheme))
    if len(schemes) != 1:
        return [f"{path.name}: expected one skos:ConceptScheme, found {len(schemes)}"]
    scheme = schemes[0]
    problems = []
    if str(scheme) != DEFAULT_BASE_URI + path.stem:
        problems.append(f"{path.name}: scheme URI {scheme} should be {DEFAULT_BASE_URI}{path.stem}")
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    members = set(graph.subjects(SKOS.inScheme, scheme))
    for stray in sorted(concepts - members):
        problems.append(f"{path.name}: {stray} is a skos:Concept outside the scheme")
    if "synonym" in path.stem:
        return problems + _synonym_problems(path.name, graph, members)
    notations, labels = Counter(), Counter()
    for concept in sorted(members):
        name = f"{path.name}: {concept}"
        if not str(concept).startswith(str(scheme) + "/"):
            problems.append(f"{name}: URI not under {scheme}/")
        found = [str(n) for n in graph.objects(concept, SKOS.notation)]
        if len(found) != 1 or not found[0].strip():
            problems.append(f"{name}: needs exactly one skos:notation, has {len(found)}")
        notations.update(found)
        for lang in ("zh", "en"):
            values = [v for v in graph.objects(concept, SKOS.prefLabel)
                      if isinstance(v, Literal) and v.language == lang and str(v).strip()]
            if len(values) != 1:
                problems.append(f"{name}: needs one skos:prefLabel in @{lang}, has {len(values)}")
            labels.update((lang, str(v)) for v in values)
        for parent in graph.objects(concept, SKOS.broader):
            if parent not in members:
                problems.append(f"{name}: skos:broader {parent} is not a concept of this scheme")
    problems += [f"{path.name}: notation {n!r} used {c} times" for n, c in notations.items() if c > 1]
    problems += [f"{path.name}: label {label!r}@{lang} used {c} times"
                 for (lang, label), c in labels.items() if c > 1]
    return problems


def _synonym_problems(name: str, graph: Graph, members: set) -> list[str]:
    problems, owners = [], {}
    for concept in sorted(members):
        where = f"{name}: {concept}"
        prefs = [v for v in graph.objects(concept, SKOS.prefLabel)
                 if isinstance(v, Literal) and v.language == "zh" and str(v).strip()]
        if len(prefs) != 1:
            problems.append(f"{where}: needs one skos:prefLabel in @zh, has {len(prefs)}")
        labels = [str(v).strip() for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
                  for v in graph.objects(concept, p) if isinstance(v, Literal) and v.language != "en"]
        for label, count in Counter(labels).items():
            if count > 1:
                problems.append(f"{where}: label {label!r} given {count} times")
        for label in set(labels):
            if not label:
                problems.append(f"{where}: empty label")
            elif label in owners:
                problems.append(f"{name}: label {label!r} belongs to two concepts: "
                                f"{owners[label]} and {concept}")
            else:
                owners[label] = concept
        for link in (SKOS.broader, SKOS.narrower):
            for other in graph.objects(concept, link):
                if other not in members:
                    problems.append(f"{where}: {link.n3(graph.namespace_manager)} {other} "
                                    "is not a concept of this scheme")
    return problems


def check(directory: Path = SCHEMES_DIR) -> list[str]:
    """Every problem found in the directory's *.ttl files (empty when all is well)."""
    files = sorted(Path(directory).glob("*.ttl"))
    if not files:
        return [f"{directory}: no *.ttl vocabulary files"]
    return [problem for path in files for problem in _problems_in(path)]
