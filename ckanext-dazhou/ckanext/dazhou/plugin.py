"""The dazhou CKAN plugin: 达州市公共数据目录.

Thin by design: blanket decorators register actions, auth functions, validators, helpers,
blueprints, CLI commands and config declarations from their modules; only hook interfaces
are written by hand below.
"""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk


@tk.blanket.config_declarations
@tk.blanket.helpers
@tk.blanket.cli
class DazhouPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)

    # IConfigurer

    def update_config(self, config_):
        tk.add_template_directory(config_, "templates")
        tk.add_public_directory(config_, "public")
        tk.add_resource("assets", "dazhou")
