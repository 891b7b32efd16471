"""Harvest source URLs: only public http(s), checked when a source is saved (issue 11 §4)."""
from __future__ import annotations

import json

import pytest
from ckan import model
from ckan.plugins import toolkit as tk
from ckan.tests import helpers
from ckanext.dazhou.profiles import departments
from ckanext.dazhou.tests.factories import create_department, site_context
from dazhou_harvesters import safe_urls

REFUSED = [
    "/etc/passwd", "file:///etc/passwd", "ftp://example.org/feed.ttl", "gopher://x/",
    "http://127.0.0.1:8983/solr/admin/cores", "http://127.8.9.1/", "http://localhost/",
    "http://0.0.0.0/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://[::]/",
    "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/",
    "http://10.0.0.1/", "http://172.16.0.1/", "http://172.31.255.254/", "http://192.168.1.1/",
    "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[::ffff:10.0.0.1]/",
    "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.0.0.1/", "http://017700000001/",
    "http://user:secret@example.org/", "http:///nohost", "javascript:alert(1)",
]


@pytest.mark.parametrize("url", REFUSED)
def test_refuses_local_private_and_non_web_urls(url):
    with pytest.raises(safe_urls.UnsafeURL):
        safe_urls.check(url)


@pytest.mark.parametrize("url", ["http://93.184.215.14/feed.ttl", "https://1.1.1.1/catalog"])
def test_accepts_public_addresses(url):
    safe_urls.check(url)


@pytest.mark.ckan_config(safe_urls.ALLOWED_HOSTS, "127.0.0.1:8123 10.20.0.0/16")
def test_the_allowlist_opens_exactly_what_it_lists():
    safe_urls.check("http://127.0.0.1:8123/feed.ttl")
    safe_urls.check("http://10.20.3.4/feed.ttl")
    for url in ("http://127.0.0.1:8983/solr/", "http://10.21.0.1/", "file:///etc/passwd"):
        with pytest.raises(safe_urls.UnsafeURL):
            safe_urls.check(url)


@pytest.fixture
def province(with_plugins, clean_db, with_request_context):
    departments.forget()
    return create_department(name="sc-province", department_code="51000000")


def _create(province, url, **extra):
    return helpers.call_action(
        "harvest_source_create", site_context(), name="province-feed", title="省级目录",
        url=url, source_type="dazhou_province", owner_org=province["id"],
        config=json.dumps({}), **extra)


class TestSourcesRefuseUnsafeURLs:
    @pytest.mark.parametrize("url", ["/work/main/.dev/api-token", "file:///proc/self/environ",
                                     "http://127.0.0.1:8983/solr/admin/info/system",
                                     "http://[::ffff:169.254.169.254]/"])
    def test_on_creation_keyed_url_in_chinese(self, province, url):
        with pytest.raises(tk.ValidationError) as raised:
            _create(province, url)
        assert list(raised.value.error_dict) == ["url"]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in raised.value.error_dict["url"][0])
        assert model.Session.query(model.Package).filter_by(type="harvest").count() == 0

    def test_on_update_patch_and_package_update(self, province, server):
        source = _create(province, f"{server.url}/catalog.ttl")
        for action in ("harvest_source_patch", "package_patch"):
            with pytest.raises(tk.ValidationError) as raised:
                helpers.call_action(action, site_context(), id=source["id"],
                                    url="http://192.168.0.10/catalog.ttl")
            assert "url" in raised.value.error_dict, action
        shown = helpers.call_action("harvest_source_show", site_context(), id=source["id"])
        assert shown["url"] == f"{server.url}/catalog.ttl"


class TestConnectionsAreCheckedWhereTheyLand:
    """The harvest session checks the connected socket's address too, so a host name that
    resolves differently after safe_urls.check (DNS rebinding) still cannot reach a private
    address."""

    def test_a_private_peer_is_refused_by_the_session_itself(self):
        import province_feed as feed
        import requests
        from dazhou_harvesters import http

        local = feed.FeedServer()  # not on the allowlist
        try:
            local.routes["/x"] = (200, "secret")
            with pytest.raises(requests.exceptions.ConnectionError) as raised:
                http.with_timeout(requests.Session(), 5).get(f"{local.url}/x")
            assert isinstance(http.refusal_in(raised.value), safe_urls.UnsafeURL)
            assert local.requested == []  # refused before a byte was sent
        finally:
            local.close()

    def test_an_allowed_peer_is_reached(self, server):
        import requests
        from dazhou_harvesters import http

        server.routes["/x"] = (200, "ok")
        assert http.with_timeout(requests.Session(), 5).get(f"{server.url}/x").text == "ok"
