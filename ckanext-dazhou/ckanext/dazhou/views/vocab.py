"""/vocab/<scheme>.ttl and .jsonld: the controlled vocabularies, public and cacheable."""
from __future__ import annotations

import flask

import ckan.plugins.toolkit as tk

from dazhou_vocab import loader

vocab = flask.Blueprint("dazhou_vocab", __name__)

FORMATS = {"ttl": ("turtle", "text/turtle"), "jsonld": ("json-ld", "application/ld+json"),
           "rdf": ("xml", "application/rdf+xml")}


@vocab.route("/vocab/<scheme>.<fmt>")
def scheme_file(scheme: str, fmt: str):
    if fmt not in FORMATS or scheme not in loader.schemes():
        return tk.abort(404, tk._("Vocabulary not found"))
    rdf_format, mimetype = FORMATS[fmt]
    graph = loader.scheme_graph(scheme, tk.config.get("ckanext.dazhou.vocab_base_uri"))
    response = flask.make_response(graph.serialize(format=rdf_format))
    response.headers["Content-Type"] = f"{mimetype}; charset=utf-8"
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
