"""Paged, set-based lists of share applications, with titles and days left."""
from __future__ import annotations

from typing import Any, Iterable

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from ckan import model

from ckanext.dazhou import deadlines
from ckanext.dazhou.model import ShareApplication
from ckanext.dazhou.sharing import states

Owner = aliased(model.Group)
Applicant = aliased(model.Group)


def _base():
    return (
        sa.select(ShareApplication, model.Package.name, model.Package.title,
                  Owner.title.label("owner_title"), Applicant.title.label("applicant_title"),
                  model.User.name.label("applicant_user_name"),
                  model.User.fullname.label("applicant_user_fullname"))
        .join(model.Package, model.Package.id == ShareApplication.package_id)
        .join(Owner, Owner.id == ShareApplication.owner_org_id)
        .join(Applicant, Applicant.id == ShareApplication.applicant_org_id)
        .join(model.User, model.User.id == ShareApplication.applicant_user_id)
    )


def page(applicant_org_ids: Iterable[str] | None = None, owner_org_ids: Iterable[str] | None = None,
         state: str | None = None, package_id: str | None = None, offset: int = 0,
         limit: int = 20) -> tuple[int, list[dict[str, Any]]]:
    """(total, rows) of the applications matching every given filter; None means no filter."""
    query = _base()
    if applicant_org_ids is not None:
        query = query.where(ShareApplication.applicant_org_id.in_(list(applicant_org_ids)))
    if owner_org_ids is not None:
        query = query.where(ShareApplication.owner_org_id.in_(list(owner_org_ids)))
    if state:
        query = query.where(ShareApplication.state == state)
    if package_id:
        query = query.where(ShareApplication.package_id == package_id)
    total = model.Session.execute(
        sa.select(sa.func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    rows = model.Session.execute(
        query.order_by(ShareApplication.reply_due, ShareApplication.submitted_at.desc())
        .offset(offset).limit(limit)).all()
    return total, [as_dict(*row) for row in rows]


def as_dict(application: ShareApplication, package_name: str, package_title: str,
            owner_title: str, applicant_title: str, applicant_user_name: str,
            applicant_user_fullname: str | None = None) -> dict[str, Any]:
    open_ = application.state in states.OPEN_STATES
    return {
        "id": application.id,
        "package_id": application.package_id, "package_name": package_name,
        "package_title": package_title,
        "owner_org_id": application.owner_org_id, "owner_org_title": owner_title,
        "applicant_org_id": application.applicant_org_id, "applicant_org_title": applicant_title,
        "applicant_user_id": application.applicant_user_id,
        "applicant_user_name": applicant_user_name,
        "applicant_user_display_name": applicant_user_fullname or applicant_user_name,
        "purpose": application.purpose, "scope": application.scope,
        "legal_basis": application.legal_basis, "resource_ids": application.resource_ids or [],
        "state": application.state,
        "submitted_at": application.submitted_at.isoformat(),
        "reply_due": application.reply_due.isoformat(),
        "working_days_left": (deadlines.working_days_left(application.reply_due)
                              if application.state == states.SUBMITTED else None),
        "decided_at": application.decided_at.isoformat() if application.decided_at else None,
        "decided_by": application.decided_by, "decision_reason": application.decision_reason,
        "escalated_at": application.escalated_at.isoformat() if application.escalated_at else None,
        "escalation_reason": application.escalation_reason, "grant_id": application.grant_id,
        "open": open_,
    }


def one(application_id: str) -> dict[str, Any] | None:
    row = model.Session.execute(_base().where(ShareApplication.id == application_id)).first()
    return as_dict(*row) if row else None
