"""Tables of the dazhou plugin (created by migration/dazhou, `ckan db upgrade -p dazhou`)."""
from __future__ import annotations

import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

import ckan.plugins.toolkit as tk


class CatalogEntry(tk.BaseModel):
    """One row per cataloged dataset; the unique key keeps resource codes unique."""

    __tablename__ = "dazhou_catalog_entry"
    package_id: Mapped[str] = mapped_column(
        sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"), primary_key=True)
    resource_code: Mapped[str] = mapped_column(sa.UnicodeText, unique=True)


class AuthoritativeItem(tk.BaseModel):
    """A data item and the one dataset that is its authoritative source (Art. 14)."""

    __tablename__ = "dazhou_authoritative_item"
    identity: Mapped[str] = mapped_column(sa.UnicodeText, primary_key=True)
    item_name: Mapped[str] = mapped_column(sa.UnicodeText)
    item_code: Mapped[str] = mapped_column(sa.UnicodeText, default="")
    package_id: Mapped[str] = mapped_column(
        sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"), index=True)
    claimed: Mapped[datetime.datetime] = mapped_column(sa.DateTime, server_default=sa.func.now())


class CodeSequence(tk.BaseModel):
    """The last sequence number used per resource code prefix."""

    __tablename__ = "dazhou_code_sequence"
    prefix: Mapped[str] = mapped_column(sa.UnicodeText, primary_key=True)
    last_value: Mapped[int] = mapped_column(sa.Integer)


class AccessGrant(tk.BaseModel):
    """Permission to use a dataset's resources (Art. 18, 27).

    kind "share": a department (grantee_type "organization") may use a conditional-share
    dataset; kind "open": a user (grantee_type "user") may download a conditional-open one.
    Active while not revoked and not expired.
    """

    __tablename__ = "dazhou_access_grant"
    id: Mapped[str] = mapped_column(sa.UnicodeText, primary_key=True)
    kind: Mapped[str] = mapped_column(sa.UnicodeText)
    package_id: Mapped[str] = mapped_column(
        sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"), index=True)
    grantee_type: Mapped[str] = mapped_column(sa.UnicodeText)
    grantee_id: Mapped[str] = mapped_column(sa.UnicodeText, index=True)
    application_id: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)
    granted_by: Mapped[str] = mapped_column(sa.UnicodeText)
    granted_at: Mapped[datetime.datetime] = mapped_column(sa.DateTime)
    expires_at: Mapped[datetime.datetime | None] = mapped_column(sa.DateTime, nullable=True)
    revoked_at: Mapped[datetime.datetime | None] = mapped_column(sa.DateTime, nullable=True)
    revoked_by: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)
    revoke_reason: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)


class ShareApplication(tk.BaseModel):
    """A department's application to use a conditional-share dataset (Art. 18, 21, 23)."""

    __tablename__ = "dazhou_share_application"
    id: Mapped[str] = mapped_column(sa.UnicodeText, primary_key=True)
    package_id: Mapped[str] = mapped_column(
        sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"), index=True)
    owner_org_id: Mapped[str] = mapped_column(sa.UnicodeText, index=True)
    applicant_user_id: Mapped[str] = mapped_column(sa.UnicodeText, index=True)
    applicant_org_id: Mapped[str] = mapped_column(sa.UnicodeText, index=True)
    purpose: Mapped[str] = mapped_column(sa.UnicodeText)
    scope: Mapped[str] = mapped_column(sa.UnicodeText)
    legal_basis: Mapped[str] = mapped_column(sa.UnicodeText)
    resource_ids: Mapped[list] = mapped_column(sa.JSON, default=list)
    state: Mapped[str] = mapped_column(sa.UnicodeText, index=True)
    submitted_at: Mapped[datetime.datetime] = mapped_column(sa.DateTime)
    reply_due: Mapped[datetime.date] = mapped_column(sa.Date)
    decided_at: Mapped[datetime.datetime | None] = mapped_column(sa.DateTime, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)
    decision_reason: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)
    escalated_at: Mapped[datetime.datetime | None] = mapped_column(sa.DateTime, nullable=True)
    escalation_reason: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)
    grant_id: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)


class ApplicationEvent(tk.BaseModel):
    """Every state change of an application, with actor and time."""

    __tablename__ = "dazhou_application_event"
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(sa.UnicodeText, index=True)
    from_state: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)
    to_state: Mapped[str] = mapped_column(sa.UnicodeText)
    actor_id: Mapped[str] = mapped_column(sa.UnicodeText)
    at: Mapped[datetime.datetime] = mapped_column(sa.DateTime)
    note: Mapped[str] = mapped_column(sa.UnicodeText, default="")


class AccessLogEntry(tk.BaseModel):
    """One access (or refused attempt) to a resource of a conditional or not-shared dataset."""

    __tablename__ = "dazhou_access_log"
    id: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True, autoincrement=True)
    at: Mapped[datetime.datetime] = mapped_column(sa.DateTime, index=True)
    user_id: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True, index=True)
    package_id: Mapped[str] = mapped_column(sa.UnicodeText, index=True)
    resource_id: Mapped[str] = mapped_column(sa.UnicodeText)
    allowed: Mapped[bool] = mapped_column(sa.Boolean)
    door: Mapped[str] = mapped_column(sa.UnicodeText)
    # anonymous repeats: one row per (day, resource, door, allowed) counting its hits (0006)
    day: Mapped[datetime.date] = mapped_column(sa.Date)
    hits: Mapped[int] = mapped_column(sa.Integer, default=1)
    # the grant the use was made under: its application states the purpose (Art. 21; 0014)
    grant_id: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)


class Feedback(tk.BaseModel):
    """A reported error in a dataset or resource (纠错, Art. 22)."""

    __tablename__ = "dazhou_feedback"
    id: Mapped[str] = mapped_column(sa.UnicodeText, primary_key=True)
    package_id: Mapped[str] = mapped_column(
        sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"), index=True)
    resource_id: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)
    owner_org_id: Mapped[str] = mapped_column(sa.UnicodeText, index=True)
    reporter_user_id: Mapped[str] = mapped_column(sa.UnicodeText, index=True)
    description: Mapped[str] = mapped_column(sa.UnicodeText)
    state: Mapped[str] = mapped_column(sa.UnicodeText, index=True)  # submitted|accepted|rejected
    submitted_at: Mapped[datetime.datetime] = mapped_column(sa.DateTime)
    reply_due: Mapped[datetime.date] = mapped_column(sa.Date, index=True)
    replied_at: Mapped[datetime.datetime | None] = mapped_column(sa.DateTime, nullable=True)
    replied_by: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)
    reply: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)


class OpenApplication(tk.BaseModel):
    """A request to open data (Art. 27): a conditional-open dataset, a closed one or a free
    description addressed to a department."""

    __tablename__ = "dazhou_open_application"
    id: Mapped[str] = mapped_column(sa.UnicodeText, primary_key=True)
    package_id: Mapped[str | None] = mapped_column(
        sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"), nullable=True, index=True)
    owner_org_id: Mapped[str] = mapped_column(sa.UnicodeText, index=True)
    applicant_user_id: Mapped[str] = mapped_column(sa.UnicodeText, index=True)
    purpose: Mapped[str] = mapped_column(sa.UnicodeText)
    description: Mapped[str] = mapped_column(sa.UnicodeText, default="")
    state: Mapped[str] = mapped_column(sa.UnicodeText, index=True)  # submitted|approved|refused
    submitted_at: Mapped[datetime.datetime] = mapped_column(sa.DateTime)
    reply_due: Mapped[datetime.date] = mapped_column(sa.Date, index=True)
    decided_at: Mapped[datetime.datetime | None] = mapped_column(sa.DateTime, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)
    decision_reason: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)
    grant_id: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)


class DataChange(tk.BaseModel):
    """A department's record that its data changed: starts the Art. 20 and Art. 13 clocks."""

    __tablename__ = "dazhou_data_change"
    id: Mapped[str] = mapped_column(sa.UnicodeText, primary_key=True)
    package_id: Mapped[str] = mapped_column(
        sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"), index=True)
    changed_on: Mapped[datetime.date] = mapped_column(sa.Date)
    recorded_at: Mapped[datetime.datetime] = mapped_column(sa.DateTime)
    recorded_by: Mapped[str] = mapped_column(sa.UnicodeText)
    note: Mapped[str] = mapped_column(sa.UnicodeText, default="")
    shared_due: Mapped[datetime.date] = mapped_column(sa.Date)   # Art. 20: 5 working days
    catalog_due: Mapped[datetime.date] = mapped_column(sa.Date)  # Art. 13: 10 working days


class CalendarDay(tk.BaseModel):
    """The official calendar as a table, so SQL counts working days (workday_index)."""

    __tablename__ = "dazhou_calendar_day"
    day: Mapped[datetime.date] = mapped_column(sa.Date, primary_key=True)
    is_workday: Mapped[bool] = mapped_column(sa.Boolean)
    workday_index: Mapped[int] = mapped_column(sa.Integer)  # working days since the first row


class OfficialYear(tk.BaseModel):
    """A year of the official calendar entered after chinesecalendar's (the bureau's page, the
    command): in the database, so every process on every host counts the same deadlines."""

    __tablename__ = "dazhou_official_year"
    year: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    holidays: Mapped[list] = mapped_column(sa.ARRAY(sa.Date))
    workdays: Mapped[list] = mapped_column(sa.ARRAY(sa.Date))  # make-up workdays on weekends
    entered_by: Mapped[str] = mapped_column(sa.UnicodeText, default="")
    entered: Mapped[datetime.datetime] = mapped_column(sa.DateTime, server_default=sa.func.now())


class ReminderSent(tk.BaseModel):
    """One reminder per item per day, however often `ckan dazhou remind` runs."""

    __tablename__ = "dazhou_reminder_sent"
    item_type: Mapped[str] = mapped_column(sa.UnicodeText, primary_key=True)
    item_id: Mapped[str] = mapped_column(sa.UnicodeText, primary_key=True)
    sent_on: Mapped[datetime.date] = mapped_column(sa.Date, primary_key=True)


class HarvestConflict(tk.BaseModel):
    """A harvested authoritative claim on a data item a local dataset owns (Art. 14).

    One row per harvest source, harvested record (original URI) and item identity; a
    re-harvest moves last_seen, a record that stops making the claim clears it, and the
    bureau resolves it with a note. Package ids carry no foreign key: the harvested dataset
    may not exist yet and the row stays on record after either dataset is purged.
    """

    __tablename__ = "dazhou_harvest_conflict"
    __table_args__ = (sa.UniqueConstraint("harvest_source_id", "original_uri", "identity",
                                          name="dazhou_harvest_conflict_claim"),)
    id: Mapped[str] = mapped_column(sa.UnicodeText, primary_key=True)
    harvest_source_id: Mapped[str] = mapped_column(sa.UnicodeText)
    harvest_source_title: Mapped[str] = mapped_column(sa.UnicodeText, default="")
    original_uri: Mapped[str] = mapped_column(sa.UnicodeText)
    harvested_title: Mapped[str] = mapped_column(sa.UnicodeText, default="")
    harvested_package_id: Mapped[str | None] = mapped_column(
        sa.UnicodeText, nullable=True, index=True)
    identity: Mapped[str] = mapped_column(sa.UnicodeText)  # authority.identity
    item_name: Mapped[str] = mapped_column(sa.UnicodeText)
    item_code: Mapped[str] = mapped_column(sa.UnicodeText, default="")
    owner_package_id: Mapped[str] = mapped_column(sa.UnicodeText, index=True)
    owner_org_id: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True, index=True)
    state: Mapped[str] = mapped_column(sa.UnicodeText, index=True)  # open|resolved|cleared
    first_seen: Mapped[datetime.datetime] = mapped_column(sa.DateTime)
    last_seen: Mapped[datetime.datetime] = mapped_column(sa.DateTime)
    cleared_at: Mapped[datetime.datetime | None] = mapped_column(sa.DateTime, nullable=True)
    resolved_by: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)
    resolved_at: Mapped[datetime.datetime | None] = mapped_column(sa.DateTime, nullable=True)
    resolution_note: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)
