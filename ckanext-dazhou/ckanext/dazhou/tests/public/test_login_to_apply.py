"""Anonymous visitors see the applications behind 登录后…, and signing in brings them back to
the form they chose (issue 14, the public)."""
from __future__ import annotations

from urllib.parse import quote, unquote

import pytest
from ckan.tests import factories

from ckanext.dazhou.tests.factories import create_dataset, create_department
from ckanext.dazhou.tests.signin.login_form import PASSWORD, csrf_token


def _login_link(target: str) -> str:
    return "/user/login?came_from=" + quote(target, safe="/")


@pytest.fixture
def datasets(clean_db, clean_index, with_plugins, reset_redis):
    reset_redis("dazhou:login:*")
    org = create_department()
    conditional = create_dataset(owner_org=org["id"], share_type="conditional",
                                 share_conditions="仅限政务核验", open_type="conditional",
                                 open_conditions="实名申请",
                                 resources=[{"name": "人口表", "url": "https://data.dazhou.gov.cn/p.csv",
                                             "format": "csv"}])
    open_one = create_dataset(owner_org=org["id"])
    return {"conditional": conditional, "open": open_one}


class TestButtons:
    def test_conditional_dataset_offers_open_share_and_feedback_through_login(self, app, datasets):
        name = datasets["conditional"]["name"]
        page = app.get(f"/dataset/{name}").get_data(as_text=True)
        for target in (f"/dataset/{name}/open-apply", f"/dataset/{name}/share-apply",
                       f"/dataset/{name}/feedback"):
            assert _login_link(target) in page, target
        assert "登录后申请开放" in page and "登录后申请共享" in page and "登录后数据纠错" in page
        assert "申请共享限政务部门工作人员" in page  # the hint

    def test_open_dataset_offers_only_feedback(self, app, datasets):
        name = datasets["open"]["name"]
        page = app.get(f"/dataset/{name}").get_data(as_text=True)
        assert _login_link(f"/dataset/{name}/feedback") in page
        assert f"{name}/open-apply" not in page and f"{name}/share-apply" not in page

    def test_resource_page_has_the_buttons_too(self, app, datasets):
        ds = datasets["conditional"]
        page = app.get(f"/dataset/{ds['name']}/resource/{ds['resources'][0]['id']}").get_data(
            as_text=True)
        assert _login_link(f"/dataset/{ds['name']}/open-apply") in page

    def test_signed_in_citizen_gets_the_forms_not_the_login(self, app, datasets):
        from ckanext.dazhou.tests.ui_workflows.pages import headers
        name = datasets["conditional"]["name"]
        page = app.get(f"/dataset/{name}", headers=headers(factories.User())).get_data(as_text=True)
        assert f'href="/dataset/{name}/open-apply"' in page and "登录后" not in page


class TestRoundTrip:
    @pytest.mark.parametrize("form", ["open-apply", "feedback"])
    def test_login_comes_back_to_the_form(self, app, datasets, form):
        citizen = factories.User(password=PASSWORD)
        target = f"/dataset/{datasets['conditional']['name']}/{form}"
        login_page = app.get(_login_link(target))
        assert login_page.status_code == 200
        # the login form posts to the page's own address, came_from included
        assert 'action=""' in login_page.get_data(as_text=True) or "came_from" in \
            login_page.get_data(as_text=True)
        done = app.post(_login_link(target), follow_redirects=False, data={
            "_csrf_token": csrf_token(app), "login": citizen["name"], "password": PASSWORD})
        assert done.status_code == 302 and done.headers["Location"].endswith(target)
        again = app.get(target)
        assert again.status_code == 200 and 'name="purpose"' in again.get_data(as_text=True) \
            or 'name="description"' in again.get_data(as_text=True)

    def test_anonymous_form_visit_is_sent_to_login_and_back(self, app, datasets):
        target = f"/dataset/{datasets['conditional']['name']}/open-apply"
        response = app.get(target, follow_redirects=False)
        assert response.status_code == 302
        assert target in unquote(response.headers["Location"])
