"""The city-wide spreadsheet follows the audience's rights, and a Redis outage leaves no marker."""
from __future__ import annotations

import datetime as dt

import pytest
from ckan import model
from ckan.lib import jobs
from ckan.lib import redis as ckan_redis
from ckan.tests import factories, helpers

from ckanext.dazhou.access import grants
from ckanext.dazhou.spreadsheet import background
from ckanext.dazhou.tests.factories import create_dataset, create_department, site_context
from ckanext.dazhou.tests.spreadsheet.test_views import CITY_CSV, city_wide, export_queue  # noqa: F401

URL = "https://data.dazhou.gov.cn/files/conditional.csv"


@pytest.fixture
def staff_with_grant():
    """A conditional-share dataset of one department, used by another under a grant."""
    provider = create_department("51170001", title="达州市公安局")
    user_department = create_department("51170002", title="达州市人社局")
    dataset = create_dataset(owner_org=provider["id"], share_type="conditional",
                             share_conditions="仅限政务用途", open_type="closed",
                             resources=[{"url": URL, "format": "csv"}])
    user = factories.User()
    helpers.call_action("organization_member_create", site_context(), id=user_department["id"],
                        username=user["name"], role="member")
    grant = grants.create("share", dataset["id"], "organization", user_department["id"], "test")
    model.Session.commit()
    token = factories.APIToken(user=user["name"])["token"]
    return {"headers": {"Authorization": token}, "grant_id": grant.id, "user": user,
            "department": user_department}


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestRightsChangeTheFile:
    def test_revoked_grant_rebuilds_and_the_url_is_gone(self, app, export_queue,
                                                         staff_with_grant):
        headers = staff_with_grant["headers"]
        assert URL in city_wide(app, export_queue, "csv", headers).data.decode("utf-8-sig")
        assert app.get(CITY_CSV, headers=headers).status_code == 200  # fresh: served again
        grants.revoke(grants.get(staff_with_grant["grant_id"]), "test", "用途已结束")
        model.Session.commit()
        text = city_wide(app, export_queue, "csv", headers).data.decode("utf-8-sig")
        assert URL not in text
        assert len(list(background.export_dir().glob("u-*.csv"))) == 1  # the old file removed

    def test_expired_grant_rebuilds(self, app, export_queue, staff_with_grant):
        headers = staff_with_grant["headers"]
        assert URL in city_wide(app, export_queue, "csv", headers).data.decode("utf-8-sig")
        grants.get(staff_with_grant["grant_id"]).expires_at = (
            dt.datetime.utcnow() - dt.timedelta(seconds=1))
        model.Session.commit()
        assert URL not in city_wide(app, export_queue, "csv", headers).data.decode("utf-8-sig")

    def test_leaving_the_department_rebuilds(self, app, export_queue, staff_with_grant):
        headers = staff_with_grant["headers"]
        assert URL in city_wide(app, export_queue, "csv", headers).data.decode("utf-8-sig")
        helpers.call_action("organization_member_delete", site_context(),
                            id=staff_with_grant["department"]["id"],
                            username=staff_with_grant["user"]["name"])
        text = city_wide(app, export_queue, "csv", headers).data.decode("utf-8-sig")
        assert URL not in text

    def test_joining_the_bureau_rebuilds(self, app, export_queue, staff_with_grant):
        headers = staff_with_grant["headers"]
        city_wide(app, export_queue, "csv", headers)
        bureau = factories.Organization(name="dz-dsjj")
        helpers.call_action("organization_member_create", site_context(), id=bureau["id"],
                            username=staff_with_grant["user"]["name"], role="member")
        assert app.get(CITY_CSV, headers=headers).status_code == 202


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestRedisOutage:
    def test_failed_enqueue_leaves_no_marker_and_the_next_request_queues(self, app, export_queue):
        create_dataset()
        with pytest.MonkeyPatch.context() as patch:
            ckan_redis._connection_pool, jobs._queues = None, {}
            patch.setitem(ckan_redis.config, "ckan.redis.url", "redis://127.0.0.1:9/0")
            response = app.get(CITY_CSV)
            assert response.status_code == 503
            assert "请稍后再试" in response.get_data(as_text=True)
            assert not list(background.export_dir().glob("*.queued"))
        ckan_redis._connection_pool, jobs._queues = None, {}
        assert app.get(CITY_CSV).status_code == 202  # Redis back: queued at once
        assert len(jobs.get_queue().jobs) == 1
