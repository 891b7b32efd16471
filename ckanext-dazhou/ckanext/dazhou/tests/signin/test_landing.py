"""Where signing in lands: staff on the workbench, the public on CKAN's default, came_from wins."""
from __future__ import annotations

import pytest
from ckan.tests import factories, helpers

from ckanext.dazhou.tests.factories import create_department, site_context
from ckanext.dazhou.tests.signin.login_form import PASSWORD, csrf_token


def _sign_in(app, user, came_from=None):
    path = "/user/login" + (f"?came_from={came_from}" if came_from else "")
    data = {"_csrf_token": csrf_token(app), "login": user["name"], "password": PASSWORD}
    response = app.post(path, data=data, follow_redirects=False)
    assert response.status_code == 302
    app.get("/user/_logout")  # the next sign-in of the test starts signed out
    return response.headers["Location"]


def _member_of(org):
    user = factories.User(password=PASSWORD)
    helpers.call_action("organization_member_create", site_context(), id=org["id"],
                        username=user["name"], role="member")
    return user


@pytest.fixture(autouse=True)
def _no_counters(reset_redis):
    reset_redis("dazhou:login:*")


@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestLanding:
    def test_department_staff_and_bureau_land_on_the_workbench(self, app):
        staff = _member_of(create_department())
        assert _sign_in(app, staff).endswith("/dashboard/work")
        bureau = _member_of(create_department(name="dz-dsjj"))
        assert _sign_in(app, bureau).endswith("/dashboard/work")

    def test_public_keeps_the_default(self, app):
        citizen = factories.User(password=PASSWORD)
        assert "/dashboard/work" not in _sign_in(app, citizen)

    def test_came_from_wins_for_staff_and_public(self, app):
        staff = _member_of(create_department())
        assert _sign_in(app, staff, "/dataset/abc").endswith("/dataset/abc")
        citizen = factories.User(password=PASSWORD)
        assert _sign_in(app, citizen, "/dataset/abc").endswith("/dataset/abc")

    def test_outside_came_from_is_ignored(self, app):
        staff = _member_of(create_department())
        assert _sign_in(app, staff, "https://evil.example/x").endswith("/dashboard/work")
