"""`ckan dazhou bulk create`: every dataset through package_create, a batch per transaction."""
from __future__ import annotations

import json

import pytest
from ckan import model
from ckan.cli.cli import ckan
from ckan.tests import helpers

from ckanext.dazhou import catalog_sync
from ckanext.dazhou.bulk import create as bulk_create
from ckanext.dazhou.bulk.cli import _lines
from ckanext.dazhou.search import hooks as search_hooks
from ckanext.dazhou.tests.factories import create_department, dataset_fields, department_user


def _write(tmp_path, datasets, extra_lines=()):
    path = tmp_path / "datasets.jsonl"
    lines = [json.dumps(d, ensure_ascii=False) for d in datasets] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _names() -> set[str]:
    return {name for (name,) in model.Session.query(model.Package.name)}


def _found(names) -> set[str]:
    result = helpers.call_action("package_search", {"ignore_auth": True},
                                 q="*:*", rows=1000, include_private=True)
    return {d["name"] for d in result["results"]} & set(names)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestBulkCreate:
    def test_created_searchable_with_codes_and_activities(self, cli, tmp_path):
        org = create_department()
        user = department_user(org)
        datasets = [dataset_fields(owner_org=org["id"]) for _ in range(5)]
        result = cli.invoke(ckan, ["dazhou", "bulk", "create", str(_write(tmp_path, datasets)),
                                   "--user", user["name"], "--batch", "2"])
        assert result.exit_code == 0, result.output
        assert "5 created, 0 skipped, 0 refused, 0 not indexed" in result.output
        names = [d["name"] for d in datasets]
        assert _found(names) == set(names)  # findable as soon as the command returns
        for name in names:
            stored = helpers.call_action("package_show", {"ignore_auth": True}, id=name)
            assert stored["resource_code"]  # the catalog rules ran: a code was drawn
            activities = helpers.call_action("package_activity_list", {"ignore_auth": True},
                                             id=name)
            assert [a["activity_type"] for a in activities] == ["new package"]
            assert activities[0]["user_id"] == user["id"]

    def test_refused_dataset_named_by_line_and_field_rest_of_batch_kept(self, cli, tmp_path):
        org = create_department()
        user = department_user(org)
        good = [dataset_fields(owner_org=org["id"]) for _ in range(4)]
        bad = dataset_fields(owner_org=org["id"], update_cycle="sometimes")
        path = _write(tmp_path, good[:2] + [bad] + good[2:])
        result = cli.invoke(ckan, ["dazhou", "bulk", "create", str(path),
                                   "--user", user["name"], "--batch", "10"])
        assert result.exit_code == 1
        assert f"line 3 ({bad['name']}): refused" in result.output
        assert '"update_cycle"' in result.output
        assert "4 created, 0 skipped, 1 refused" in result.output
        names = _names()
        assert {d["name"] for d in good} <= names and bad["name"] not in names
        assert _found([d["name"] for d in good]) == {d["name"] for d in good}

    def test_the_users_rights_apply(self, cli, tmp_path):
        own, other = create_department(), create_department()
        user = department_user(own)
        datasets = [dataset_fields(owner_org=own["id"]), dataset_fields(owner_org=other["id"])]
        result = cli.invoke(ckan, ["dazhou", "bulk", "create", str(_write(tmp_path, datasets)),
                                   "--user", user["name"]])
        assert result.exit_code == 1
        assert f"line 2 ({datasets[1]['name']}): refused" in result.output
        assert datasets[0]["name"] in _names() and datasets[1]["name"] not in _names()

    def test_skip_existing_makes_a_rerun_harmless(self, cli, tmp_path):
        org = create_department()
        user = department_user(org)
        datasets = [dataset_fields(owner_org=org["id"]) for _ in range(3)]
        path = _write(tmp_path, datasets[:2])
        assert cli.invoke(ckan, ["dazhou", "bulk", "create", str(path),
                                 "--user", user["name"]]).exit_code == 0
        path = _write(tmp_path, datasets)
        result = cli.invoke(ckan, ["dazhou", "bulk", "create", str(path), "--user",
                                   user["name"], "--skip-existing"])
        assert result.exit_code == 0, result.output
        assert "1 created, 2 skipped, 0 refused" in result.output
        # without the flag a taken name is a refusal, named by the field
        result = cli.invoke(ckan, ["dazhou", "bulk", "create", str(path),
                                   "--user", user["name"]])
        assert result.exit_code == 1 and '"name"' in result.output

    def test_bad_lines_and_options_named(self, cli, tmp_path):
        org = create_department()
        user = department_user(org)
        path = _write(tmp_path, [dataset_fields(owner_org=org["id"])], ["{not json"])
        result = cli.invoke(ckan, ["dazhou", "bulk", "create", str(path),
                                   "--user", user["name"]])
        assert result.exit_code != 0 and "line 2: not JSON" in result.output
        result = cli.invoke(ckan, ["dazhou", "bulk", "create", str(path), "--user", "nobody"])
        assert result.exit_code != 0 and "no user 'nobody'" in result.output
        result = cli.invoke(ckan, ["dazhou", "bulk", "create", str(path),
                                   "--user", user["name"], "--part", "2/2"])
        assert result.exit_code != 0 and "--part" in result.output

    def test_an_unexpected_error_keeps_nothing_of_the_open_batch(self, monkeypatch):
        org = create_department()
        user = department_user(org)
        datasets = [dataset_fields(owner_org=org["id"]) for _ in range(3)]
        saved = []
        real = catalog_sync.dataset_saved

        def failing_on_third(pkg_dict):  # e.g. the database going away mid-batch
            saved.append(pkg_dict["name"])
            if len(saved) == 3:
                raise RuntimeError("connection lost")
            return real(pkg_dict)

        monkeypatch.setattr(catalog_sync, "dataset_saved", failing_on_third)
        with pytest.raises(RuntimeError):
            bulk_create.create_all(enumerate(datasets, start=1), user["name"], batch_size=10)
        assert len(saved) == 3
        assert not {d["name"] for d in datasets} & _names()


    def test_a_document_solr_refuses_is_reported_and_the_rest_of_the_batch_indexed(
            self, monkeypatch):
        """The batch's documents go to Solr in one request; when Solr refuses it, each is
        sent alone: the refused one is stored, reported as not indexed, the others found."""
        org = create_department()
        user = department_user(org)
        datasets = [dataset_fields(owner_org=org["id"]) for _ in range(3)]
        bad = datasets[1]["name"]
        real = search_hooks.before_index

        def broken_for_one(pkg_dict):
            pkg_dict = real(pkg_dict)
            if pkg_dict["name"] == bad:
                pkg_dict["metadata_modified"] = "not a date"  # Solr answers 400
            return pkg_dict

        monkeypatch.setattr(search_hooks, "before_index", broken_for_one)
        outcome = bulk_create.create_all(enumerate(datasets, start=1), user["name"], batch_size=10)
        assert outcome.created == 3
        assert outcome.not_indexed == [model.Package.get(bad).id]
        names = {d["name"] for d in datasets}
        assert names <= _names()
        assert _found(names) == names - {bad}


def test_parts_keep_each_department_in_one_process(tmp_path):
    lines = [json.dumps({"name": f"d{n}", "owner_org": f"org-{n % 3}"}) for n in range(9)]
    path = tmp_path / "parts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parts = []
    for part in range(2):
        with path.open(encoding="utf-8") as file:
            parts.append([data for _line, data in _lines(file, part, 2)])
    assert sorted(d["name"] for p in parts for d in p) == sorted(f"d{n}" for n in range(9))
    for p in parts:
        for q in parts:
            if p is not q:
                assert not {d["owner_org"] for d in p} & {d["owner_org"] for d in q}
    assert {d["owner_org"] for d in parts[0]} == {"org-0", "org-2"}
