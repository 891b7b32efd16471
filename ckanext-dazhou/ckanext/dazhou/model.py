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
