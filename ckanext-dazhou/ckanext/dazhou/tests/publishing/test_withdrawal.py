"""撤回发布: a confirmation with a required reason, its own activity, the bureau's list; the
withdrawn dataset is seen by its department and the bureau only, its forms are no wizard."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan import model
from ckan.lib.helpers import url_for
from ckan.tests import factories, helpers
from ckanext.activity.model import Activity
from werkzeug.datastructures import MultiDict

from ckanext.dazhou.tests.factories import create_dataset, create_department, site_context
from ckanext.dazhou.tests.ui.forms import submitted_fields

REASON = "保密审查发现含有个人隐私信息"


def _member(org, capacity):
    user = factories.UserWithToken()
    helpers.call_action("organization_member_create", site_context(), id=org["id"],
                        username=user["name"], role=capacity)
    return user


@pytest.fixture
def world(clean_db, clean_index):
    org = create_department(title="市人社局")
    editor = _member(org, "editor")
    dataset = create_dataset(owner_org=org["id"], title="社保参保人数",
                             resources=[{"url": "https://data.dazhou.gov.cn/a.csv", "format": "csv",
                                         "name": "参保人数"}])
    return {"org": org, "editor": editor, "reader": _member(org, "member"),
            "other": _member(create_department(), "editor"),
            "bureau": _member(create_department(name="dz-dsjj"), "member"),
            "citizen": factories.UserWithToken(), "dataset": dataset}


def _get(app, user, url):
    return app.get(url, headers={"Authorization": user["token"]} if user else {})


def _post(app, user, url, data):
    return app.post(url, headers={"Authorization": user["token"]}, data=data, follow_redirects=False)


def _withdraw(app, world, reason=REASON):
    return _post(app, world["editor"], url_for("dazhou_withdrawal.withdraw", id=world["dataset"]["name"]),
                 {"reason": reason})


def _state(dataset):
    model.Session.expire_all()
    return model.Package.get(dataset["id"]).state


def _soup(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@pytest.mark.usefixtures("with_plugins")
class TestWithdrawal:
    def test_edit_form_offers_withdrawal_in_chinese_not_unpublish(self, app, world):
        form = _soup(_get(app, world["editor"], url_for("dataset.edit", id=world["dataset"]["name"])))
        assert not form.find("button", attrs={"value": "go-metadata-unpublish"})
        assert "Unpublish" not in str(form)
        link = form.select_one("a.dazhou-withdraw")
        assert link.get_text(strip=True) == "撤回发布"
        page = _soup(_get(app, world["editor"], link["href"]))
        assert page.find("textarea", id="field-reason").has_attr("required")
        assert "确认撤回" in page.get_text()

        response = _withdraw(app, world, reason="  ")
        assert response.status_code == 200
        assert "请填写撤回发布的原因" in _soup(response).select_one(".error-block").get_text()
        assert _state(world["dataset"]) == "active"

    def test_withdrawal_hides_logs_and_lists(self, app, world):
        dataset = world["dataset"]
        response = _withdraw(app, world)
        assert response.status_code == 302
        assert _state(dataset) == "withdrawn"
        page = _get(app, world["editor"], response.headers["Location"])
        assert "信息资源已撤回发布" in page.get_data(as_text=True)
        assert REASON in _soup(page).select_one(".dazhou-withdrawn-notice").get_text()

        read = url_for("dataset.read", id=dataset["name"])
        assert _get(app, None, read).status_code == 404
        assert _get(app, world["other"], read).status_code == 404
        assert _get(app, world["citizen"], read).status_code == 404
        assert _get(app, world["bureau"], read).status_code == 200
        assert _get(app, world["reader"], read).status_code == 200
        found = helpers.call_action("package_search", {"user": world["citizen"]["name"]}, q="社保参保人数")
        assert found["count"] == 0

        activities = model.Session.query(Activity).filter_by(object_id=dataset["id"]).all()
        types = sorted(a.activity_type for a in activities)
        assert types == ["new package", "withdrawn package"]  # no bare 更新了数据集
        stream = _get(app, world["editor"], url_for("activity.package_activity", id=dataset["name"]))
        text = stream.get_data(as_text=True)
        assert "撤回发布了信息资源" in text and REASON in text

        listed = _soup(_get(app, world["bureau"], url_for("dazhou_withdrawal.index")))
        rows = listed.select("tr.dazhou-withdrawal-row")
        assert len(rows) == 1 and REASON in rows[0].get_text() and "已撤回" in rows[0].get_text()
        assert not _soup(_get(app, world["other"], url_for("dazhou_withdrawal.index"))).select(
            "tr.dazhou-withdrawal-row")
        assert _get(app, world["citizen"], url_for("dazhou_withdrawal.index")).status_code == 403

    def test_forms_of_a_withdrawn_dataset_are_no_wizard(self, app, world):
        dataset = world["dataset"]
        _withdraw(app, world)
        resource_form = _soup(_get(app, world["editor"], url_for("dataset_resource.new", id=dataset["name"])))
        assert not resource_form.select("ol.stages")
        assert not resource_form.find("button", attrs={"value": "go-metadata"})
        edit = _get(app, world["editor"], url_for("dataset.edit", id=dataset["name"]))
        form = _soup(edit)
        assert form.select_one("a.dazhou-republish").get_text(strip=True) == "恢复发布"
        assert not form.select("ol.stages")
        saved = _post(app, world["editor"], url_for("dataset.edit", id=dataset["name"]),
                      MultiDict(submitted_fields(edit.get_data(as_text=True)) + [("save", "")]))
        assert saved.status_code == 302
        assert _state(dataset) == "withdrawn"  # saving the form publishes nothing

    def test_publish_again(self, app, world):
        dataset = world["dataset"]
        _withdraw(app, world)
        assert _get(app, world["editor"], url_for("dazhou_withdrawal.republish", id=dataset["name"])).status_code == 200
        done = _post(app, world["editor"], url_for("dazhou_withdrawal.republish", id=dataset["name"]), {})
        assert done.status_code == 302
        assert _state(dataset) == "active"
        assert _get(app, None, url_for("dataset.read", id=dataset["name"])).status_code == 200
        latest = (model.Session.query(Activity).filter_by(object_id=dataset["id"])
                  .order_by(Activity.timestamp.desc()).first())
        assert latest.activity_type == "republished package"


@pytest.mark.usefixtures("with_plugins")
class TestWithdrawalApi:
    def _call(self, app, user, action, **data):
        return app.post(f"/api/3/action/{action}", headers={"Authorization": user["token"]}, json=data)

    def test_only_those_who_may_edit_it(self, app, world):
        dataset = world["dataset"]
        for user in ("reader", "other", "citizen", "bureau"):  # the bureau supervises, edits no dataset
            response = self._call(app, world[user], "dazhou_dataset_withdraw", id=dataset["id"], reason=REASON)
            assert response.status_code in (403, 404), user
        assert _state(dataset) == "active"
        assert self._call(app, world["editor"], "dazhou_dataset_withdraw", id=dataset["id"],
                          reason=REASON).status_code == 200
        assert _state(dataset) == "withdrawn"
        again = self._call(app, world["editor"], "dazhou_dataset_withdraw", id=dataset["id"], reason=REASON)
        assert again.status_code == 409 and "id" in again.json["error"]

    def test_bad_input_is_keyed(self, app, world):
        dataset = world["dataset"]
        missing = self._call(app, world["editor"], "dazhou_dataset_withdraw", id=dataset["id"])
        assert missing.status_code == 409 and "reason" in missing.json["error"]
        long = self._call(app, world["editor"], "dazhou_dataset_withdraw", id=dataset["id"], reason="长" * 501)
        assert long.status_code == 409 and "reason" in long.json["error"]
        again = self._call(app, world["editor"], "dazhou_dataset_republish", id=dataset["id"])
        assert again.status_code == 409 and "id" in again.json["error"]
        unknown = self._call(app, world["editor"], "dazhou_dataset_withdraw", id="nope", reason=REASON)
        assert unknown.status_code == 404
