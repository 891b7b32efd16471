"""`ckan dazhou catalog dump|load`: a round trip into an emptied site keeps every dataset."""
from __future__ import annotations

import json

import pytest
from ckan.cli.cli import ckan
from ckan.tests import helpers

from ckanext.dazhou.backup import dump as dumper
from ckanext.dazhou.tests.backup.site import empty_site, group_shown, shown
from ckanext.dazhou.tests.factories import create_dataset, site_context
from ckanext.dazhou.tests.spreadsheet.sample import catalog


def _site() -> list[str]:
    """A catalog with open, conditional, closed and draft datasets, one of them in a group."""
    built = catalog()
    group = helpers.call_action("group_create", site_context(), name="population-topic",
                                title="人口专题")
    helpers.call_action("package_patch", site_context(), id=built["datasets"][0]["id"],
                        groups=[{"name": group["name"]}])
    draft = create_dataset(owner_org=built["health"]["id"], name="dz-draft", title="草稿目录",
                           state="draft")
    return [d["id"] for d in built["datasets"]] + [draft["id"]]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestRoundTrip:
    def test_every_dataset_comes_back_the_same(self, cli, tmp_path, reset_db, migrate_db_for,
                                               monkeypatch):
        monkeypatch.setattr(dumper, "PAGE", 3)  # ids come in more than one page
        ids = _site()
        police = helpers.call_action("package_show", site_context(), id=ids[0])["owner_org"]
        gone = create_dataset(owner_org=police, name="dz-gone", title="已删除目录")
        helpers.call_action("package_delete", site_context(), id=gone["id"])
        before = {package_id: shown(package_id) for package_id in ids}
        groups = [("organization", before[ids[0]]["owner_org"]),
                  ("organization", before[ids[2]]["owner_org"]),
                  ("group", before[ids[0]]["groups"][0]["id"])]
        groups_before = [group_shown(kind, group_id) for kind, group_id in groups]
        assert before[ids[1]]["private"] is True  # the closed one, which ckanapi's dump drops
        assert before[ids[3]]["state"] == "draft"
        path = tmp_path / "catalog.jsonl"

        result = cli.invoke(ckan, ["dazhou", "catalog", "dump", str(path)])
        assert result.exit_code == 0, result.output
        kinds = [json.loads(line)["type"] for line in path.read_text("utf-8").splitlines()]
        assert kinds.count("organization") == 2 and kinds.count("group") == 1
        assert kinds.count("dataset") == 4

        empty_site(reset_db, migrate_db_for)
        for run in range(2):  # the second load updates what the first created
            if run:
                helpers.call_action("package_patch", site_context(), id=ids[1], title="改过")
            result = cli.invoke(ckan, ["dazhou", "catalog", "load", str(path)])
            assert result.exit_code == 0, result.output
            assert "2 organizations, 1 groups, 4 datasets loaded; 0 failed" in result.output
            for package_id in ids:
                assert shown(package_id) == before[package_id]
            assert [group_shown(kind, group_id) for kind, group_id in groups] == groups_before

        assert helpers.call_action("package_search", site_context(), q="name:dz-gone",
                                   include_private=True, include_drafts=True)["count"] == 0
        # the deleted dataset's code is not issued again: the counters came with the dump
        new = create_dataset(owner_org=police, name="dz-new", title="新目录")
        assert new["resource_code"] not in {gone["resource_code"]} | {
            before[i]["resource_code"] for i in ids}

        assert {"key": "department_code", "value": "51170001"} in groups_before[0]["extras"]
        found = helpers.call_action("package_search", site_context(), q="name:dz-case-records",
                                    include_private=True)
        assert found["count"] == 1  # indexed, so the department's staff find it again

    def test_a_refused_record_is_named_and_the_others_load(self, cli, tmp_path, reset_db,
                                                            migrate_db_for):
        ids = _site()
        path = tmp_path / "catalog.jsonl"
        assert cli.invoke(ckan, ["dazhou", "catalog", "dump", str(path)]).exit_code == 0
        lines = path.read_text("utf-8").splitlines()
        for i, line in enumerate(lines):
            record = json.loads(line)
            if record.get("type") == "dataset" and record["data"]["name"] == "dz-clinics":
                record["data"]["resource_code"] = "not-a-code"
                lines[i] = json.dumps(record, ensure_ascii=False)
        path.write_text("\n".join(lines) + "\n", "utf-8")

        empty_site(reset_db, migrate_db_for)
        result = cli.invoke(ckan, ["dazhou", "catalog", "load", str(path)])
        assert result.exit_code == 1
        assert "dataset dz-clinics: resource_code:" in result.output
        assert "3 datasets loaded; 1 failed" in result.output
        names = {shown(package_id)["name"] for package_id in ids if package_id != ids[2]}
        assert names == {"dz-population", "dz-case-records", "dz-draft"}

    def test_a_file_that_is_not_a_dump_loads_nothing(self, cli, tmp_path):
        path = tmp_path / "other.jsonl"
        path.write_text('{"name": "x"}\n', "utf-8")
        result = cli.invoke(ckan, ["dazhou", "catalog", "load", str(path)])
        assert result.exit_code == 1
        assert "line 1: not a dazhou-catalog-dump file" in result.output
