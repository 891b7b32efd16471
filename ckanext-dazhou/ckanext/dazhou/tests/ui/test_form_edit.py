"""The edit form shows the stored values, booleans included, and saving it unchanged keeps them."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan.lib.helpers import url_for
from ckan.tests import helpers
from werkzeug.datastructures import MultiDict

from ckanext.dazhou.tests.factories import create_dataset
from ckanext.dazhou.tests.ui.forms import department_editor, submitted_fields

ITEMS = [{"name": "统一社会信用代码", "code": "DE01001", "data_type": "C", "length": "18",
          "description": "法人唯一代码", "authoritative": True},
         {"name": "登记机关", "data_type": "C", "authoritative": False}]


@pytest.fixture
def editor_and_dataset():
    user, org = department_editor()
    dataset = create_dataset(owner_org=org["id"], data_items=ITEMS, cross_department_approval=False,
                             share_methods=["table", "file"], related_resource_codes=["300/51170099-00001"],
                             published_date="2026-01-10")
    return user, dataset


def _edit_page(app, user, dataset) -> str:
    response = app.get(url_for("dataset.edit", id=dataset["name"]),
                       headers={"Authorization": user["token"]})
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestEditForm:
    def test_stored_booleans_select_their_choice(self, app, editor_and_dataset):
        user, dataset = editor_and_dataset
        form = BeautifulSoup(_edit_page(app, user, dataset), "html.parser")

        def selected(control_id):
            return form.find(id=control_id).find("option", selected=True)["value"]

        assert selected("field-data_items-0-authoritative") == "true"
        assert selected("field-data_items-1-authoritative") == "false"
        assert selected("field-cross_department_approval") == "false"

    def test_data_item_groups_are_numbered(self, app, editor_and_dataset):
        user, dataset = editor_and_dataset
        form = BeautifulSoup(_edit_page(app, user, dataset), "html.parser")
        headings = [h.get_text(" ", strip=True) for h in
                    form.select(".scheming-repeating-subfields-group .panel-heading")]
        assert [h.split()[-2:] for h in headings] == [["信息项", "1"], ["信息项", "2"]]

    def test_saving_unchanged_keeps_every_catalog_value(self, app, editor_and_dataset):
        user, dataset = editor_and_dataset
        fields = submitted_fields(_edit_page(app, user, dataset))
        response = app.post(url_for("dataset.edit", id=dataset["name"]),
                            headers={"Authorization": user["token"]},
                            data=MultiDict(fields + [("save", "")]), follow_redirects=False)
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        saved = helpers.call_action("package_show", id=dataset["id"])
        for key in ("resource_code", "share_type", "share_methods", "open_type", "update_cycle",
                    "security_level", "confidentiality_review", "confidentiality_reviewer",
                    "confidentiality_review_date", "cross_department_approval",
                    "related_resource_codes", "published_date"):
            assert saved[key] == dataset[key], key
        # the form posts every sub-field, so a sub-field left out at creation comes back as ""
        assert saved["data_items"] == [{sub: item.get(sub, "") for sub in saved["data_items"][0]}
                                       for item in dataset["data_items"]]
