"""The share application workflow: create, decide, escalate; every change is an event."""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import _

from ckanext.dazhou import deadlines
from ckanext.dazhou.access import grants
from ckanext.dazhou.model import ApplicationEvent, ShareApplication
from ckanext.dazhou.sharing import notify, states


def get_or_404(application_id: str) -> ShareApplication:
    application = model.Session.get(ShareApplication, application_id)
    if application is None:
        raise tk.ObjectNotFound(_("Share application not found"))
    return application


def _event(application: ShareApplication, from_state: str | None, actor_id: str, note: str = ""):
    model.Session.add(ApplicationEvent(
        application_id=application.id, from_state=from_state, to_state=application.state,
        actor_id=actor_id, at=dt.datetime.utcnow(), note=note))


def create(dataset: dict[str, Any], applicant: model.User, applicant_org_id: str,
           purpose: str, scope: str, legal_basis: str, resource_ids: list[str]) -> ShareApplication:
    now = dt.datetime.utcnow()
    application = ShareApplication(
        id=str(uuid.uuid4()), package_id=dataset["id"], owner_org_id=dataset["owner_org"],
        applicant_user_id=applicant.id, applicant_org_id=applicant_org_id, purpose=purpose,
        scope=scope, legal_basis=legal_basis, resource_ids=resource_ids,
        state=states.SUBMITTED, submitted_at=now,
        reply_due=deadlines.due_date(deadlines.today(), "share_reply_days"))
    model.Session.add(application)
    _event(application, None, applicant.id, purpose)
    model.Session.commit()
    notify.send(notify.org_editors(dataset["owner_org"]),
                _("New share application: {title}").format(title=dataset["title"]),
                _("{department} applies to use {title}.\nPurpose: {purpose}\n"
                  "Please answer by {due} (Art. 18): {url}").format(
                    department=model.Group.get(applicant_org_id).title, title=dataset["title"],
                    purpose=purpose, due=application.reply_due.isoformat(),
                    url=notify.application_url(application.id)))
    return application


def decide(application: ShareApplication, actor: model.User, approve: bool, reason: str,
           expires_at: dt.datetime | None) -> ShareApplication:
    before = application.state
    application.state = states.APPROVED if approve else states.REFUSED
    application.decided_at = dt.datetime.utcnow()
    application.decided_by = actor.id
    application.decision_reason = reason
    if approve:
        grant = grants.create("share", application.package_id, "organization",
                              application.applicant_org_id, actor.id, application.id, expires_at)
        application.grant_id = grant.id
    _event(application, before, actor.id, reason)
    model.Session.commit()
    title = model.Package.get(application.package_id).title
    verdict = _("approved") if approve else _("refused")
    notify.send(notify.org_members(application.applicant_org_id),
                _("Share application {verdict}: {title}").format(verdict=verdict, title=title),
                _("Your application to use {title} was {verdict}. {reason}\n{url}").format(
                    title=title, verdict=verdict, reason=reason,
                    url=notify.application_url(application.id)))
    return application


def escalate(application: ShareApplication, actor: model.User, reason: str) -> ShareApplication:
    before = application.state
    application.state = states.ESCALATED
    application.escalated_at = dt.datetime.utcnow()
    application.escalation_reason = reason
    _event(application, before, actor.id, reason)
    model.Session.commit()
    bureau = model.Group.by_name(tk.config.get("ckanext.dazhou.bureau_org") or "")
    if bureau is not None:
        title = model.Package.get(application.package_id).title
        notify.send(notify.org_editors(bureau.id),
                    _("Share dispute for coordination: {title}").format(title=title),
                    _("A refused share application was escalated to the bureau (Art. 23).\n"
                      "Reason: {reason}\n{url}").format(
                        reason=reason, url=notify.application_url(application.id)))
    return application


def events(application_id: str) -> list[ApplicationEvent]:
    return list(model.Session.scalars(
        sa.select(ApplicationEvent).where(ApplicationEvent.application_id == application_id)
        .order_by(ApplicationEvent.at, ApplicationEvent.id)))
