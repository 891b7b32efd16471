"""RDF that cannot occupy or turn the parser against the server (issue 11 §4).

- `refuse_unsafe(content, rdf_format)` before parsing a harvested page: a DTD or entity
  declaration in XML (billion laughs; RDF/XML never needs one) and JSON-LD that names a
  remote @context (rdflib would fetch it: a hop no URL check sees) are refused.
- `install()` makes rdflib's RDF/XML parser refuse DTDs and entity declarations itself
  (defusedxml's expat reader), whoever parses.
"""
from __future__ import annotations

import json
import re

from defusedxml.expatreader import DefusedExpatParser
from rdflib.plugins.parsers import rdfxml

_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class UnsafeRDF(ValueError):
    """The content is refused before parsing; str() says why, without quoting it."""


def _remote_contexts(node) -> bool:
    if isinstance(node, dict):
        context = node.get("@context")
        values = context if isinstance(context, list) else [context]
        if any(isinstance(value, str) for value in values):
            return True
        return any(_remote_contexts(value) for value in node.values())
    if isinstance(node, list):
        return any(_remote_contexts(value) for value in node)
    return False


def _xml(rdf_format: str | None) -> bool:
    """ckanext-dcat parses as RDF/XML when the format is unknown."""
    return not rdf_format or any(marker in rdf_format for marker in ("xml", "rdf", "trix"))


def refuse_unsafe(content: str, rdf_format: str | None) -> None:
    if _xml(rdf_format) and _DECLARATION.search(content.encode("utf-8")):
        raise UnsafeRDF("the document declares a DTD or entities, which are refused")
    if rdf_format and "json" in rdf_format:
        try:
            document = json.loads(content)
        except ValueError as error:
            raise UnsafeRDF(f"malformed JSON-LD ({type(error).__name__})") from None
        if _remote_contexts(document):
            raise UnsafeRDF("the JSON-LD names a remote @context, which is not fetched")


def _defused_parser():
    return DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)


def install() -> None:
    """rdflib's RDF/XML parser reads through defusedxml (create_parser builds the reader)."""
    if rdfxml.make_parser is not _defused_parser:
        rdfxml.make_parser = _defused_parser
