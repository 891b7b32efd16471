"""`ckan dazhou departments check` lists organizations that are not real departments."""
from __future__ import annotations

import pytest
from ckan import model
from ckan.tests import factories, helpers

from ckanext.dazhou.cli import dazhou
from ckanext.dazhou.tests.factories import create_department


@pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")
class TestDepartmentsCheck:
    def test_clean_site_passes(self, cli):
        create_department(name="dz-dsjj")
        create_department()
        result = cli.invoke(dazhou, ["departments", "check"])
        assert result.exit_code == 0, result.output

    def test_lists_each_kind_and_fails(self, cli):
        real = create_department(name="dz-dsjj")
        factories.Organization(name="no-code")
        invalid = factories.Organization(name="bad-code")
        twin = create_department(name="twin")
        for org, extras in ((invalid, {"department_code": "X1"}),
                            (twin, {"department_code": real["extras"][0]["value"]})):
            model.Group.get(org["id"]).extras = extras  # as a site from before the checks has them
        model.Session.commit()
        visitor = factories.User()
        helpers.call_action("organization_create", {"user": visitor["name"], "ignore_auth": True},
                            name="self-made", department_code="51170890")

        result = cli.invoke(dazhou, ["departments", "check"])
        assert result.exit_code != 0
        lines = {line.split("\t")[0]: line for line in result.output.splitlines() if "\t" in line}
        assert set(lines) == {"no-code", "bad-code", "twin", "dz-dsjj", "self-made"}
        # the command speaks the site's language (zh_Hans_CN)
        assert "没有部门代码" in lines["no-code"]
        assert "部门代码 X1 格式不正确" in lines["bad-code"]
        assert "与 twin 重复" in lines["dz-dsjj"]
        assert f"非市大数据局用户 {visitor['name']} 创建" in lines["self-made"]
