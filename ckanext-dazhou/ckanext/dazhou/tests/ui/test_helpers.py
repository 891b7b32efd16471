"""Template helpers of the catalog UI."""
from __future__ import annotations

import pytest
from ckanext.scheming.helpers import scheming_get_dataset_schema

from ckanext.dazhou import helpers


@pytest.mark.usefixtures("with_plugins", "with_request_context")
class TestLabels:
    def test_list_of_codes_to_labels(self):
        assert helpers.dazhou_vocab_labels("share_method", ["api", "file"]) == ["接口", "文件"]
        assert helpers.dazhou_vocab_labels("share_method", '["table"]') == ["库表"]
        assert helpers.dazhou_vocab_labels("share_method", None) == []

    def test_boolean_choices_match_stored_booleans(self):
        field = {"choices": [{"value": "false", "label": {"zh_Hans_CN": "否", "en": "No"}},
                             {"value": "true", "label": {"zh_Hans_CN": "是", "en": "Yes"}}]}
        assert helpers.dazhou_choice_label(field, True) == "是"
        assert helpers.dazhou_choice_label(field, False) == "否"
        assert helpers.dazhou_choice_label(field, None) == ""


@pytest.mark.usefixtures("with_plugins", "with_request_context")
class TestFormSections:
    def test_every_field_in_its_section_with_error_counts(self):
        schema = scheming_get_dataset_schema("dataset")
        errors = {"share_conditions": ["x"], "data_items": [{}, {"authoritative": ["y"]}],
                  "open_type": []}
        sections = helpers.dazhou_form_sections(schema, errors)
        assert [s["key"] for s in sections] == ["basic", "items", "share", "open", "update"]
        fields = [f["field_name"] for s in sections for f in s["fields"]]
        assert sorted(fields) == sorted(f["field_name"] for f in schema["dataset_fields"])
        counts = {s["key"]: s["error_count"] for s in sections}
        assert counts == {"basic": 0, "items": 1, "share": 1, "open": 0, "update": 0}

    def test_a_field_without_a_section_comes_last(self):
        schema = {"form_sections": [{"key": "basic", "title": "基本信息"}],
                  "dataset_fields": [{"field_name": "title", "form_section": "basic"},
                                     {"field_name": "extra"}]}
        sections = helpers.dazhou_form_sections(schema)
        assert [s["key"] for s in sections] == ["basic", "other"]
        assert sections[1]["title"] == "其他信息"
