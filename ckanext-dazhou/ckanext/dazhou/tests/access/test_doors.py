"""The action table: every registered action is redacted, narrowed or reviewed (issue 11 §2)."""
from __future__ import annotations

import pytest
from ckan import logic
from ckan.plugins import toolkit as tk
from ckan.tests import factories, helpers

from ckanext.dazhou.access import doors, search_fields
from ckanext.dazhou.logic import chained
from ckanext.dazhou.tests.factories import as_user, create_dataset, site_context


def registered_actions() -> list[str]:
    logic.clear_actions_cache()
    logic.get_action("package_show")  # builds the table from core and every loaded plugin
    return sorted(logic._actions)


@pytest.mark.usefixtures("with_plugins")
class TestActionTable:
    def test_every_registered_action_is_narrowed_or_reviewed(self):
        assert doors.unreviewed(registered_actions()) == [], (
            "new doors: narrow them in logic/chained.py or review them in access/doors.py")

    def test_a_door_nobody_looked_at_is_reported(self):
        assert doors.unreviewed(["package_show", "zz_new_door"]) == ["zz_new_door"]

    def test_narrowed_actions_are_chained_by_us(self):
        assert doors.NARROWED <= set(chained.get_actions())

    def test_reviews_name_registered_actions_once_with_a_reason(self):
        reviewed = [n for names in doors.REVIEWED.values() for n in names]
        assert len(reviewed) == len(set(reviewed))
        assert not set(reviewed) & doors.NARROWED
        stale = set(reviewed) - set(registered_actions())
        assert stale <= set(doors.HARVEST_AUTH_AS_ACTIONS)  # registered or not by test order
        assert all(reason.strip() for reason in doors.REVIEWED)

    def test_every_answer_passes_the_generic_redaction(self):
        from ckan.lib import signals
        assert doors.redact_action_answer in [
            r() for r in signals.action_succeeded.receivers.values()]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestSearchFields:
    anonymous = {"user": "", "ignore_auth": False}

    @pytest.mark.parametrize("key,value", [
        ("fl", "name,res_url"), ("fl", ["data_dict"]), ("fl", "validated_data_dict"),
        ("fl", "*"), ("fl", "extras_api_endpoint"), ("facet.field", '["res_url"]'),
        ("facet.field", ["api_endpoint"]), ("q", 'res_url:"https://x"'),
        ("fq", "extras_api_endpoint:*"), ("qf", "res_url^2 title"), ("sort", "url asc")])
    def test_restricted_field_refused_keyed_by_parameter(self, key, value):
        with pytest.raises(tk.ValidationError) as error:
            helpers.call_action("package_search", dict(self.anonymous), **{key: value})
        assert key in error.value.error_dict

    def test_catalog_fields_allowed(self):
        dataset = create_dataset()
        result = helpers.call_action(
            "package_search", dict(self.anonymous), q=f"name:{dataset['name']}",
            fl="id,name,title,open_type,extras_data_items__name",
            **{"facet.field": '["share_type", "res_format", "tags"]'})
        assert result["results"] == [{"id": dataset["id"], "name": dataset["name"],
                                      "title": dataset["title"]}] or \
            result["results"][0]["name"] == dataset["name"]

    def test_sysadmin_keeps_every_field(self):
        dataset = create_dataset()
        result = helpers.call_action("package_search", site_context(),
                                     q=f"name:{dataset['name']}", fl="name,validated_data_dict")
        assert result["count"] == 1

    @pytest.mark.parametrize("signed_in", [False, True])
    def test_harvest_source_list_answers_below_the_bureau(self, app, signed_in):
        # ckanext-harvest's list facets on frequency and source_type (it answered 500 when
        # the allowlist refused them)
        headers = {"Authorization": factories.APIToken(user=factories.User()["name"])["token"]
                   } if signed_in else {}
        assert app.get("/harvest/", headers=headers).status_code == 200

    def test_schema_fields_without_addresses(self):
        safe = search_fields.safe_fields()
        assert {"share_type", "extras_open_type", "resource_code"} <= safe
        assert not safe & {"api_endpoint", "extras_api_endpoint", "url", "res_url", "data_dict"}


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_activity_show_without_include_data_answers():
    """CKAN's auth read data_dict["include_data"] unconditionally: KeyError, a 500."""
    dataset = create_dataset()
    activity = helpers.call_action("package_activity_list", site_context(), id=dataset["id"],
                                   include_hidden_activity=True)[0]
    shown = helpers.call_action("activity_show", {"user": "", "ignore_auth": False},
                                id=activity["id"])
    assert shown["object_id"] == dataset["id"]


ANONYMOUS = {"user": "", "ignore_auth": False}


def closed_dataset(**fields):
    return create_dataset(open_type="closed", **fields)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestNarrowedDoors:
    def test_format_autocomplete_without_formats_of_invisible_datasets(self):
        closed_dataset(resources=[{"name": "图层", "url": "https://x.gov.cn/a.shp",
                                   "format": "SHP"}])
        assert helpers.call_action("format_autocomplete", dict(ANONYMOUS), q="sh") == []
        assert helpers.call_action("format_autocomplete", site_context(), q="sh") != []

    def test_relationships_name_only_visible_datasets(self):
        public, closed = create_dataset(), closed_dataset()
        helpers.call_action("package_relationship_create", site_context(),
                            subject=public["id"], object=closed["id"], type="links_to")
        assert helpers.call_action("package_relationships_list", dict(ANONYMOUS),
                                   id=public["id"]) == []
        assert len(helpers.call_action("package_relationships_list", site_context(),
                                       id=public["id"])) == 1

    def test_harvested_record_only_for_those_who_may_use_the_dataset(self):
        from ckanext.harvest.model import HarvestJob, HarvestObject, HarvestSource
        closed = closed_dataset(share_type="none", non_share_basis_type="law",
                                non_share_basis="《保守国家秘密法》")
        source = HarvestSource(url="https://province.example/catalog.ttl",
                               type="dazhou_province")
        source.save()
        job = HarvestJob(source=source)
        job.save()
        record = HarvestObject(guid="g1", job=job, source=source, package_id=closed["id"],
                               content="https://secret.example/closed.csv")
        record.save()
        stranger = factories.User()
        with pytest.raises(tk.NotAuthorized):
            helpers.call_action("harvest_object_show", as_user(stranger), id=record.id)
        assert helpers.call_action("harvest_object_show", site_context(),
                                   id=record.id)["content"]
