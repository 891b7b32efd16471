"""Why `ckanapi dump datasets --all --include-private` is not a backup here, and what lists all.

ckanapi 4.11 passes include_private/include_drafts to package_list, which CKAN 2.12 ignores
(it lists public active datasets only); the README's invocation takes names from
package_search as the site user instead.
"""
from __future__ import annotations

import pytest
from ckan.tests import helpers

from ckanext.dazhou.tests.factories import create_dataset, create_department, site_context


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestListingEverything:
    def test_package_list_drops_closed_and_drafts_package_search_does_not(self):
        org = create_department()
        create_dataset(owner_org=org["id"], name="dz-open")
        create_dataset(owner_org=org["id"], name="dz-closed", open_type="closed",
                       share_type="conditional", share_conditions="仅限政务用途")
        create_dataset(owner_org=org["id"], name="dz-draft", state="draft")

        listed = helpers.call_action("package_list", site_context(), include_private=True,
                                     include_drafts=True)
        assert listed == ["dz-open"]
        found = helpers.call_action("package_search", site_context(), include_private=True,
                                    include_drafts=True, rows=1000, fl="name")
        assert sorted(r["name"] for r in found["results"]) == ["dz-closed", "dz-draft",
                                                                "dz-open"]
