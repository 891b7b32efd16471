"""What every admin view shares: bureau-only access and Flask-WTF CSRF on every form."""
from __future__ import annotations

import datetime as dt

from flask import redirect, request, url_for
from flask_admin import BaseView
from flask_admin.contrib.sqla import ModelView
from flask_admin.model import typefmt
from flask_wtf import FlaskForm

from ckanext.dazhou import dates

from flask_admin_app.auth import current_user


class CSRFForm(FlaskForm):
    """Flask-Admin's SecureForm has its own token format, which the app-wide CSRFProtect
    would reject; Flask-WTF's form carries the token CSRFProtect checks."""


class StaffOnly:
    def is_accessible(self) -> bool:
        return current_user() is not None

    def inaccessible_callback(self, name, **kwargs):
        return redirect(url_for("auth.login", next=request.full_path))


def local_time(value) -> str:
    """Stored naive UTC → 2026-12-02 14:35 in Asia/Shanghai (no seconds, no microseconds)."""
    return dates.time_text(value, dates.DEFAULT_ZONE)


def local_day(value) -> str:
    return dates.iso_day(value, dates.DEFAULT_ZONE)


def _typed(base: dict) -> dict:
    formatters = dict(base)
    formatters[dt.datetime] = lambda _view, value, _name: local_time(value)
    formatters[dt.date] = lambda _view, value, _name: value.isoformat()
    return formatters


class StaffModelView(StaffOnly, ModelView):
    form_base_class = CSRFForm
    column_type_formatters = _typed(typefmt.BASE_FORMATTERS)
    column_type_formatters_detail = _typed(typefmt.DETAIL_FORMATTERS)
    page_size = 50
    can_view_details = True


class StaffView(StaffOnly, BaseView):
    pass
