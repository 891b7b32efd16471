"""Helpers answered more cheaply than CKAN's, with CKAN's own answers: the organization page's
follower and member figures (org_counts.py: the same users counted, deleted ones left out, in
one statement instead of two actions) and the signed-in user's header avatar."""
from __future__ import annotations

import ckan.lib.helpers as ckan_helpers
import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories, helpers

from ckanext.dazhou.tests.factories import create_department, department_user, site_context


@pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")
def test_counts_are_ckans_and_the_page_shows_them(app):
    org = create_department()
    members = [department_user(org, role) for role in ("member", "editor", "admin")]
    for user in members[:2] + [factories.User()]:
        helpers.call_action("follow_group", {"user": user["name"], "ignore_auth": False},
                            id=org["id"])
    helpers.call_action("user_delete", site_context(), id=members[0]["name"])

    ours = (tk.h.follow_count("group", org["id"]), tk.h.member_count(org["id"]),
            tk.h.member_count(org["name"]))
    ckans = (ckan_helpers.follow_count("group", org["id"]), ckan_helpers.member_count(org["id"]),
             ckan_helpers.member_count(org["name"]))
    assert ours == ckans
    assert ours[0] == 2 and ours[1] >= 2  # a deleted follower and member are not counted

    page = app.get(f"/organization/{org['name']}").get_data(as_text=True)
    nums = page[page.index('class="nums"'):]
    assert f"<dd><span>{ours[0]}</span></dd>" in " ".join(nums.split()).replace("> <", "><")
    assert f"<dd>{ours[1]}</dd>" in " ".join(nums.split()).replace("> <", "><")


@pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")
def test_anything_else_goes_to_ckans_helpers():
    user = factories.User()
    assert tk.h.follow_count("user", user["id"]) == ckan_helpers.follow_count("user", user["id"]) == 0
    for member_count in (tk.h.member_count, ckan_helpers.member_count):
        with pytest.raises(tk.ObjectNotFound):
            member_count("no-such-group")


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_the_header_avatar_is_ckans(app):
    """The signed-in user's placeholder avatar without user_show: the same markup as CKAN's;
    a user with a picture, or another user's avatar, is CKAN's helper's own answer."""
    import flask_login
    from ckan import model

    plain = factories.User(fullname="张三", image_url="")
    pictured = factories.User(image_url="https://img.example.gov.cn/a.png")
    for signed_in in (plain, pictured):
        with app.flask_app.test_request_context():
            flask_login.login_user(model.User.get(signed_in["name"]))
            for user in (plain, pictured):
                for size in (22, 100):
                    assert str(tk.h.user_image(user["id"], size)) == str(
                        ckan_helpers.user_image(user["id"], size))
            if signed_in is plain:
                assert "张三" in str(tk.h.user_image(plain["name"], 22))
