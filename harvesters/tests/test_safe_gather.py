"""Harvesting that cannot be turned against the server (issue 11 §4), against a real local
feed server: no local files or private hosts on any hop, nothing received echoed into the
errors the department reads, entity expansion refused, cut-short pages make a partial gather
(nothing deleted), and time limits per page and per gather."""
from __future__ import annotations

import json
import time

import province_feed as feed
import pytest
import rdflib
from ckan import model
from ckanext.harvest.model import HarvestSource
from test_province_harvest import (  # noqa: F401 - province is a fixture
    gather_errors,
    harvest,
    harvested_names,
    make_source,
    object_errors,
    province,
    serve_two_pages,
)

SECRET = "s3cret-do-not-echo"

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "lollollollollollollollollollollollollollollollollollollollollollollollol">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/">
  <dcat:Dataset rdf:about="https://province.example.gov.cn/dataset/lol">
    <dct:title>&f;</dct:title>
  </dcat:Dataset>
</rdf:RDF>
"""


def redirect_to(location):
    def answer(handler):
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    return answer


def cut_chunked(body: str):
    """A chunked body whose connection closes in the middle of a chunk."""
    def answer(handler):
        data = body.encode("utf-8")
        handler.protocol_version = "HTTP/1.1"
        handler.send_response(200)
        handler.send_header("Content-Type", "text/turtle")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        handler.wfile.write(f"{len(data) + 500:x}\r\n".encode() + data)
        handler.wfile.flush()
        handler.close_connection = True
    return answer


def closed_early(body: str, declared: int | None = None):
    """The body, then the connection closed (with or without a Content-Length)."""
    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/turtle")
        if declared:
            handler.send_header("Content-Length", str(declared))
        handler.end_headers()
        handler.wfile.write(body.encode("utf-8"))
        handler.close_connection = True
    return answer


def slow_drip(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/turtle")
    handler.end_headers()
    try:
        for _ in range(20):
            handler.wfile.write(b"# still coming\n")
            handler.wfile.flush()
            time.sleep(0.5)
    except OSError:
        pass  # the harvester hung up


def readable_errors(job) -> str:
    return "\n".join(gather_errors(job) + object_errors(job))


def harvested_three(server, province):
    serve_two_pages(server)
    source = make_source(server, province)
    harvest(source)
    assert len(harvested_names(source)) == 3
    return source


def point_source_at(source, url):
    """A source saved before URLs were checked (the check on saving refuses these)."""
    row = model.Session.get(HarvestSource, source.id)
    row.url = url
    package = model.Package.get(source.id)
    package.url = url
    model.Session.commit()


class TestNoLocalOrPrivateHop:
    @pytest.mark.parametrize("url", ["/etc/passwd", "file:///etc/passwd",
                                     "/proc/self/environ"])
    def test_a_local_path_as_source_url_is_never_read(self, server, province, url):
        source = harvested_three(server, province)
        point_source_at(source, url)
        job, _results = harvest(source)
        errors = readable_errors(job)
        assert "only http and https" in errors
        assert "root:" not in errors and "PATH=" not in errors
        assert len(harvested_names(source)) == 3  # nothing deleted

    def test_a_next_page_that_is_a_path_is_never_read(self, server, province, tmp_path):
        secret = tmp_path / "api-token"
        secret.write_text(f"@prefix x: <{SECRET}> .")
        server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(1)], str(secret)))
        job, _results = harvest(make_source(server, province))
        errors = readable_errors(job)
        assert "only http and https" in errors and SECRET not in errors

    @pytest.mark.parametrize("location", [
        "http://127.0.0.1:8983/solr/admin/info/system", "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/", "http://[::1]:8983/solr/"])
    def test_a_redirect_to_a_private_address_or_file_is_refused(self, server, province,
                                                               location):
        source = harvested_three(server, province)
        server.routes["/catalog.ttl"] = redirect_to(location)
        job, _results = harvest(source)
        errors = readable_errors(job)
        assert "refused" in errors and "solr" not in errors.replace(location, "")
        assert len(harvested_names(source)) == 3

    def test_a_redirect_to_the_allowed_server_is_followed(self, server, province):
        server.routes["/catalog.ttl"] = redirect_to(f"{server.url}/moved.ttl")
        server.routes["/moved.ttl"] = (200, feed.page([feed.dataset(1)]))
        job, results = harvest(make_source(server, province))
        assert not gather_errors(job) and len(results) == 1


class TestNothingReceivedIsEchoed:
    @pytest.mark.parametrize("body", [f"@prefix broken <<< {SECRET} .",
                                      f"<rdf:RDF>{SECRET}</oops>"])
    def test_a_parse_error_names_the_failure_not_the_content(self, server, province, body):
        server.routes["/catalog.ttl"] = (200, body)
        job, _results = harvest(make_source(server, province))
        errors = readable_errors(job)
        assert "could not be parsed" in errors and SECRET not in errors

    def test_an_http_error_says_status_and_type(self, server, province):
        server.routes["/catalog.ttl"] = (500, f"stack trace with {SECRET}")
        job, _results = harvest(make_source(server, province))
        errors = readable_errors(job)
        assert "HTTP 500" in errors and SECRET not in errors


class TestEntityExpansion:
    def test_billion_laughs_is_refused_before_parsing(self, server, province):
        server.routes["/catalog.ttl"] = lambda h: closed_early(BILLION_LAUGHS)(h)
        source = make_source(server, province, {"rdf_format": "xml"})
        started = time.monotonic()
        job, results = harvest(source)
        assert time.monotonic() - started < 10
        assert "DTD" in readable_errors(job) and not results

    def test_rdflibs_xml_parser_never_expands_entities(self, with_plugins):
        started = time.monotonic()
        with pytest.raises(Exception) as raised:
            rdflib.Graph().parse(data=BILLION_LAUGHS, format="xml")
        assert "DTD" in type(raised.value).__name__ or "Forbidden" in type(raised.value).__name__
        assert time.monotonic() - started < 2


class TestCutShortPagesDeleteNothing:
    @pytest.mark.parametrize("fault", ["chunked_cut", "content_length_cut",
                                       "closed_without_length", "next_page_missing",
                                       "total_items_short", "repeated_page"])
    def test_partial_gather(self, server, province, fault):
        source = harvested_three(server, province)
        one = feed.page([feed.dataset(1)])
        announced = one + "\n[] a hydra:PagedCollection ; hydra:totalItems 3 ."
        if fault == "chunked_cut":
            server.routes["/catalog.ttl"] = cut_chunked(one)
        elif fault == "content_length_cut":
            server.routes["/catalog.ttl"] = closed_early(one, declared=len(one.encode()) + 900)
        elif fault == "closed_without_length":  # 1 of the 3 announced arrived
            server.routes["/catalog.ttl"] = closed_early(announced)
        elif fault == "next_page_missing":
            server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(1)],
                                                            f"{server.url}/catalog.ttl?page=2"))
            server.routes["/catalog.ttl?page=2"] = (404, "not found")
        elif fault == "total_items_short":
            server.routes["/catalog.ttl"] = (200, announced)
        elif fault == "repeated_page":
            server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(1)],
                                                            f"{server.url}/catalog.ttl"))
        job, _results = harvest(source)
        assert gather_errors(job), fault
        assert len(harvested_names(source)) == 3, fault

    def test_a_complete_announced_gather_still_deletes(self, server, province):
        source = harvested_three(server, province)
        server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(1), feed.dataset(2)])
                                         + "\n[] a hydra:PagedCollection ; hydra:totalItems 2 .")
        job, _results = harvest(source)
        assert not gather_errors(job)
        assert len(harvested_names(source)) == 2


class TestTimeLimits:
    @pytest.mark.ckan_config("ckanext.dazhou.harvest.fetch_time_limit", 2)
    def test_a_slow_drip_page_is_cut_off(self, server, province):
        source = harvested_three(server, province)
        server.routes["/catalog.ttl"] = slow_drip
        started = time.monotonic()
        job, _results = harvest(source)
        assert time.monotonic() - started < 8
        assert "time limit" in readable_errors(job)
        assert len(harvested_names(source)) == 3

    @pytest.mark.ckan_config("ckanext.dazhou.harvest.gather_time_limit", 4)
    def test_the_whole_gather_has_a_time_limit(self, server, province):
        source = harvested_three(server, province)
        # endless paging, each page slow (the server sleeps 3 s on /slow)
        server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(1)],
                                                        f"{server.url}/slow/1"))
        for n in range(1, 10):
            server.routes[f"/slow/{n}"] = (200, feed.page([feed.dataset(n + 1)],
                                                          f"{server.url}/slow/{n + 1}"))
        started = time.monotonic()
        job, _results = harvest(source)
        assert time.monotonic() - started < 12
        assert "time limit" in readable_errors(job)
        assert len(harvested_names(source)) >= 3


class TestJsonLdContexts:
    def test_a_remote_context_is_never_fetched(self, server, province):
        """rdflib would fetch a remote @context itself: a hop no URL check sees."""
        server.routes["/catalog.ttl"] = (200, json.dumps({
            "@context": f"{server.url}/context.jsonld",
            "@id": "https://province.example.gov.cn/dataset/p-1", "@type": "dcat:Dataset"}))
        server.routes["/context.jsonld"] = (200, json.dumps({"@context": {}}))
        job, results = harvest(make_source(server, province, {"rdf_format": "json-ld"}))
        assert "remote @context" in readable_errors(job) and not results
        assert "/context.jsonld" not in server.requested
