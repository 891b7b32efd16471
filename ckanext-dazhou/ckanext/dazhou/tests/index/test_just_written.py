"""A dataset saved in this request is shown from the database: its Solr copy is not current."""
from __future__ import annotations

import flask
import pytest
from ckan.tests import helpers

from ckanext.dazhou.tests.factories import create_dataset, site_context
from ckanext.dazhou.tests.speed.counting import counting


def _solr_lookups_of_show(name_or_id: str) -> list[str]:
    with counting() as counts:
        shown = helpers.call_action("package_show", {"ignore_auth": True}, id=name_or_id)
    assert name_or_id in (shown["name"], shown["id"])
    return counts.solr_queries


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestJustWritten:
    def test_show_after_create_in_the_same_request_asks_solr_nothing(self, app):
        with app.flask_app.test_request_context():
            dataset = create_dataset()
            assert _solr_lookups_of_show(dataset["name"]) == []
            assert _solr_lookups_of_show(dataset["id"]) == []

    def test_in_a_later_request_the_stored_copy_is_used_again(self, app):
        with app.flask_app.test_request_context():
            dataset = create_dataset()
        with app.flask_app.test_request_context():
            assert flask.has_request_context()
            assert len(_solr_lookups_of_show(dataset["name"])) == 1

    def test_after_update_too(self, app):
        with app.flask_app.test_request_context():
            dataset = create_dataset()
        with app.flask_app.test_request_context():
            helpers.call_action("package_patch", site_context(), id=dataset["id"],
                                notes="更新后的说明。")
            assert _solr_lookups_of_show(dataset["name"]) == []
