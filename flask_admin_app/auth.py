"""Sign-in with a CKAN API token, checked against CKAN; only bureau staff enter.

CKAN 2.12 has no action that checks a password, and posting to its login form would depend on
its HTML and CSRF. So staff paste a CKAN API token (created on their CKAN page
/user/<name>/api-tokens): `user_show` without an id returns the token's own user (with the
sysadmin flag), `organization_list_for_user` their organizations. Bureau staff are sysadmins
and members of the bureau organization (ckanext.dazhou.bureau_org). The check is repeated
after `recheck_seconds`, so removing someone from the bureau in CKAN locks them out.

The token stays on the server (table staff_session); Flask's cookie is signed, not encrypted,
so it carries only the session's random id. Sign-out deletes the row: a copied cookie is
worthless from then on, and so is one idle for longer than PERMANENT_SESSION_LIFETIME.
"""
from __future__ import annotations

import secrets
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Iterable

from ckanext.dazhou.dates import utc_now
from flask import (Blueprint, current_app, flash, g, redirect, render_template, request, session,
                   url_for)
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired

import sqlalchemy as sa

from flask_admin_app import ckan_client
from flask_admin_app.models import StaffSession


class SignInRefused(Exception):
    """The token is invalid or its user is not bureau staff; the message is shown."""


@dataclass(frozen=True)
class StaffUser:
    name: str
    display_name: str
    sysadmin: bool


def is_bureau(user: dict[str, Any], organizations: Iterable[dict[str, Any]], bureau_org: str) -> bool:
    """Sysadmins and members (any capacity) of the bureau organization."""
    if user.get("sysadmin"):
        return True
    return any(bureau_org in (org.get("name"), org.get("id")) for org in organizations)


def identify(ckan_url: str, token: str, bureau_org: str) -> StaffUser:
    """The bureau staff member the token belongs to, or SignInRefused."""
    from ckanapi.errors import NotAuthorized, NotFound, ValidationError

    token = (token or "").strip()
    if not token:
        raise SignInRefused("请输入 CKAN API 令牌。")
    try:
        user = ckan_client.call(ckan_url, token, "user_show", {})
        if not user or not user.get("name") or user.get("state") != "active":
            raise SignInRefused("令牌无效或账号已停用。")
        organizations = ckan_client.call(ckan_url, token, "organization_list_for_user",
                                         {"id": user["name"], "permission": "read"})
    except (NotAuthorized, NotFound, ValidationError) as error:
        raise SignInRefused("CKAN 未接受该令牌：令牌无效、已撤销或已过期。") from error
    except ckan_client.CKANUnavailable as error:
        raise SignInRefused(str(error)) from error
    if not is_bureau(user, organizations, bureau_org):
        raise SignInRefused(
            f"账号 {user['name']} 不是市大数据局工作人员（系统管理员或 {bureau_org} 组织成员），无权进入。")
    return StaffUser(user["name"], user.get("display_name") or user["name"], bool(user.get("sysadmin")))


def _db():
    return current_app.extensions["dazhou_db"]


def _idle_limit() -> datetime:
    return utc_now() - current_app.permanent_session_lifetime


def sign_in(user: StaffUser, token: str) -> None:
    session.clear()  # a fresh session on sign-in (no fixation)
    sid = secrets.token_urlsafe(32)
    db = _db()
    # Core statements, not ORM objects: the audit trail must never copy a token
    db.execute(sa.delete(StaffSession).where(StaffSession.last_seen < _idle_limit()))
    db.execute(sa.insert(StaffSession).values(id=sid, user_name=user.name, token=token,
                                              created_at=utc_now(), last_seen=utc_now()))
    db.commit()
    session["sid"] = sid
    session["user"] = asdict(user)
    session["checked_at"] = time.time()
    session.permanent = True


def sign_out() -> None:
    if session.get("sid"):
        db = _db()
        db.execute(sa.delete(StaffSession).where(StaffSession.id == session["sid"]))
        db.commit()
    session.clear()


def _server_token() -> str | None:
    """The token of the cookie's live server session (None: signed out, expired or forged)."""
    sid = session.get("sid")
    if not sid:
        return None
    db = _db()
    token = db.execute(
        sa.update(StaffSession)
        .where(StaffSession.id == sid, StaffSession.last_seen >= _idle_limit())
        .values(last_seen=utc_now()).returning(StaffSession.token)).scalar_one_or_none()
    db.commit()
    return token


def current_user() -> dict[str, Any] | None:
    return session.get("user") if session.get("sid") else None


def user_token() -> str:
    """This request's CKAN token (read from the server session by require_bureau_staff)."""
    return g.get("ckan_token", "")


OPEN_ENDPOINTS = {"auth.login", "static", "admin.static"}


def require_bureau_staff():
    """before_request: every page but the sign-in needs a bureau user, re-checked periodically."""
    if request.endpoint in OPEN_ENDPOINTS or (request.endpoint or "").endswith(".static"):
        return None
    token = _server_token() if current_user() else None
    if token is None:
        if session.get("sid"):  # signed out elsewhere, expired or forged: forget it
            session.clear()  # (never for a visitor: it would drop the login form's CSRF secret)
        return redirect(url_for("auth.login", next=request.full_path))
    g.ckan_token = token
    settings = current_app.config["DAZHOU"]
    if time.time() - session.get("checked_at", 0) > settings.recheck_seconds:
        try:
            user = identify(settings.ckan_url, user_token(), settings.bureau_org)
        except SignInRefused as error:
            sign_out()
            flash(str(error), "error")
            return redirect(url_for("auth.login"))
        session["user"] = asdict(user)
        session["checked_at"] = time.time()
    return None


class LoginForm(FlaskForm):
    token = PasswordField("CKAN API 令牌", validators=[DataRequired("请输入 CKAN API 令牌。")])


blueprint = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    # Only local paths, never another host (open redirect).
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("admin.index")


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    settings = current_app.config["DAZHOU"]
    if form.validate_on_submit():
        try:
            user = identify(settings.ckan_url, form.token.data, settings.bureau_org)
        except SignInRefused as error:
            flash(str(error), "error")
        else:
            sign_in(user, form.token.data.strip())
            return redirect(_safe_next(request.args.get("next")))
    return render_template("admin_app/login.html", form=form, ckan_url=settings.ckan_url)


@blueprint.route("/logout", methods=["POST"])
def logout():
    sign_out()
    flash("已退出。", "info")
    return redirect(url_for("auth.login"))
