"""One data, one source (Art. 14): a harvested authoritative claim on an item a local dataset
owns becomes one conflict listed for the bureau, not a second authoritative source."""
from __future__ import annotations

import json

import province_feed as feed
import pytest
import sqlalchemy as sa
from ckan import model
from ckan.plugins import toolkit as tk
from ckan.tests import factories, helpers
from ckanext.dazhou.model import AuthoritativeItem, HarvestConflict
from ckanext.dazhou.profiles import departments
from ckanext.dazhou.tests.factories import (
    as_user,
    create_dataset,
    create_department,
    department_user,
    site_context,
)
from ckanext.dazhou.tests.ui_workflows.pages import csrf, headers
from ckanext.harvest.model import HarvestObject
from test_province_harvest import harvest, make_source, object_errors

ITEM, CODE = "省级信息项", "DE00001"  # feed.dataset(1, authoritative_item=ITEM) claims DE00001
PAGE = "/dashboard/harvest-conflicts"


@pytest.fixture
def world(with_plugins, clean_db, clean_index, server):
    departments.forget()
    province = create_department(name="sc-province", department_code="51000000")
    owner_org, other_org = create_department(title="市人社局"), create_department(title="市公安局")
    local = create_dataset(
        name="local-authority", title="本地权威数据集", owner_org=owner_org["id"],
        data_items=[{"name": ITEM, "code": CODE, "data_type": "C", "authoritative": True}])
    server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(1, authoritative_item=ITEM)]))
    return {
        "source": make_source(server, province), "local": local, "owner_org": owner_org,
        "owner": department_user(owner_org, "editor"),
        "other": department_user(other_org, "member"),
        "bureau": department_user(create_department(name="dz-dsjj"), "member"),
    }


def rows() -> list[HarvestConflict]:
    model.Session.expire_all()
    return list(model.Session.scalars(sa.select(HarvestConflict)))


def the_row() -> HarvestConflict:
    found = rows()
    assert len(found) == 1
    return found[0]


def listed(user, **filters) -> dict:
    return helpers.call_action("dazhou_harvest_conflict_list", as_user(user), **filters)


def stop_claiming(server):
    server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(1)]))


def harvest_incrementally(source, server):
    """An incremental run deletes nothing, so only the record's own update can clear a row."""
    source.config = json.dumps({"incremental": True})
    source.save()
    server.routes["/catalog.ttl?modified_since=*"] = server.routes["/catalog.ttl"]
    harvest(source)


class TestRecording:
    def test_a_claim_becomes_one_open_conflict_and_no_second_owner(self, world):
        job, results = harvest(world["source"])
        assert any("one data one source" in e for e in object_errors(job))  # still in the report
        harvested = next(iter(results.values()))["dataset"]
        assert harvested["data_items"][0]["authoritative"] is False
        row = the_row()
        assert row.state == "open" and row.item_name == ITEM and row.item_code == CODE
        assert row.identity == f"code:{CODE}"
        assert row.original_uri == "https://province.example.gov.cn/dataset/p-1"
        assert row.harvested_package_id == harvested["id"]
        assert row.harvested_title == harvested["title"]
        assert row.harvest_source_id == world["source"].id
        assert row.harvest_source_title == world["source"].title
        assert row.owner_package_id == world["local"]["id"]
        assert row.owner_org_id == world["owner_org"]["id"]
        owners = model.Session.execute(sa.select(AuthoritativeItem.package_id).where(
            AuthoritativeItem.identity == row.identity)).scalars().all()
        assert owners == [world["local"]["id"]]
        assert not model.Session.scalars(sa.select(AuthoritativeItem).where(
            AuthoritativeItem.package_id == harvested["id"])).all()

    def test_a_reharvest_moves_last_seen_and_adds_no_row(self, world):
        harvest(world["source"])
        first = the_row()
        first_seen, last_seen = first.first_seen, first.last_seen
        harvest(world["source"])
        again = the_row()
        assert again.id == first.id and again.state == "open"
        assert again.first_seen == first_seen and again.last_seen > last_seen
        assert model.Session.query(HarvestObject).filter_by(current=True).count() == 1


class TestClearing:
    def test_a_record_that_stops_claiming_clears_its_conflict(self, world, server):
        harvest(world["source"])
        stop_claiming(server)
        harvest_incrementally(world["source"], server)
        assert any("modified_since=" in path for path in server.requested)
        row = the_row()
        assert row.state == "cleared" and row.cleared_at is not None
        server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(1, authoritative_item=ITEM)]))
        harvest_incrementally(world["source"], server)
        reopened = the_row()
        assert reopened.state == "open" and reopened.cleared_at is None

    def test_a_record_gone_from_the_feed_clears_its_conflict(self, world, server):
        harvest(world["source"])
        server.routes["/catalog.ttl"] = (200, feed.page([feed.dataset(2)]))
        harvest(world["source"])
        assert the_row().state == "cleared"

    def test_a_local_owner_giving_the_item_up_clears_it(self, world):
        harvest(world["source"])
        helpers.call_action("package_patch", site_context(), id=world["local"]["id"], data_items=[
            {"name": ITEM, "code": CODE, "data_type": "C", "authoritative": False}])
        assert the_row().state == "cleared"

    def test_a_resolved_conflict_stays_resolved(self, world, server):
        harvest(world["source"])
        helpers.call_action("dazhou_harvest_conflict_resolve", as_user(world["bureau"]),
                            id=the_row().id, note="已与省级平台确认")
        harvest(world["source"])
        stop_claiming(server)
        harvest(world["source"])
        assert the_row().state == "resolved"


class TestResolving:
    def test_the_bureau_resolves_with_a_note(self, world):
        harvest(world["source"])
        conflict_id = the_row().id
        result = helpers.call_action("dazhou_harvest_conflict_resolve", as_user(world["bureau"]),
                                     id=conflict_id, note="以本地部门为权威来源")
        assert result["state"] == "resolved" and result["resolution_note"] == "以本地部门为权威来源"
        row = the_row()
        assert row.state == "resolved" and row.resolved_at is not None
        assert row.resolved_by == world["bureau"]["id"]
        assert listed(world["bureau"], state="resolved")["count"] == 1
        assert listed(world["bureau"], state="open")["count"] == 0
        with pytest.raises(tk.ValidationError) as again:
            helpers.call_action("dazhou_harvest_conflict_resolve", as_user(world["bureau"]),
                                id=conflict_id, note="再次处理")
        assert "id" in again.value.error_dict

    @pytest.mark.parametrize("note", [None, "", "   "])
    def test_a_resolution_needs_a_note(self, world, note):
        harvest(world["source"])
        data = {"id": the_row().id} if note is None else {"id": the_row().id, "note": note}
        with pytest.raises(tk.ValidationError) as error:
            helpers.call_action("dazhou_harvest_conflict_resolve", as_user(world["bureau"]), **data)
        assert list(error.value.error_dict) == ["note"] and error.value.error_dict["note"][0]
        assert the_row().state == "open"

    def test_departments_do_not_resolve(self, world):
        harvest(world["source"])
        for user in (world["owner"], world["other"]):
            with pytest.raises(tk.NotAuthorized):
                helpers.call_action("dazhou_harvest_conflict_resolve", as_user(user),
                                    id=the_row().id, note="自行处理")
        assert the_row().state == "open"


class TestWhoSeesWhat:
    def test_the_bureau_sees_all_and_filters(self, world):
        harvest(world["source"])
        everything = listed(world["bureau"])
        assert everything["count"] == 1
        result = everything["results"][0]
        assert result["item_name"] == ITEM and result["owner_package_name"] == "local-authority"
        assert result["owner_org_title"] == "市人社局"
        assert listed(world["bureau"], harvest_source_id=world["source"].id)["count"] == 1
        assert listed(world["bureau"], harvest_source_id="another-source")["count"] == 0
        assert listed(world["bureau"], owner_org=world["owner_org"]["name"])["count"] == 1
        assert listed(world["bureau"], state="cleared")["count"] == 0

    def test_a_department_sees_only_its_own(self, world):
        harvest(world["source"])
        assert [r["item_name"] for r in listed(world["owner"])["results"]] == [ITEM]
        assert listed(world["other"]) == {"count": 0, "page": 1, "rows": 20, "results": []}
        with pytest.raises(tk.NotAuthorized):
            listed(world["other"], owner_org=world["owner_org"]["id"])

    def test_the_public_sees_nothing(self, world):
        harvest(world["source"])
        for context in ({"user": "", "ignore_auth": False}, as_user(factories.User())):
            with pytest.raises(tk.NotAuthorized):
                helpers.call_action("dazhou_harvest_conflict_list", context)


class TestPage:
    def test_the_bureau_sees_and_resolves(self, app, world):
        harvest(world["source"])
        bureau = headers(world["bureau"])
        page = app.get(PAGE, headers=bureau)
        text = page.get_data(as_text=True)
        assert page.status_code == 200
        assert ITEM in text and "本地权威数据集" in text and "市人社局" in text
        assert "https://province.example.gov.cn/dataset/p-1" in text
        conflict_id = the_row().id
        assert f"{PAGE}/{conflict_id}/resolve" in text
        empty = app.post(f"{PAGE}/{conflict_id}/resolve", headers=bureau, follow_redirects=True,
                         data={"_csrf_token": csrf(page), "note": " "})
        assert "请填写处理说明" in empty.get_data(as_text=True) and the_row().state == "open"
        app.post(f"{PAGE}/{conflict_id}/resolve", headers=bureau, follow_redirects=True,
                 data={"_csrf_token": csrf(page), "note": "已协调省级平台更正"})
        assert the_row().state == "resolved"
        assert "已协调省级平台更正" in app.get(PAGE, headers=bureau).get_data(as_text=True)

    def test_departments_see_their_own_without_the_form(self, app, world):
        harvest(world["source"])
        own = app.get(PAGE, headers=headers(world["owner"]))
        assert own.status_code == 200
        assert ITEM in own.get_data(as_text=True) and "/resolve" not in own.get_data(as_text=True)
        other = app.get(PAGE, headers=headers(world["other"]))
        assert other.status_code == 200 and ITEM not in other.get_data(as_text=True)
        assert app.post(f"{PAGE}/{the_row().id}/resolve", headers=headers(world["owner"]),
                        data={"_csrf_token": csrf(own), "note": "自行处理"}).status_code == 403
        assert the_row().state == "open"

    def test_the_public_gets_403(self, app, world):
        harvest(world["source"])
        anonymous = app.get(PAGE, follow_redirects=False)  # signs in first, then comes back
        assert anonymous.status_code == 302 and "/user/login" in anonymous.location
        assert app.get(PAGE, headers=headers(factories.User())).status_code == 403

    def test_linked_from_supervision_and_the_workbench(self, app, world):
        harvest(world["source"])
        bureau = headers(world["bureau"])
        for url in ("/dashboard/supervision", "/dashboard/work"):
            assert PAGE in app.get(url, headers=bureau).get_data(as_text=True), url
