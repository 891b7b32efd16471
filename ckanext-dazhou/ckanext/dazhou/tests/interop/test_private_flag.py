"""`private` follows 开放属性; asking for a private open dataset is refused (issue 13)."""
from __future__ import annotations

import pytest
from ckan.plugins import toolkit as tk
from ckan.tests import helpers

from ckanext.dazhou.tests.factories import create_dataset, site_context

CLOSED = {"open_type": "closed", "share_type": "unconditional"}


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestPrivateContradiction:
    def test_private_open_dataset_refused_keyed_private(self):
        with pytest.raises(tk.ValidationError) as raised:
            create_dataset(private=True, open_type="open")
        assert "开放属性" in raised.value.error_dict["private"][0] or \
            "open type" in raised.value.error_dict["private"][0]

    def test_update_to_private_open_refused_and_nothing_changes(self):
        dataset = create_dataset(open_type="open")
        with pytest.raises(tk.ValidationError) as raised:
            helpers.call_action("package_patch", site_context(), id=dataset["id"], private=True,
                                title="改了")
        assert "private" in raised.value.error_dict
        stored = helpers.call_action("package_show", site_context(), id=dataset["id"])
        assert stored["private"] is False and stored["title"] == dataset["title"]

    def test_closed_dataset_is_private(self):
        assert create_dataset(**CLOSED)["private"] is True
        assert create_dataset(private=True, **CLOSED)["private"] is True

    def test_opening_a_closed_dataset_by_patch_derives_public(self):
        dataset = create_dataset(**CLOSED)
        opened = helpers.call_action("package_patch", site_context(), id=dataset["id"],
                                     open_type="open")
        assert opened["private"] is False
