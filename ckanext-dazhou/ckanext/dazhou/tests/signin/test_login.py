"""The real login form: remember me, SameSite of remember_token, throttling per account and address."""
from __future__ import annotations

import pytest
from ckan.tests import factories

from ckanext.dazhou.tests.signin.login_form import PASSWORD, sign_in, signed_in


@pytest.fixture
def user():
    return factories.User(password=PASSWORD)


@pytest.fixture(autouse=True)
def _no_counters(reset_redis):
    reset_redis("dazhou:login:*")
    yield
    reset_redis("dazhou:login:*")


@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestRememberMe:
    def test_checkbox_value_on_signs_in(self, app, user):
        response = sign_in(app, user["name"], PASSWORD, remember="on")
        assert signed_in(response)
        cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token="))
        assert "SameSite=Lax" in cookie

    def test_form_value_signs_in(self, app, user):
        assert signed_in(sign_in(app, user["name"], PASSWORD, remember="63072000"))

    def test_without_remember_sets_no_remember_cookie(self, app, user):
        response = sign_in(app, user["name"], PASSWORD)
        assert signed_in(response)
        assert not any(c.startswith("remember_token=") for c in response.headers.getlist("Set-Cookie"))


@pytest.mark.usefixtures("with_plugins", "clean_db")
@pytest.mark.ckan_config("ckanext.dazhou.login_max_failures", 3)
@pytest.mark.ckan_config("ckanext.dazhou.login_max_failures_per_address", 5)
class TestThrottling:
    def test_account_locked_after_failures_even_with_right_password(self, app, user):
        for _ in range(3):
            assert not signed_in(sign_in(app, user["name"], "wrong"))
        refused = sign_in(app, user["name"], PASSWORD)
        assert not signed_in(refused)
        assert "登录失败次数过多" in refused.get_data(as_text=True)

    def test_email_and_name_count_for_the_same_account(self, app, user):
        sign_in(app, user["name"], "wrong")
        sign_in(app, user["email"], "wrong")
        sign_in(app, user["name"], "wrong")
        assert not signed_in(sign_in(app, user["email"], PASSWORD))

    def test_other_accounts_unaffected_below_the_address_limit(self, app, user):
        other = factories.User(password=PASSWORD)
        for _ in range(3):
            sign_in(app, user["name"], "wrong")
        assert signed_in(sign_in(app, other["name"], PASSWORD))

    def test_address_locked_after_failures_across_accounts(self, app, user):
        for n in range(5):
            sign_in(app, f"nobody-{n}", "wrong")
        refused = sign_in(app, user["name"], PASSWORD)
        assert not signed_in(refused)
        assert "登录失败次数过多" in refused.get_data(as_text=True)

    def test_success_forgets_the_account_failures(self, app, user):
        for _ in range(2):
            sign_in(app, user["name"], "wrong")
        assert signed_in(sign_in(app, user["name"], PASSWORD))
        app.get("/user/_logout")
        for _ in range(2):
            sign_in(app, user["name"], "wrong")
        assert signed_in(sign_in(app, user["name"], PASSWORD))

    @pytest.mark.ckan_config("ckanext.dazhou.login_lockout_seconds", 1)
    def test_lockout_ends(self, app, user):
        import time
        for _ in range(3):
            sign_in(app, user["name"], "wrong")
        time.sleep(1.5)
        assert signed_in(sign_in(app, user["name"], PASSWORD))
