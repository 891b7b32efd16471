"""What the workflow pages share: the caller's context, form errors, pagers, display names."""
from __future__ import annotations

from typing import Any, Iterable

import flask
import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.pagination import Page

ROWS = 20


def context() -> dict[str, Any]:
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}


def forbidden(error: tk.NotAuthorized | None = None):
    """An anonymous visitor signs in first and comes back; a signed-in user who may not
    see the page gets 403 with the reason (CKAN's own anonymous message names the action)."""
    if not tk.current_user.is_authenticated:
        return tk.redirect_to("user.login", came_from=flask.request.full_path.rstrip("?"))
    return tk.abort(403, str(error) if error else tk._("You may not see this page"))


def field_errors(error: tk.ValidationError) -> dict[str, list[str]]:
    return {field: [str(m) for m in messages] for field, messages in error.error_dict.items()
            if isinstance(messages, list)}


def errors_text(error: tk.ValidationError) -> str:
    return "；".join(m for messages in field_errors(error).values() for m in messages)


def run_form_action(action: str, data: dict[str, Any], done: str):
    """A page's form posted to an action: flash `done` or the rule that failed (the form
    comes back); a 403 or 404 is returned or raised at once (the caller returns it)."""
    try:
        tk.get_action(action)(context(), data)
    except tk.NotAuthorized as error:
        return forbidden(error)
    except tk.ObjectNotFound as error:
        return tk.abort(404, str(error))
    except tk.ValidationError as error:
        tk.h.flash_error(errors_text(error))
    else:
        tk.h.flash_success(done)
    return None


def fetch(action: str, data: dict[str, Any]) -> dict[str, Any]:
    """A page's read action: its result, else the sign-in/403, a 404, or a 400 naming the
    parameter that failed (a page never answers bad query strings with a 500)."""
    try:
        return tk.get_action(action)(context(), data)
    except tk.NotAuthorized as error:
        flask.abort(forbidden(error))  # forbidden() itself aborts for signed-in users
    except tk.ObjectNotFound as error:
        tk.abort(404, str(error))
    except tk.ValidationError as error:
        tk.abort(400, errors_text(error))
    raise AssertionError("unreachable")


def form_data(*fields: str) -> dict[str, str]:
    return {f: flask.request.form.get(f, "").strip() for f in fields}


def page_number() -> str:
    """The query's page as sent: the list action validates it (logic/params.py)."""
    return flask.request.args.get("page") or "1"


def pager(page: int, count: int, endpoint: str, rows: int = ROWS, **args: Any) -> Page:
    return Page(collection=[], page=page, item_count=count, items_per_page=rows,
                url=lambda q=None, page=1: tk.h.url_for(endpoint, page=page, **args))


def names(results: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Titles of the datasets, departments and users that list rows refer to, in three queries."""
    rows = list(results)
    package_ids = {r["package_id"] for r in rows if r.get("package_id")}
    org_ids = {r["owner_org_id"] for r in rows if r.get("owner_org_id")}
    user_ids = {r.get(k) for r in rows for k in ("reporter_user_id", "applicant_user_id") if r.get(k)}
    packages = {p.id: {"name": p.name, "title": p.title or p.name} for p in model.Session.execute(
        sa.select(model.Package.id, model.Package.name, model.Package.title)
        .where(model.Package.id.in_(package_ids)))}
    orgs = dict(model.Session.execute(
        sa.select(model.Group.id, model.Group.title).where(model.Group.id.in_(org_ids))).all())
    users = {u.id: u.fullname or u.name for u in model.Session.execute(
        sa.select(model.User.id, model.User.name, model.User.fullname)
        .where(model.User.id.in_(user_ids)))}
    return {"packages": packages, "orgs": orgs, "users": users}


def departments() -> list[dict[str, Any]]:
    """Every active organization for a select (id, name, display_name), by title, in one
    query: organization_list with all_fields counted datasets and members of each (issue 17).
    Organizations are public (organization_list answers anyone the same)."""
    rows = model.Session.execute(
        sa.select(model.Group.id, model.Group.name, model.Group.title)
        .where(model.Group.is_organization, model.Group.state == "active")
        .order_by(model.Group.title, model.Group.name).limit(1000)).all()
    return [{"id": r.id, "name": r.name, "title": r.title, "display_name": r.title or r.name}
            for r in rows]
