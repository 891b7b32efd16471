"""The login form's POST, handled before CKAN's view (IAuthenticator.login).

Same steps as CKAN 2.12's `user.login`, plus: throttling (a locked account or address is
refused before its password is checked) and "remember me" that never answers 500: CKAN
reads the checkbox value as milliseconds (`int("on")` fails); the cookie's lifetime is the
site's `REMEMBER_COOKIE_DURATION`, not a number the client sends.
"""
from __future__ import annotations

import math

from flask_login import login_user

import ckan.lib.authenticator as authenticator
import ckan.lib.base as base
import ckan.plugins.toolkit as tk
from ckan.common import _, current_user, request
from ckan.lib.helpers import helper_functions as h
from ckan.types import Response
from ckan.views import user as user_views

from ckanext.dazhou.access.roles import viewer_for
from ckanext.dazhou.signin import throttle


def _refuse(message: str) -> str:
    h.flash_error(message)
    return base.render("user/login.html", {})


def handle_login() -> Response | str | None:
    """The response to a login POST; None lets CKAN render the form."""
    if request.method != "POST" or current_user.is_authenticated:
        return None
    login = request.form.get("login") or ""
    address = request.remote_addr
    locked = throttle.lockout_seconds(login, address)
    if locked:
        return _refuse(_("Too many failed sign-ins. Please try again in %(minutes)s minutes.")
                       % {"minutes": math.ceil(locked / 60)})

    user_obj = authenticator.ckan_authenticator(
        {"login": login, "password": request.form.get("password")})
    if not user_obj:
        throttle.record_failure(login, address)
        if tk.config.get("ckan.recaptcha.privatekey"):
            return _refuse(_("Login failed. Bad username or password or CAPTCHA."))
        return _refuse(_("Login failed. Bad username or password."))

    throttle.record_success(login)
    target = request.args.get("next", request.args.get("came_from"))
    user_views.regenerate_session()
    login_user(user_obj, remember=bool(request.form.get("remember")))
    user_views.rotate_token()
    if not (target and h.url_is_local(target)) and viewer_for(user_obj).is_staff:
        # departments and the bureau work from the workbench; the public keeps CKAN's default
        return tk.redirect_to("dazhou_work.index")
    return user_views.next_page_or_default(target)
