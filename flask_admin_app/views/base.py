"""What every admin view shares: bureau-only access and Flask-WTF CSRF on every form."""
from __future__ import annotations

from flask import redirect, request, url_for
from flask_admin import BaseView
from flask_admin.contrib.sqla import ModelView
from flask_wtf import FlaskForm

from flask_admin_app.auth import current_user


class CSRFForm(FlaskForm):
    """Flask-Admin's SecureForm has its own token format, which the app-wide CSRFProtect
    would reject; Flask-WTF's form carries the token CSRFProtect checks."""


class StaffOnly:
    def is_accessible(self) -> bool:
        return current_user() is not None

    def inaccessible_callback(self, name, **kwargs):
        return redirect(url_for("auth.login", next=request.full_path))


class StaffModelView(StaffOnly, ModelView):
    form_base_class = CSRFForm
    page_size = 50
    can_view_details = True


class StaffView(StaffOnly, BaseView):
    pass
