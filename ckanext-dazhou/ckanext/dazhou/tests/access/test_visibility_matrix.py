"""Every role x every share/open combination x every door, against the real stack.

The expectation comes from the measures (see ckanext/dazhou/access/__init__.py), written
out here independently of the code under test.
"""
from __future__ import annotations

import itertools
import re

import pytest
from rdflib import Graph
from ckan.plugins import toolkit as tk
from ckan.tests import factories, helpers

from ckanext.dazhou.tests.factories import (
    as_user, create_dataset, create_department, department_user, site_context)

SHARE_TYPES = ("unconditional", "conditional", "none")
OPEN_TYPES = ("open", "conditional", "closed")
ROLES = ("anonymous", "public_user", "public_user_with_open_grant", "other_department",
         "granted_department", "owner_member", "owner_editor", "bureau", "sysadmin")


def sees_metadata(role: str, open_type: str) -> bool:
    if role in ("anonymous", "public_user", "public_user_with_open_grant"):
        return open_type in ("open", "conditional")
    return True


def uses_resources(role: str, share_type: str, open_type: str) -> bool:
    if role in ("owner_member", "owner_editor", "bureau", "sysadmin") or open_type == "open":
        return True
    if role == "public_user_with_open_grant" and open_type == "conditional":
        return True
    if role in ("other_department", "granted_department"):
        return share_type == "unconditional" or (
            share_type == "conditional" and role == "granted_department")
    return False


def url_of(name: str) -> str:
    return f"https://data.dazhou.gov.cn/files/{name}/data.csv"


def rdf_terms(turtle: str) -> set[str]:
    """Every URI and literal of an RDF document (prefixed names expanded)."""
    graph = Graph().parse(data=turtle, format="turtle")
    return {str(term) for triple in graph for term in triple}


def api_of(name: str) -> str:
    return f"https://data.dazhou.gov.cn/api/gateway/{name}/v1"


def build_world():
    owner_org = create_department()
    bureau_org = create_department(name="dz-dsjj")
    other_org, granted_org = create_department(), create_department()
    datasets = {}
    for share_type, open_type in itertools.product(SHARE_TYPES, OPEN_TYPES):
        name = f"m-{share_type}-{open_type}"
        fields = {"name": name, "title": f"矩阵{share_type}{open_type}", "owner_org": owner_org["id"],
                  "share_type": share_type, "open_type": open_type, "share_methods": ["api"],
                  "api_description": "按代码查询", "api_endpoint": api_of(name),
                  "resources": [{"name": "文件", "url": url_of(name), "format": "csv"}]}
        if share_type == "conditional":
            fields["share_conditions"] = "仅限政务用途"
        if share_type == "none":
            fields.update(non_share_basis_type="law", non_share_basis="《保守国家秘密法》")
        if open_type == "conditional":
            fields["open_conditions"] = "科研用途，签署协议"
        datasets[(share_type, open_type)] = create_dataset(**fields)
    users = {
        "public_user": factories.User(),
        "public_user_with_open_grant": factories.User(),
        "other_department": department_user(other_org, "editor"),
        "granted_department": department_user(granted_org, "member"),
        "owner_member": department_user(owner_org, "member"),
        "owner_editor": department_user(owner_org, "editor"),
        "bureau": department_user(bureau_org, "member"),
        "sysadmin": factories.Sysadmin(),
    }
    from ckanext.dazhou.access import grants
    from ckan import model
    for (share_type, open_type), dataset in datasets.items():
        if share_type == "conditional":
            grants.create("share", dataset["id"], "organization", granted_org["id"], "test")
        if open_type == "conditional":
            grants.create("open", dataset["id"], "user",
                          users["public_user_with_open_grant"]["id"], "test")
    model.Session.commit()
    tokens = {role: helpers.call_action("api_token_create", site_context(), user=u["name"],
                                        name="t")["token"] for role, u in users.items()}
    return {"datasets": datasets, "users": users, "tokens": tokens, "owner_org": owner_org}


@pytest.fixture
def world(clean_db, clean_index):
    """A world of its own, for a test that writes (the DataStore doors add tables)."""
    return build_world()


@pytest.fixture(scope="module")
def shared_world(fresh_site):
    """One world for the doors that only read (27 tests): built once, not once per role."""
    return build_world()


def context_for(world, role):
    return {"user": "", "ignore_auth": False} if role == "anonymous" else as_user(world["users"][role])


def headers_for(world, role):
    return {} if role == "anonymous" else {"Authorization": world["tokens"][role]}


@pytest.mark.usefixtures("with_plugins")
@pytest.mark.parametrize("role", ROLES)
def test_action_doors(shared_world, role):
    world = shared_world
    failures = []
    context = lambda: context_for(world, role)  # noqa: E731  fresh per call
    search = helpers.call_action("package_search", context(), rows=100, include_private=True,
                                 **{"facet.field": '["share_type", "open_type"]'})
    found = {d["name"]: d for d in search["results"]}
    expected_visible = {f"m-{s}-{o}" for s, o in world["datasets"] if sees_metadata(role, o)}
    if set(found) != expected_visible:
        failures.append(f"package_search: {sorted(found)} != {sorted(expected_visible)}")
    if search["count"] != len(expected_visible):
        failures.append(f"package_search count {search['count']}")
    facet_total = sum(i["count"] for i in search["search_facets"]["open_type"]["items"])
    if facet_total != len(expected_visible):
        failures.append(f"open_type facet counts total {facet_total}")
    org = helpers.call_action("organization_show", context(), id=world["owner_org"]["id"])
    if org["package_count"] != len(expected_visible):
        failures.append(f"organization_show package_count {org['package_count']}")
    orgs = helpers.call_action("organization_list", context(), all_fields=True)
    count = {o["name"]: o["package_count"] for o in orgs}[world["owner_org"]["name"]]
    if count != len(expected_visible):
        failures.append(f"organization_list package_count {count}")
    titles = {d["name"] for d in helpers.call_action("package_autocomplete", context(), q="m-")}
    if not titles <= expected_visible:
        failures.append(f"package_autocomplete leaks {sorted(titles - expected_visible)}")
    listed = set(helpers.call_action("package_list", context()))
    if not listed & {f"m-{s}-{o}" for s, o in world["datasets"]} <= expected_visible:
        failures.append("package_list leaks closed datasets")

    for (share_type, open_type), dataset in world["datasets"].items():
        label = f"{share_type}/{open_type}"
        visible, usable = sees_metadata(role, open_type), uses_resources(role, share_type, open_type)
        try:
            shown = helpers.call_action("package_show", context(), id=dataset["id"])
        except tk.ObjectNotFound:
            shown = None
        if (shown is not None) != visible:
            failures.append(f"{label} package_show visible={shown is not None}")
        if shown is not None:
            if (shown["resources"][0]["url"] == url_of(dataset["name"])) != usable:
                failures.append(f"{label} package_show resource url={shown['resources'][0]['url']!r}")
            if (shown["api_endpoint"] == api_of(dataset["name"])) != usable:
                failures.append(f"{label} package_show api_endpoint={shown['api_endpoint']!r}")
        in_search = found.get(dataset["name"])
        if in_search and (in_search["resources"][0]["url"] == url_of(dataset["name"])) != usable:
            failures.append(f"{label} package_search resource url leaked={not usable}")
        if in_search and (in_search.get("api_endpoint") == api_of(dataset["name"])) != usable:
            failures.append(f"{label} package_search api_endpoint leaked={not usable}")
        resource_id = dataset["resources"][0]["id"]
        try:
            helpers.call_action("resource_show", context(), id=resource_id)
            outcome = "ok"
        except tk.ObjectNotFound:
            outcome = "404"
        except tk.NotAuthorized:
            outcome = "403"
        expected = "ok" if usable and visible else ("403" if visible else "404")
        if outcome != expected:
            failures.append(f"{label} resource_show {outcome} (expected {expected})")
        try:
            activities = helpers.call_action("package_activity_list", context(), id=dataset["id"])
        except (tk.ObjectNotFound, tk.NotAuthorized):
            activities = None
        if (activities is not None) != visible:
            failures.append(f"{label} package_activity_list visible={activities is not None}")
        if activities and url_of(dataset["name"]) in repr(activities) and not usable:
            failures.append(f"{label} package_activity_list leaks the resource url")
    assert not failures, "\n".join(failures)


@pytest.mark.usefixtures("with_plugins")
@pytest.mark.parametrize("role", ROLES)
def test_web_doors(app, shared_world, role):
    world = shared_world
    failures = []
    headers = headers_for(world, role)
    for (share_type, open_type), dataset in world["datasets"].items():
        label = f"{share_type}/{open_type}"
        visible, usable = sees_metadata(role, open_type), uses_resources(role, share_type, open_type)
        page = app.get(f"/dataset/{dataset['name']}", headers=headers)
        if page.status_code != (200 if visible else 404):
            failures.append(f"{label} dataset page {page.status_code}")
        if visible and (url_of(dataset["name"]) in page.get_data(as_text=True)) != usable:
            failures.append(f"{label} dataset page shows url={not usable}")
        if visible and (api_of(dataset["name"]) in page.get_data(as_text=True)) != usable:
            failures.append(f"{label} dataset page shows api_endpoint={not usable}")
        resource_id = dataset["resources"][0]["id"]
        download = app.get(f"/dataset/{dataset['id']}/resource/{resource_id}/download",
                           headers=headers, follow_redirects=False)
        expected = (302 if usable else 403) if visible else 404
        if download.status_code != expected:
            failures.append(f"{label} download {download.status_code} (expected {expected})")
        ttl = app.get(f"/dataset/{dataset['name']}.ttl", headers=headers)
        if (ttl.status_code == 200) != visible:
            failures.append(f"{label} DCAT dataset {ttl.status_code}")
        terms = rdf_terms(ttl.get_data(as_text=True)) if ttl.status_code == 200 else set()
        if terms and (url_of(dataset["name"]) in terms) != usable:
            failures.append(f"{label} DCAT dataset shows url={not usable}")
        if terms and (api_of(dataset["name"]) in terms) != usable:
            failures.append(f"{label} DCAT dataset shows api_endpoint={not usable}")
    catalog = rdf_terms(app.get("/catalog.ttl", headers=headers).get_data(as_text=True))
    for (share_type, open_type), dataset in world["datasets"].items():
        visible_in_feed = open_type in ("open", "conditional")  # the public feed (issue: DCAT)
        if any(f"/dataset/{dataset['id']}" in term for term in catalog) and not visible_in_feed:
            failures.append(f"{share_type}/{open_type} in /catalog.ttl")
        for address in (url_of(dataset["name"]), api_of(dataset["name"])):
            if address in catalog and not uses_resources("anonymous", share_type, open_type):
                failures.append(f"{share_type}/{open_type} {address} in /catalog.ttl")
    org_page = app.get(f"/organization/{world['owner_org']['name']}", headers=headers)
    expected_count = sum(sees_metadata(role, o) for _s, o in world["datasets"])
    if not re.search(rf"找到\s*{expected_count}\s*[个条]", org_page.get_data(as_text=True)):
        failures.append(f"organization page does not show {expected_count} datasets")
    assert not failures, "\n".join(failures)


# --- doors that carry dataset data outside package_show/search (issue 11 §2) ---------------

RESTRICTED_FL = ("name,res_url,api_endpoint", "data_dict", "validated_data_dict", "*",
                 "name,extras_api_endpoint", "name,url")
RESTRICTED_FACETS = ("res_url", "api_endpoint", "extras_api_endpoint", "url")


def tag_of(dataset_name: str) -> str:
    return f"tag-{dataset_name}"


@pytest.fixture(scope="module")
def doors_world(shared_world):
    """The matrix world plus history: every dataset tagged, in a group and edited by its
    department (activities with the full stored dict), and one dataset that was open and is
    closed now (its old activities carry the public label from when it was open). Added to the
    shared world once, after the action and web doors (earlier in this file) have read it."""
    world = shared_world
    site = site_context()
    group = factories.Group()
    editor = world["users"]["owner_editor"]
    for dataset in world["datasets"].values():
        helpers.call_action("package_patch", as_user(editor), id=dataset["id"],
                            notes="已更新说明。", tag_string=tag_of(dataset["name"]))
        helpers.call_action("member_create", site, id=group["id"], object=dataset["id"],
                            object_type="package", capacity="public")
    was_open = create_dataset(
        name="m-was-open", title="曾开放", owner_org=world["owner_org"]["id"],
        share_type="unconditional", open_type="open",
        share_methods=["api"], api_description="按代码查询", api_endpoint=api_of("m-was-open"),
        resources=[{"name": "文件", "url": url_of("m-was-open"), "format": "csv"}])
    helpers.call_action("package_patch", as_user(editor), id=was_open["id"],
                        tag_string=tag_of("m-was-open"))
    helpers.call_action("package_patch", site, id=was_open["id"], open_type="closed")
    activities = {}
    for dataset in [*world["datasets"].values(), was_open]:
        listed = helpers.call_action("package_activity_list", site, id=dataset["id"],
                                     include_hidden_activity=True, limit=100)
        activities[dataset["id"]] = [a["id"] for a in listed]
    return {**world, "group": group, "was_open": was_open, "activities": activities}


def door_cases(doors_world):
    """(dataset, visible, usable) for the role, the changed dataset included (now closed)."""
    for (share_type, open_type), dataset in doors_world["datasets"].items():
        yield dataset, (share_type, open_type)
    yield doors_world["was_open"], ("unconditional", "closed")


class Probe:
    """Counts probes and leaks per door, so the matrix reports its coverage."""

    def __init__(self):
        self.probes, self.leaks = {}, []

    def check(self, door: str, leaked: bool, detail: str = "") -> None:
        self.probes[door] = self.probes.get(door, 0) + 1
        if leaked:
            self.leaks.append(f"{door}: {detail}")

    def report(self, role: str) -> str:
        by_door = {d: sum(1 for leak in self.leaks if leak.startswith(d + ":"))
                   for d in self.probes}
        return f"MATRIX {role} " + " ".join(
            f"{d}={n}/{by_door[d]}" for d, n in sorted(self.probes.items()))


def _call(name, context, **kwargs):
    """An action's answer, or the kind of refusal (None) / failure (a string)."""
    try:
        return helpers.call_action(name, context, **kwargs)
    except (tk.ObjectNotFound, tk.NotAuthorized, tk.ValidationError):
        return None
    except Exception as error:  # a 500 is a failure of its own (issue 11 §7)
        return f"error {type(error).__name__}: {error}"


def _secrets_in(answer, dataset) -> bool:
    text = repr(answer)
    return url_of(dataset["name"]) in text or api_of(dataset["name"]) in text


@pytest.mark.usefixtures("with_plugins")
@pytest.mark.parametrize("role", ROLES)
def test_data_doors(doors_world, role):
    world, probe = doors_world, Probe()
    context = lambda: context_for(world, role)  # noqa: E731  fresh per call
    cases = [(d, sees_metadata(role, o), uses_resources(role, s, o))
             for d, (s, o) in door_cases(world)]
    search_doors = {f"fl={fl}": {"fl": fl} for fl in RESTRICTED_FL}
    search_doors.update({f"facet.field={f}": {"facet.field": json_list(f)}
                         for f in RESTRICTED_FACETS})
    for door, params in search_doors.items():
        answer = _call("package_search", context(), q="name:m-*", rows=100,
                       include_private=True, **params)
        for dataset, _visible, usable in cases:
            probe.check(door, not usable and _secrets_in(answer, dataset), dataset["name"])
    for dataset, _visible, usable in cases:
        for door, params in (("q=res_url", {"q": f'res_url:"{url_of(dataset["name"])}"'}),
                             ("fq=api_endpoint",
                              {"fq": f'extras_api_endpoint:"{api_of(dataset["name"])}"'}),
                             ("qf=res_url", {"q": f'"{url_of(dataset["name"])}"',
                                             "qf": "res_url", "defType": "dismax"})):
            answer = _call("package_search", context(), rows=0, include_private=True, **params)
            found = isinstance(answer, dict) and answer["count"] > 0
            probe.check(door, found and not usable, f"{dataset['name']} found by its address")

    owner_org, editor = world["owner_org"], world["users"]["owner_editor"]
    streams = {
        "organization_activity_list": ("organization_activity_list", {"id": owner_org["id"]}),
        "group_activity_list": ("group_activity_list", {"id": world["group"]["id"]}),
        "user_activity_list": ("user_activity_list", {"id": editor["id"]}),
        "recently_changed_packages_activity_list":
            ("recently_changed_packages_activity_list", {}),
    }
    if role != "anonymous":
        streams["dashboard_activity_list"] = ("dashboard_activity_list", {})
    for door, (name, params) in streams.items():
        answer = _call(name, context(), limit=100, **params)
        for dataset, visible, usable in cases:
            listed = isinstance(answer, list) and any(
                a.get("object_id") == dataset["id"] for a in answer)
            probe.check(door, (listed and not visible) or
                        (not usable and _secrets_in(answer, dataset)), dataset["name"])
    for dataset, visible, usable in cases:
        for activity_id in world["activities"][dataset["id"]]:
            for door, name, params in (
                    ("activity_show", "activity_show", {"include_data": True}),
                    ("activity_show(no include_data)", "activity_show", {}),
                    ("activity_data_show", "activity_data_show", {}),
                    ("activity_diff", "activity_diff", {"object_type": "package"})):
                answer = _call(name, context(), id=activity_id, **params)
                failed = isinstance(answer, str)
                shown = answer is not None and not failed
                probe.check(door, failed or (shown and not visible) or
                            (not usable and _secrets_in(answer, dataset)),
                            f"{dataset['name']} {answer if failed else 'shown'}")

    tags = _call("tag_list", context()) or []
    completed = _call("tag_autocomplete", context(), q="tag-m") or []
    members = _call("member_list", context(), id=world["group"]["id"], object_type="package")
    org_members = _call("member_list", context(), id=owner_org["id"], object_type="package")
    group = _call("group_show", context(), id=world["group"]["id"], include_datasets=True)
    org = _call("organization_show", context(), id=owner_org["id"], include_datasets=True)
    for dataset, visible, usable in cases:
        tag = tag_of(dataset["name"])
        probe.check("tag_list", tag in tags and not visible, tag)
        probe.check("tag_autocomplete", tag in completed and not visible, tag)
        shown_tag = _call("tag_show", context(), id=tag, include_datasets=True)
        probe.check("tag_show", isinstance(shown_tag, str) or (
            shown_tag is not None and not visible) or
            (not usable and _secrets_in(shown_tag, dataset)), tag)
        for door, answer in (("member_list(group)", members),
                             ("member_list(organization)", org_members),
                             ("group_show", group), ("organization_show", org)):
            leaked = dataset["id"] in repr(answer) and not visible
            probe.check(door, leaked or (not usable and _secrets_in(answer, dataset)),
                        dataset["name"])
    print(probe.report(role))
    assert not probe.leaks, "\n".join(probe.leaks)


def json_list(value: str) -> str:
    return f'["{value}"]'


# --- DataStore doors (issue 15): search, info, SQL, dump, table preview ----------------------

@pytest.mark.usefixtures("with_plugins")
def test_datastore_doors(app, world):
    """One world for every role (the DataStore doors are many: one world per role would cost
    minutes); SQL that reaches other tables is tried on one usable and one unusable target."""
    from ckanext.dazhou.tests.access import datastore_matrix as dm

    views, leaks = dm.add_tables(world), []
    for role in ROLES:
        probe = dm.probe_role(app, world, views, role, context_for(world, role),
                              headers_for(world, role), sees_metadata, uses_resources, Probe())
        print(probe.report(role))
        leaks += [f"{role} {leak}" for leak in probe.leaks]
    assert not leaks, "\n".join(leaks)
