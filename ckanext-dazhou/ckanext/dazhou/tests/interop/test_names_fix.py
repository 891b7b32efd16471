"""`ckan dazhou names fix` renames `__`-style datasets; links by id keep working (issue 13)."""
from __future__ import annotations

import pytest
from ckan.tests import helpers

from ckanext.dazhou import names_cli
from ckanext.dazhou.cli import dazhou
from ckanext.dazhou.tests.factories import create_dataset, site_context


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestNamesFix:
    def test_renames_munged_names_only_and_reindexes(self, cli, app):
        first = create_dataset(name="__", title="人口基础信息库")
        second = create_dataset(name="__-1", title="人口基础信息库")
        kept = create_dataset(name="dz-legal", title="法人库")

        dry = cli.invoke(dazhou, ["names", "fix", "--dry-run"])
        assert dry.exit_code == 0, dry.output
        assert helpers.call_action("package_show", site_context(), id=first["id"])["name"] == "__"

        result = cli.invoke(dazhou, ["names", "fix"])
        assert result.exit_code == 0, result.output
        show = {d["id"]: helpers.call_action("package_show", site_context(), id=d["id"])["name"]
                for d in (first, second, kept)}
        assert show == {first["id"]: "ren-kou-ji-chu-xin-xi-ku",
                        second["id"]: "ren-kou-ji-chu-xin-xi-ku-2", kept["id"]: "dz-legal"}
        found = helpers.call_action("package_search", site_context(),
                                    fq="name:ren-kou-ji-chu-xin-xi-ku-2")["results"]
        assert [d["id"] for d in found] == [second["id"]]
        assert app.get(f"/dataset/{first['id']}").status_code == 200
        assert names_cli.munged_packages() == []
