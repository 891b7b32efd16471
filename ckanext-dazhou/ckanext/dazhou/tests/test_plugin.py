from __future__ import annotations

import pytest
from ckan.tests import helpers


@pytest.mark.usefixtures("with_plugins")
class TestPluginLoads:
    def test_status_show_lists_the_plugins(self):
        extensions = helpers.call_action("status_show")["extensions"]
        for plugin in ("dazhou", "scheming_datasets", "dcat", "harvest"):
            assert plugin in extensions

    def test_ui_defaults_to_chinese(self):
        assert helpers.call_action("status_show")["locale_default"] == "zh_Hans_CN"
