"""A token request's CSRF exemption lasts that request: later cookie POSTs need the token."""
from __future__ import annotations

import pytest
from ckan import model
from ckan.tests import factories

from ckanext.dazhou.tests.signin.login_form import PASSWORD, sign_in, signed_in


@pytest.fixture
def user(app, reset_redis):
    reset_redis("dazhou:login:*")
    user = factories.UserWithToken(password=PASSWORD)
    return user


@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestExemptionPerRequest:
    def test_api_post_after_a_token_request(self, app, user):
        url = "/api/3/action/user_patch"
        token = app.post(url, json={"id": user["id"], "about": "经由令牌"},
                         headers={"Authorization": user["token"]})
        assert token.status_code == 200

        assert signed_in(sign_in(app, user["name"]))
        cookie = app.post(url, data={"id": user["id"], "about": "跨站伪造"})
        assert cookie.status_code == 400
        assert model.User.get(user["id"]).about == "经由令牌"

    def test_page_post_after_a_token_request(self, app, user):
        url = f"/user/edit/{user['name']}"
        token = app.post(url, data={"about": "经由令牌"}, headers={"Authorization": user["token"]})
        assert token.status_code != 400

        assert signed_in(sign_in(app, user["name"]))
        cookie = app.post(url, data={"about": "跨站伪造"})
        assert cookie.status_code == 400
        assert "跨站伪造" not in (model.User.get(user["id"]).about or "")

    def test_token_requests_stay_exempt(self, app, user):
        url = "/api/3/action/user_patch"
        for about in ("第一次", "第二次"):
            response = app.post(url, json={"id": user["id"], "about": about},
                                headers={"Authorization": user["token"]})
            assert response.status_code == 200
        assert model.User.get(user["id"]).about == "第二次"
