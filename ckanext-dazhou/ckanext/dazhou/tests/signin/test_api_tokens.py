"""API-token sign-in (signin/api_tokens.py): the same user as CKAN's lookup, last use written
once a minute, not on every call."""
from __future__ import annotations

import datetime as dt

import pytest
from ckan import model
from ckan.tests import factories, helpers

from ckanext.dazhou.tests.factories import create_department, department_user, site_context
from ckanext.dazhou.tests.speed.counting import counting


def _token_for(user) -> tuple[str, str]:
    token = helpers.call_action("api_token_create", site_context(), user=user["name"], name="t")
    jti = model.Session.query(model.ApiToken.id).filter_by(user_id=user["id"]).scalar()
    return token["token"], jti


def _last_access(jti: str):
    model.Session.expire_all()
    return model.Session.get(model.ApiToken, jti).last_access


@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestTokenSignIn:
    def test_token_user_is_the_owner_and_last_use_recorded(self, app):
        user = factories.User()
        token, jti = _token_for(user)
        assert _last_access(jti) is None
        response = app.get("/api/3/action/package_search", headers={"Authorization": token})
        assert response.json["success"]
        first = _last_access(jti)
        assert first is not None
        # the caller is the token's owner: an action only signed-in users may call
        answer = app.get("/api/3/action/dashboard_new_activities_count",
                         headers={"Authorization": token}).json
        assert answer["success"] is True

    def test_last_use_written_once_a_minute_not_per_call(self, app):
        user = factories.User()
        token, jti = _token_for(user)
        app.get("/api/3/action/package_search", headers={"Authorization": token})
        first = _last_access(jti)
        with counting() as counts:
            for _ in range(3):
                app.get("/api/3/action/package_search", headers={"Authorization": token})
        assert _last_access(jti) == first
        assert not [s for s in counts.sql if s.lstrip().upper().startswith("UPDATE API_TOKEN")]
        model.Session.execute(model.ApiToken.__table__.update().where(
            model.ApiToken.id == jti).values(last_access=first - dt.timedelta(minutes=2)))
        model.Session.commit()
        app.get("/api/3/action/package_search", headers={"Authorization": token})
        assert _last_access(jti) > first - dt.timedelta(seconds=1)

    def test_bad_or_revoked_tokens_sign_nobody_in(self, app):
        user = factories.User()
        token, jti = _token_for(user)
        for bad in (token[:-3] + "abc", "not-a-token"):
            answer = app.get("/api/3/action/dashboard_new_activities_count",
                             headers={"Authorization": bad}, status=403).json
            assert answer["success"] is False
        helpers.call_action("api_token_revoke", site_context(), jti=jti)
        app.get("/api/3/action/dashboard_new_activities_count",
                headers={"Authorization": token}, status=403)

    def test_token_posts_skip_csrf_and_keep_the_owners_rights(self, app):
        org = create_department()
        editor = department_user(org)
        token, _jti = _token_for(editor)
        answer = app.post("/api/3/action/package_patch", headers={"Authorization": token},
                          json={"id": "missing-dataset", "notes": "x"}, status=404).json
        assert answer["error"]["__type"] == "Not Found Error"  # not a CSRF refusal (400)
