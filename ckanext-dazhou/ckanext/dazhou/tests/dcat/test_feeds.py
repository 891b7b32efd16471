"""The public and government feeds: who sees what, pages, modified_since, the file export."""
from __future__ import annotations

import datetime as dt

import pytest
from ckan import model
from ckan.tests import factories, helpers
from ckanext.dazhou.profiles import departments
from ckanext.dazhou.profiles.namespace import DZ
from ckanext.dazhou.tests.factories import (
    create_dataset,
    create_department,
    department_user,
    site_context,
)
from ckanext.dcat.profiles import DCAT, RDF
from rdflib import Graph, Namespace

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")


def url_of(name):
    return f"https://files.example.gov.cn/{name}/data.csv"


@pytest.fixture
def world(with_plugins, clean_db, clean_index):
    owner = create_department(name="dz-owner")
    create_department(name="dz-dsjj")
    other = create_department(name="dz-other")
    departments.forget()
    datasets = {}
    for share_type, open_type in (("unconditional", "open"), ("conditional", "conditional"),
                                  ("none", "closed"), ("unconditional", "closed")):
        name = f"f-{share_type}-{open_type}"
        fields = {"name": name, "owner_org": owner["id"], "share_type": share_type,
                  "open_type": open_type, "share_methods": ["api", "file"],
                  "api_endpoint": f"https://api.example.gov.cn/{name}",
                  "api_description": "HTTPS+JSON",
                  "resources": [{"name": "文件", "url": url_of(name), "format": "csv"}]}
        if share_type == "conditional":
            fields["share_conditions"] = "仅限政务用途"
        if share_type == "none":
            fields.update(non_share_basis_type="law", non_share_basis="《保守国家秘密法》")
        if open_type == "conditional":
            fields["open_conditions"] = "科研用途"
        datasets[name] = create_dataset(**fields)
    users = {"public": factories.User(), "department": department_user(other, "member")}
    tokens = {role: helpers.call_action("api_token_create", site_context(), user=u["name"],
                                        name="t")["token"] for role, u in users.items()}
    return {"datasets": datasets, "users": users, "tokens": tokens}


def graph_of(response, fmt="turtle"):
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return Graph().parse(data=response.get_data(as_text=True), format=fmt)


def names_in(graph):
    return {str(p).rsplit("/", 1)[-1] for d in graph.subjects(RDF.type, DCAT.Dataset)
            for p in graph.objects(d, DCAT.landingPage)}


class TestPublicFeed:
    @pytest.mark.parametrize("role", ["anonymous", "public", "department"])
    def test_is_the_same_for_every_caller(self, app, world, role):
        headers = {"Authorization": world["tokens"][role]} if role != "anonymous" else {}
        graph = graph_of(app.get("/catalog.ttl", headers=headers))
        assert names_in(graph) == {"f-unconditional-open", "f-conditional-conditional"}
        text = graph.serialize(format="turtle")
        assert url_of("f-unconditional-open") in text
        assert url_of("f-conditional-conditional") not in text
        assert "https://api.example.gov.cn/f-conditional-conditional" not in text


class TestGovernmentFeed:
    def test_needs_a_token(self, app, world):
        assert app.get("/catalog/gov.ttl").status_code == 401

    def test_refuses_the_public(self, app, world):
        response = app.get("/catalog/gov.ttl", headers={"Authorization": world["tokens"]["public"]})
        assert response.status_code == 403

    def test_lists_every_cataloged_dataset_with_share_attributes(self, app, world):
        headers = {"Authorization": world["tokens"]["department"]}
        graph = graph_of(app.get("/catalog/gov.ttl", headers=headers))
        assert names_in(graph) == set(world["datasets"])
        assert len(set(graph.objects(None, DZ.shareType))) == 3
        text = graph.serialize(format="turtle")
        # another department may use unconditional and open data, nothing else without a grant
        for name in world["datasets"]:
            usable = name.startswith("f-unconditional")
            assert (url_of(name) in text) == usable, name
            assert (f"https://api.example.gov.cn/{name}" in text) == usable, name

    @pytest.mark.ckan_config("ckanext.dcat.datasets_per_page", "3")
    def test_is_paged_with_hydra(self, app, world):
        headers = {"Authorization": world["tokens"]["department"]}
        first = graph_of(app.get("/catalog/gov.ttl", headers=headers))
        next_page = str(next(first.objects(None, HYDRA.next)))
        assert next(first.objects(None, HYDRA.totalItems)).toPython() == 4
        second = graph_of(app.get(next_page.replace("http://test.ckan.net", ""), headers=headers))
        assert len(names_in(first)) == 3 and len(names_in(second)) == 1
        assert names_in(first) | names_in(second) == set(world["datasets"])

    def test_modified_since(self, app, world):
        headers = {"Authorization": world["tokens"]["department"]}
        later = (dt.datetime.utcnow() + dt.timedelta(minutes=5)).isoformat()
        graph = graph_of(app.get(f"/catalog/gov.ttl?modified_since={later}", headers=headers))
        assert names_in(graph) == set()
        earlier = (dt.datetime.utcnow() - dt.timedelta(hours=1)).isoformat()
        graph = graph_of(app.get(f"/catalog/gov.ttl?modified_since={earlier}", headers=headers))
        assert names_in(graph) == set(world["datasets"])

    def test_rejects_a_bad_date(self, app, world):
        headers = {"Authorization": world["tokens"]["department"]}
        assert app.get("/catalog/gov.ttl?modified_since=soon", headers=headers).status_code == 400


class TestExport:
    @pytest.mark.parametrize("fmt,rdflib_format", [("ttl", "turtle"), ("nt", "nt"),
                                                   ("jsonld", "json-ld")])
    def test_writes_the_public_feed_page_by_page(self, cli, ckan_config, world, tmp_path,
                                                 fmt, rdflib_format):
        from ckan.cli.cli import ckan as ckan_command
        out = tmp_path / f"catalog.{fmt}"
        result = cli.invoke(ckan_command, ["dazhou", "dcat", "export", str(out),
                                           "--format", fmt, "--rows", "1"])
        assert result.exit_code == 0, result.output
        graph = Graph().parse(out, format=rdflib_format)
        assert names_in(graph) == {"f-unconditional-open", "f-conditional-conditional"}
        assert url_of("f-conditional-conditional") not in out.read_text()

    def test_pages_by_cursor_so_a_deletion_shifts_nothing(self, world):
        """Keyset paging (after the last id), not offsets: deleting a dataset already written
        would make `start=1` skip the next one."""
        from ckanext.dazhou.feeds import paging
        pages = paging.all_pages(site_context(), rows=1)
        seen = [d["id"] for d in next(pages)]
        helpers.call_action("package_delete", site_context(), id=seen[0])
        seen += [d["id"] for page in pages for d in page]
        expected = sorted(d["id"] for d in world["datasets"].values())
        assert seen == expected

    def test_gov_feed_as_a_department(self, cli, world, tmp_path):
        from ckan.cli.cli import ckan as ckan_command
        out = tmp_path / "gov.ttl"
        user = world["users"]["department"]["name"]
        result = cli.invoke(ckan_command, ["dazhou", "dcat", "export", str(out), "--feed", "gov",
                                           "--user", user, "--rows", "2"])
        assert result.exit_code == 0, result.output
        graph = Graph().parse(out)
        assert names_in(graph) == set(world["datasets"])
        assert url_of("f-none-closed") not in out.read_text()
        assert model.Session is not None


@pytest.mark.usefixtures("with_plugins")
def test_the_dazhou_shapes_are_published(app):
    response = app.get("/vocab/shapes/dazhou-shapes.ttl")
    assert response.status_code == 200
    assert len(Graph().parse(data=response.get_data(as_text=True), format="turtle")) > 100
