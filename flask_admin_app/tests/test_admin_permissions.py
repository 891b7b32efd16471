"""Sign-in against CKAN, bureau-only access, CSRF, cookies, audit, Art. 8 over HTTP."""
from __future__ import annotations

import re

import pytest

from flask_admin_app import auth
from flask_admin_app.models import AuditEntry, Project


def csrf_of(html: str, form_id: str = "") -> str:
    """The token of the page's main form (id="csrf_token"), not the sign-out form's."""
    found = re.search(r'id="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'name="csrf_token"[^>]*value="([^"]+)"', html)
    return found.group(1)


def sign_in(client, token: str):
    page = client.get("/login").get_data(as_text=True)
    return client.post("/login", data={"csrf_token": csrf_of(page), "token": token})


class TestIdentify:
    def test_pure_rule(self):
        assert auth.is_bureau({"sysadmin": True}, [], "dz-dsjj")
        assert auth.is_bureau({}, [{"name": "dz-dsjj"}], "dz-dsjj")
        assert not auth.is_bureau({}, [{"name": "dz-gaj"}], "dz-dsjj")

    def test_sysadmin_and_bureau_member_enter(self, ckan_server):
        for name in ("admin-test-sysadmin", "dsjj-staff"):
            user = auth.identify(ckan_server["url"], ckan_server["tokens"][name], "dz-dsjj")
            assert user.name == name

    def test_citizen_refused(self, ckan_server):
        with pytest.raises(auth.SignInRefused, match="不是市大数据局工作人员"):
            auth.identify(ckan_server["url"], ckan_server["tokens"]["citizen"], "dz-dsjj")

    @pytest.mark.parametrize("token", ["", "not-a-token", "eyJhbGciOiJIUzI1NiJ9.e30.x"])
    def test_bad_token_refused(self, ckan_server, token):
        with pytest.raises(auth.SignInRefused):
            auth.identify(ckan_server["url"], token, "dz-dsjj")


class TestApp:
    def test_pages_need_sign_in(self, app):
        client = app.test_client()
        for path in ("/", "/project/", "/audit/", "/supervision/"):
            response = client.get(path)
            assert response.status_code == 302 and "/login" in response.location

    def test_post_without_csrf_refused(self, app, ckan_server):
        client = app.test_client()
        assert client.post("/login", data={"token": "x"}).status_code == 400
        sign_in(client, ckan_server["tokens"]["dsjj-staff"])
        assert client.post("/project/new/", data={"name": "x"}).status_code == 400

    def test_outsider_sees_the_reason(self, app, ckan_server):
        client = app.test_client()
        page = sign_in(client, ckan_server["tokens"]["citizen"]).get_data(as_text=True)
        assert "不是市大数据局工作人员" in page
        assert client.get("/project/").status_code == 302

    def test_session_cookie_flags(self, app, ckan_server):
        client = app.test_client()
        response = sign_in(client, ckan_server["tokens"]["dsjj-staff"])
        assert response.status_code == 302
        cookie = response.headers["Set-Cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie

    def test_the_cookie_holds_no_token(self, app, ckan_server):
        client = app.test_client()
        token = ckan_server["tokens"]["dsjj-staff"]
        sign_in(client, token)
        cookie = client.get_cookie("dazhou_admin_session", domain="localhost")
        data = app.session_interface.get_signing_serializer(app).loads(cookie.value)
        assert set(data) >= {"sid", "user"} and token not in repr(data)
        assert not app.extensions["dazhou_db"].query(AuditEntry).filter(
            AuditEntry.table_name == "staff_session").count()  # nor does the audit trail

    def test_a_copied_cookie_dies_with_sign_out(self, app, ckan_server):
        client = app.test_client()
        sign_in(client, ckan_server["tokens"]["dsjj-staff"])
        copied = client.get_cookie("dazhou_admin_session", domain="localhost").value
        assert client.get("/project/").status_code == 200
        page = client.get("/").get_data(as_text=True)
        client.post("/logout", data={"csrf_token": csrf_of(page)})
        thief = app.test_client()
        thief.set_cookie("dazhou_admin_session", copied, domain="localhost")
        response = thief.get("/project/")
        assert response.status_code == 302 and "/login" in response.location

    def test_changes_are_audited_and_art8_refused(self, app, ckan_server):
        client = app.test_client()
        sign_in(client, ckan_server["tokens"]["dsjj-staff"])
        form = client.get("/project/new/").get_data(as_text=True)
        response = client.post("/project/new/", data={
            "csrf_token": csrf_of(form), "department": "dz-rsj",
            "name": "社保数据平台", "investment_yuan": "500000", "funding_source": "财政",
            "construction_content": "平台", "planned_data_items": "公民身份号码",
            "security_plan": "等保三级", "operation_maintenance": "外包运维"})
        assert response.status_code == 302
        db = app.extensions["dazhou_db"]
        project = db.query(Project).one()
        assert project.state == "declared" and project.created_by == "dsjj-staff"

        details = client.get(f"/project/details/?id={project.id}").get_data(as_text=True)
        assert "达州市公安局" in details  # the duplicate check found the authoritative source
        page = client.post("/project/transition/", data={
            "csrf_token": csrf_of(details), "id": project.id, "transition": "approve"},
            follow_redirects=True).get_data(as_text=True)
        assert "第八条" in page
        db.expire_all()
        assert db.get(Project, project.id).state == "declared"

        entries = db.query(AuditEntry).all()
        assert [(e.actor, e.action, e.table_name) for e in entries] == [
            ("dsjj-staff", "create", "project")]
        assert entries[0].before is None and entries[0].after["name"] == "社保数据平台"
        assert "社保数据平台" in client.get("/audit/").get_data(as_text=True)

    def test_supervision_explains_missing_actions(self, app, ckan_server):
        client = app.test_client()
        sign_in(client, ckan_server["tokens"]["dsjj-staff"])
        page = client.get("/supervision/?report=violations").get_data(as_text=True)
        assert "违规清单" in page and 'id="report-error"' not in page
        page = client.get("/supervision/?report=applications").get_data(as_text=True)
        assert 'id="report-error"' not in page
        page = client.get("/supervision/?report=conflicts").get_data(as_text=True)
        assert 'id="report-error"' not in page and "采集冲突" in page
