"""The bureau's escalation queue (Art. 23) and how its dates read (issue 14): an escalated
application is counted on the bureau's workbench and listed under a state filter; a grant
valid until 2027-06-30 reads 2027年6月30日 and ends at midnight in Shanghai; the history
shows local times to the minute and display names."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from ckan import model
from ckan.tests import helpers

from ckanext.dazhou.access import grants
from ckanext.dazhou.model import AccessGrant
from ckanext.dazhou.tests.factories import (
    as_user, create_dataset, create_department, department_user)
from ckanext.dazhou.tests.ui_workflows.pages import csrf, headers


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


@pytest.fixture
def escalated(clean_db, clean_index):
    owner_org, applicant_org = create_department(title="人社局"), create_department(title="公安局")
    bureau_org = create_department(name="dz-dsjj", title="市大数据局")
    dataset = create_dataset(owner_org=owner_org["id"], share_type="conditional",
                             share_conditions="仅限核验", open_type="closed")
    owner, applicant = department_user(owner_org, "editor"), department_user(applicant_org, "member")
    bureau = department_user(bureau_org, "member")
    application = helpers.call_action("dazhou_share_application_create", as_user(applicant),
                                      package_id=dataset["id"], purpose="核验", scope="窗口",
                                      legal_basis="法")
    helpers.call_action("dazhou_share_application_decide", as_user(owner), id=application["id"],
                        decision="refuse", reason="不符合")
    helpers.call_action("dazhou_share_application_escalate", as_user(applicant),
                        id=application["id"], reason="确需使用")
    return {"dataset": dataset, "owner": owner, "applicant": applicant, "bureau": bureau,
            "id": application["id"]}


@pytest.mark.usefixtures("with_plugins")
class TestEscalationQueue:
    def test_workbench_counts_it_for_the_bureau_only(self, app, escalated):
        work = _text(app.get("/dashboard/work", headers=headers(escalated["bureau"])))
        line = re.search(r'state=escalated">已提请市大数据局协调</a> <span class="badge ([^"]+)">(\d+)<', work)
        assert line and line.group(2) == "1" and "bg-primary" in line.group(1)
        owner_work = _text(app.get("/dashboard/work", headers=headers(escalated["owner"])))
        assert "已提请市大数据局协调" not in owner_work

    def test_list_filters_by_state(self, app, escalated):
        bureau = headers(escalated["bureau"])
        queue = _text(app.get("/dashboard/share-applications?role=bureau&state=escalated",
                              headers=bureau))
        assert escalated["dataset"]["title"] in queue
        filters = re.search(r'<p class="dazhou-state-filter">(.*?)</p>', queue).group(1)
        assert all(label in filters for label in ("全部", "待答复", "已同意", "已拒绝"))
        assert "btn-primary" in re.search(r'state=escalated" class="btn btn-sm ([^"]+)"', filters).group(1)
        approved = _text(app.get("/dashboard/share-applications?role=bureau&state=approved",
                                 headers=bureau))
        assert escalated["dataset"]["title"] not in approved
        bad = app.get("/dashboard/share-applications?role=bureau&state=nonsense", headers=bureau)
        assert bad.status_code == 400
        others = app.get("/dashboard/share-applications?role=bureau", headers=headers(escalated["owner"]))
        assert others.status_code == 403

    def test_bureau_grant_until_a_day_ends_there(self, app, escalated):
        bureau = headers(escalated["bureau"])
        url = f"/share-application/{escalated['id']}"
        page = app.get(url, headers=bureau)
        app.post(url + "/decide", headers=bureau, data={
            "_csrf_token": csrf(page), "decision": "approve", "reason": "协调同意",
            "expires": "2027-06-30"})
        grant = model.Session.query(AccessGrant).one()
        assert grant.expires_at == dt.datetime(2027, 6, 30, 15, 59, 59, 999999)  # Shanghai's midnight
        assert grants.as_dict(grant, now=dt.datetime(2027, 6, 30, 15, 59))["active"]
        assert not grants.as_dict(grant, now=dt.datetime(2027, 6, 30, 16, 0, 1))["active"]
        shown = _text(app.get(url, headers=bureau))
        assert "2027年6月30日" in shown and "2027年7月1日" not in shown
        access = _text(app.get(f"/dataset/{escalated['dataset']['name']}/access", headers=bureau))
        assert "2027年6月30日" in access

    def test_history_reads_local_minutes_and_display_names(self, app, escalated):
        shown = _text(app.get(f"/share-application/{escalated['id']}",
                              headers=headers(escalated["bureau"])))
        history = re.search(r'<ul class="list-unstyled dazhou-history">(.*?)</ul>', shown).group(1)
        times = re.findall(r"<li>(\d{4}-\d\d-\d\d \d\d:\d\d) · ([^·]+) ·", history)
        assert len(times) == 3 and "+0800" not in history and "十二月" not in history
        assert times[0][1].strip() == escalated["applicant"]["fullname"]
        assert escalated["applicant"]["name"] not in history
