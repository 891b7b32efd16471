"""Tables of the admin app, all in the schema dazhou_admin (created by the first migration)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from ckanext.dazhou.dates import utc_now

from flask_admin_app.config import SCHEMA
from flask_admin_app.states import DECLARED


class Base(DeclarativeBase):
    metadata = sa.MetaData(schema=SCHEMA)


def _now() -> datetime:
    return utc_now()  # stored as naive UTC, shown in Asia/Shanghai (ckanext.dazhou.dates)


class Expert(Base):
    """A member of the public data expert advisory committee (Art. 6)."""
    __tablename__ = "expert"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    organization: Mapped[str] = mapped_column(sa.String(200), default="")
    title: Mapped[str] = mapped_column(sa.String(100), default="")  # professional title
    specialty: Mapped[str] = mapped_column(sa.String(200), default="")
    phone: Mapped[str] = mapped_column(sa.String(50), default="")
    email: Mapped[str] = mapped_column(sa.String(200), default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)

    def __str__(self) -> str:
        return f"{self.name}（{self.organization}）" if self.organization else self.name


class Project(Base):
    """A public data IT project of a municipal department (Art. 7–9)."""
    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    department: Mapped[str] = mapped_column(sa.String(200))
    name: Mapped[str] = mapped_column(sa.String(300))
    investment_yuan: Mapped[int] = mapped_column(sa.BigInteger)
    funding_source: Mapped[str] = mapped_column(sa.String(200), default="")
    construction_content: Mapped[str] = mapped_column(sa.Text, default="")
    # One planned data item a line: "名称" or "名称|数据元代码".
    planned_data_items: Mapped[str] = mapped_column(sa.Text, default="")
    security_plan: Mapped[str] = mapped_column(sa.Text, default="")
    operation_maintenance: Mapped[str] = mapped_column(sa.Text, default="")
    state: Mapped[str] = mapped_column(sa.String(30), default=DECLARED)

    review_opinion: Mapped[str] = mapped_column(sa.Text, default="")
    review_conclusion: Mapped[str] = mapped_column(sa.String(30), default="")
    opinion_issued_at: Mapped[datetime | None]
    opinion_issued_by: Mapped[str] = mapped_column(sa.String(100), default="")
    approved_at: Mapped[datetime | None]
    funded_at: Mapped[datetime | None]
    tendered_at: Mapped[datetime | None]
    procured_at: Mapped[datetime | None]
    construction_started_at: Mapped[datetime | None]
    acceptance_date: Mapped[date | None]
    acceptance_result: Mapped[str] = mapped_column(sa.String(30), default="")
    acceptance_notes: Mapped[str] = mapped_column(sa.Text, default="")
    filed_at: Mapped[datetime | None]
    filing_number: Mapped[str] = mapped_column(sa.String(100), default="")

    created_at: Mapped[datetime] = mapped_column(default=_now)
    created_by: Mapped[str] = mapped_column(sa.String(100), default="")

    reviews: Mapped[list[ExpertReview]] = relationship(
        back_populates="project", cascade="all, delete-orphan")

    def __str__(self) -> str:
        # `department` is a CKAN organization's name; pages show its title (departments.py)
        return self.name


class ExpertReview(Base):
    """An expert assigned to a project, and the opinion they recorded (Art. 6–7)."""
    __tablename__ = "expert_review"
    __table_args__ = (sa.UniqueConstraint("project_id", "expert_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"))
    expert_id: Mapped[int] = mapped_column(sa.ForeignKey("expert.id", ondelete="RESTRICT"))
    # checklist key -> result code (see checklist.py); empty until the expert answers.
    answers: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    comments: Mapped[str] = mapped_column(sa.Text, default="")
    submitted_at: Mapped[datetime | None]
    assigned_at: Mapped[datetime] = mapped_column(default=_now)
    assigned_by: Mapped[str] = mapped_column(sa.String(100), default="")

    project: Mapped[Project] = relationship(back_populates="reviews")
    expert: Mapped[Expert] = relationship()

    def __str__(self) -> str:
        return f"{self.expert} / {self.project.name if self.project else ''}"


class AuditEntry(Base):
    """One change: who, what, when, before and after. Written by audit.py, never edited."""
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=_now, index=True)
    actor: Mapped[str] = mapped_column(sa.String(100))
    action: Mapped[str] = mapped_column(sa.String(100))  # create/update/delete or a transition
    table_name: Mapped[str] = mapped_column(sa.String(100))
    row_id: Mapped[str] = mapped_column(sa.String(100), default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)


class StaffSession(Base):
    """A signed-in staff member's CKAN token, kept on the server: the browser's cookie holds
    only the random id, so a copied cookie reveals no token and dies with sign-out."""
    __tablename__ = "staff_session"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_name: Mapped[str] = mapped_column(sa.String(100))
    token: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    last_seen: Mapped[datetime] = mapped_column(default=_now)
