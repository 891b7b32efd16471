"""The DCAT graph cache (profiles/graph_cache.py): the same triples as without it, and never
what an audience may not see: a change of the dataset, its access or its department shows at
once, cached or not."""
from __future__ import annotations

import pytest
from ckan.lib.redis import connect_to_redis
from ckan.tests import helpers
from ckanext.dazhou.profiles import departments, graph_cache
from ckanext.dazhou.tests.dcat.test_feeds import graph_of, names_in, url_of, world  # noqa: F401
from ckanext.dazhou.tests.factories import department_user, site_context
from rdflib.compare import isomorphic

pytestmark = [pytest.mark.ckan_config("ckanext.dazhou.dcat_cache_seconds", "600")]


@pytest.fixture(autouse=True)
def _empty_cache(reset_redis):
    """Entries of earlier tests or runs (they live 600 s) would be counted."""
    reset_redis(graph_cache.PREFIX + "*")


def cached_entries() -> int:
    return sum(1 for _key in connect_to_redis().scan_iter(graph_cache.PREFIX + "*"))


def test_a_cached_page_is_the_graph_built_without_cache(app, world, monkeypatch, ckan_config):
    first = graph_of(app.get("/catalog.ttl"))
    assert cached_entries() == 2
    cached = graph_of(app.get("/catalog.ttl"))
    monkeypatch.setitem(ckan_config, "ckanext.dazhou.dcat_cache_seconds", "0")
    built = graph_of(app.get("/catalog.ttl"))
    assert isomorphic(first, cached) and isomorphic(cached, built)
    assert len(cached) == len(built) > 100


def test_a_closed_dataset_leaves_the_anonymous_page_at_once(app, world):
    name = "f-unconditional-open"
    assert name in names_in(graph_of(app.get("/catalog.ttl")))
    helpers.call_action("package_patch", site_context(), id=name, open_type="closed")
    page = app.get("/catalog.ttl")
    assert name not in names_in(graph_of(page))
    assert url_of(name) not in page.get_data(as_text=True)


def test_audiences_never_share_entries(app, world):
    """The same datasets for another department's member (URLs only where usable) and a
    member of the owning department (every URL)."""
    owner = department_user(helpers.call_action("organization_show", site_context(),
                                                id="dz-owner"), "member")
    token = helpers.call_action("api_token_create", site_context(), user=owner["name"],
                                name="t")["token"]
    department = {"Authorization": world["tokens"]["department"]}
    for _twice in range(2):
        other = app.get("/catalog/gov.ttl", headers=department).get_data(as_text=True)
        assert url_of("f-none-closed") not in other
        full = app.get("/catalog/gov.ttl", headers={"Authorization": token}).get_data(
            as_text=True)
        assert url_of("f-none-closed") in full


def test_a_department_change_shows_in_cached_pages(app, world):
    graph_of(app.get("/catalog.ttl"))
    helpers.call_action("organization_patch", site_context(), id="dz-owner", title="新名称局")
    departments.forget()
    assert "新名称局" in app.get("/catalog.ttl").get_data(as_text=True)


def test_the_export_joined_from_the_cache_is_the_export_built(world, tmp_path, monkeypatch,
                                                              ckan_config):
    """The file export's N-Triples pages joined from cached text (feeds/serialize.py) hold the
    triples of the pages built as graphs, cold and warm."""
    from ckanext.dazhou.feeds.audience import public_context
    from ckanext.dazhou.feeds.export import export
    from rdflib import Graph

    def exported(name):
        export(dict(public_context()), tmp_path / name, fmt="ttl", rows=1)
        return Graph().parse(tmp_path / name, format="turtle")

    before = cached_entries()
    cold = exported("cold.ttl")
    assert cached_entries() == before + 2  # the two public datasets
    warm = exported("warm.ttl")
    assert cached_entries() == before + 2
    monkeypatch.setitem(ckan_config, "ckanext.dazhou.dcat_cache_seconds", "0")
    built = exported("built.ttl")
    assert isomorphic(cold, built) and isomorphic(warm, built) and len(built) > 100
