"""`ckan dazhou remind`: due-soon and overdue answers, one reminder per item per day."""
from __future__ import annotations

import datetime as dt

import pytest
from ckan.tests import helpers
from freezegun import freeze_time

from ckanext.dazhou.supervision import reminders
from ckanext.dazhou.tests.factories import as_user, create_dataset, create_department, department_user


@pytest.fixture
def application(clean_db, clean_index, with_request_context):
    owner_org, other_org = create_department(), create_department()
    owner = department_user(owner_org, "editor")
    with freeze_time("2026-09-28 02:00:00"):
        dataset = create_dataset(owner_org=owner_org["id"], share_type="conditional",
                                 share_conditions="条件", open_type="closed")
        return helpers.call_action(
            "dazhou_share_application_create", as_user(department_user(other_org, "member")),
            package_id=dataset["id"], purpose="用途", scope="范围", legal_basis="依据"), owner


@pytest.mark.usefixtures("with_plugins")
class TestReminders:
    def test_only_items_due_within_two_working_days(self, application):
        app, _owner = application  # due 2026-10-16 (Fri)
        assert reminders.due_reminders(dt.date(2026, 10, 13)) == []  # 3 working days left
        soon = reminders.due_reminders(dt.date(2026, 10, 14))
        assert [(r.item_id, r.days_left) for r in soon] == [(app["id"], 2)]
        late = reminders.due_reminders(dt.date(2026, 10, 20))
        assert [(r.item_id, r.days_left) for r in late] == [(app["id"], -2)]

    def test_idempotent_per_day_and_dry_run_sends_nothing(self, application, mail_server):
        app, owner = application
        day = dt.date(2026, 10, 15)
        assert len(reminders.send(day, dry_run=True)) == 1
        assert mail_server.get_smtp_messages() == []
        assert len(reminders.send(day)) == 1
        assert len(reminders.send(day)) == 0  # same day again: nothing
        messages = mail_server.get_smtp_messages()
        assert len(messages) == 1 and owner["email"] in messages[0][2]
        assert len(reminders.send(day + dt.timedelta(days=1))) == 1  # next day: again

    def test_answered_items_get_no_reminder(self, application):
        app, owner = application
        helpers.call_action("dazhou_share_application_decide", as_user(owner), id=app["id"],
                            decision="approve")
        assert reminders.due_reminders(dt.date(2026, 10, 20)) == []


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_remind_command_runs_and_can_be_queued(cli):
    from ckan.cli.cli import ckan

    result = cli.invoke(ckan, ["dazhou", "remind", "--dry-run"])
    assert result.exit_code == 0 and "would be sent" in result.output
    queued = cli.invoke(ckan, ["dazhou", "remind", "--enqueue"])
    assert queued.exit_code == 0 and "queued as job" in queued.output
