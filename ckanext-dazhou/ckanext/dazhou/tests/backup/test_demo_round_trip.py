"""Every demo dataset (16 of them closed) survives dump → emptied site → load unchanged."""
from __future__ import annotations

import pytest
from ckan import model
from ckan.cli.cli import ckan

from ckanext.dazhou.demo import loader
from ckanext.dazhou.profiles import departments
from ckanext.dazhou.tests.backup.site import empty_site, shown


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_every_demo_dataset_comes_back_the_same(cli, tmp_path, reset_db, migrate_db_for):
    loader.load()
    ids = [p.id for p in model.Session.query(model.Package).filter_by(type="dataset")]
    before = {package_id: shown(package_id) for package_id in ids}
    assert len(before) == 57 and sum(d["private"] for d in before.values()) == 16
    path = tmp_path / "demo.jsonl"
    assert cli.invoke(ckan, ["dazhou", "catalog", "dump", str(path)]).exit_code == 0

    empty_site(reset_db, migrate_db_for)
    departments.forget()
    result = cli.invoke(ckan, ["dazhou", "catalog", "load", str(path)])
    assert result.exit_code == 0, result.output
    assert "57 datasets loaded; 0 failed" in result.output
    assert {package_id: shown(package_id) for package_id in ids} == before
