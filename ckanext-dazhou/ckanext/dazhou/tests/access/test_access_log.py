"""The access log (access/log.py): every signed-in access is a row; anonymous repeats on one
resource, door, outcome and day are one row counting hits, so a loop cannot flood the table."""
from __future__ import annotations

import pytest
from ckan import model
from ckan.tests import factories, helpers

from ckanext.dazhou.model import AccessLogEntry
from ckanext.dazhou.tests.factories import create_dataset, create_department, department_user
from ckanext.dazhou.tests.ui_workflows.pages import headers


@pytest.fixture
def world(app, clean_db, clean_index):
    with app.flask_app.test_request_context():
        owner_org = create_department()
        create_department(name="dz-dsjj")
        dataset = create_dataset(
            owner_org=owner_org["id"], share_type="conditional", share_conditions="仅限政务核验",
            open_type="conditional", open_conditions="实名申请",
            resources=[{"name": "文件", "url": "https://data.dazhou.gov.cn/f.csv", "format": "csv"}])
        return {"dataset": dataset, "resource_id": dataset["resources"][0]["id"],
                "owner": department_user(owner_org, "member"), "citizen": factories.User()}


def rows() -> list[AccessLogEntry]:
    model.Session.expire_all()
    return model.Session.query(AccessLogEntry).order_by(AccessLogEntry.id).all()


@pytest.mark.usefixtures("with_plugins")
class TestAccessLog:
    def test_anonymous_repeats_are_counted_not_stored(self, app, world):
        for _ in range(30):
            response = app.get("/api/action/resource_show", query_string={"id": world["resource_id"]})
            assert response.status_code == 403
        logged = rows()
        assert len(logged) == 1
        assert (logged[0].user_id, logged[0].allowed, logged[0].hits, logged[0].door) == (None, False, 30, "api")

    def test_each_door_and_day_has_its_own_anonymous_row(self, app, world):
        app.get("/api/action/resource_show", query_string={"id": world["resource_id"]})
        app.get(f"/dataset/{world['dataset']['id']}/resource/{world['resource_id']}/download")
        table = AccessLogEntry.__table__
        model.Session.execute(table.update().values(day=table.c.day - 1))  # now yesterday's
        model.Session.commit()
        app.get("/api/action/resource_show", query_string={"id": world["resource_id"]})
        assert sorted((r.door, r.hits) for r in rows()) == [("api", 1), ("api", 1), ("download", 1)]

    def test_signed_in_users_are_logged_at_every_access(self, app, world):
        for user in (world["citizen"], world["citizen"], world["owner"]):
            app.get("/api/action/resource_show", query_string={"id": world["resource_id"]},
                    headers=headers(user))
        logged = rows()
        assert [(r.user_id, r.allowed, r.hits) for r in logged] == [
            (world["citizen"]["id"], False, 1), (world["citizen"]["id"], False, 1),
            (world["owner"]["id"], True, 1)]

    def test_the_list_shows_the_hits(self, app, world):
        for _ in range(3):
            app.get("/api/action/resource_show", query_string={"id": world["resource_id"]})
        with app.flask_app.test_request_context():
            result = helpers.call_action("dazhou_access_log_list", {"user": world["owner"]["name"]},
                                         package_id=world["dataset"]["id"])
        assert [(r["user_id"], r["hits"]) for r in result["results"]] == [(None, 3)]
