"""E-mails about share applications, through CKAN's mailer. A mail failure never blocks
the workflow: the dashboard lists are the record, the mail is a courtesy."""
from __future__ import annotations

import logging

import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import mailer

log = logging.getLogger(__name__)


def org_users(org_id: str, capacities: tuple[str, ...] = ("member", "editor", "admin")) -> list[model.User]:
    """Active users of an organization with one of the capacities (one query)."""
    return list(model.Session.scalars(
        sa.select(model.User)
        .join(model.Member, sa.and_(model.Member.table_id == model.User.id,
                                    model.Member.table_name == "user"))
        .where(model.Member.group_id == org_id, model.Member.state == "active",
               model.Member.capacity.in_(capacities), model.User.state == "active")))


def org_editors(org_id: str) -> list[model.User]:
    return org_users(org_id, ("editor", "admin"))


def org_members(org_id: str) -> list[model.User]:
    return org_users(org_id)


def send(users: list[model.User], subject: str, body: str) -> int:
    if not tk.config.get("smtp.mail_from"):  # CKAN's mailer fails on it with an AttributeError
        log.info("smtp.mail_from is not set: %d mails about %r not sent", len(users), subject)
        return 0
    sent = 0
    for user in users:
        if not user.email:
            continue
        try:
            mailer.mail_user(user, subject, body)
            sent += 1
        except (mailer.MailerException, OSError) as error:
            log.warning("could not mail %s: %s", user.name, error)
    return sent


def application_url(application_id: str) -> str:
    return tk.url_for("dazhou_sharing.show", id=application_id, _external=True)
