"""RDF/XML that round-trips rdf:Lists of literals (`dzv:relatedResourceCodes`).

ckanext-dcat writes `.rdf` with rdflib's `pretty-xml`, which writes every rdf:List as
`rdf:parseType="Collection"`: RDF/XML allows only resources there, so literals came back
as relative IRIs (or the list empty). For a graph with such a list we write plain RDF/XML
(rdf:first/rdf:rest spelled out), valid for every parser; other graphs stay pretty.
"""
from __future__ import annotations

from rdflib import Literal, plugin
from rdflib.namespace import RDF
from rdflib.plugins.serializers.rdfxml import PrettyXMLSerializer, XMLSerializer
from rdflib.serializer import Serializer


class ListSafePrettyXMLSerializer(PrettyXMLSerializer):
    def serialize(self, stream, base=None, encoding=None, **kwargs):
        if any(isinstance(item, Literal) for item in self.store.objects(None, RDF.first)):
            return XMLSerializer(self.store).serialize(stream, base=base, encoding=encoding,
                                                       **kwargs)
        return super().serialize(stream, base=base, encoding=encoding, **kwargs)


def install() -> None:
    plugin.register("pretty-xml", Serializer, __name__, "ListSafePrettyXMLSerializer")
