"""The dataset form without a name: the server names the entry after its title's pinyin
(CKAN's slug JS drops every Chinese character, so it leaves the field empty)."""
from __future__ import annotations

import pytest
from ckan.tests import helpers

from ckanext.dazhou.tests.ui.forms import department_editor, form_data, post_new


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_empty_name_gets_the_titles_pinyin(app):
    user, org = department_editor()
    data = form_data(org["id"], title="达州市人口基础信息库", name="")
    response = post_new(app, user, data, follow_redirects=False)
    assert response.status_code == 302, response.body
    location = response.headers["location"]
    assert "/dataset/da-zhou-shi-ren-kou-ji-chu-xin-xi-ku/resource/new" in location
    assert helpers.call_action("package_show", id="da-zhou-shi-ren-kou-ji-chu-xin-xi-ku")
