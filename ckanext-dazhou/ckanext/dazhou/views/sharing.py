"""Pages of the share application workflow (Art. 18, 21, 23)."""
from __future__ import annotations

import flask

import ckan.plugins.toolkit as tk
from ckan.common import _

from ckanext.dazhou import deadlines
from ckanext.dazhou.access.roles import viewer_for
from ckanext.dazhou.views import forms

sharing = flask.Blueprint("dazhou_sharing", __name__)

ROWS = 20


@sharing.route("/dataset/<id>/share-apply", methods=["GET", "POST"])
def apply(id: str):
    try:
        dataset = tk.get_action("package_show")(forms.context(), {"id": id})
        tk.check_access("dazhou_share_application_create", forms.context(), {"package_id": id})
    except tk.ObjectNotFound:
        return tk.abort(404, _("Dataset not found"))
    except tk.NotAuthorized as error:
        return forms.forbidden(error)
    form = dict(flask.request.form) if flask.request.method == "POST" else {}
    errors: dict[str, list[str]] = {}
    if flask.request.method == "POST":
        data = {k: form.get(k, "") for k in ("purpose", "scope", "legal_basis", "organization_id")}
        data["package_id"] = dataset["id"]
        data["resource_ids"] = flask.request.form.getlist("resource_ids")
        try:
            application = tk.get_action("dazhou_share_application_create")(forms.context(), data)
        except tk.ValidationError as error:
            errors = forms.field_errors(error)
        else:
            tk.h.flash_success(_("Application submitted; the provider answers by {due}").format(
                due=application["reply_due"]))
            return tk.redirect_to("dazhou_sharing.show", id=application["id"])
    organizations = tk.get_action("organization_list_for_user")(forms.context(), {"permission": "read"})
    return tk.render("dazhou/sharing/apply.html", {
        "pkg_dict": dataset, "form": form, "errors": errors, "organizations": organizations,
        "reply_days": deadlines.reply_days("share_reply_days")})


@sharing.route("/dashboard/share-applications")
def index():
    role = flask.request.args.get("role", "applicant")
    state = flask.request.args.get("state") or None
    result = forms.fetch("dazhou_share_application_list", {
        "role": role, "state": state, "page": forms.page_number(), "rows": ROWS})
    pager = forms.pager(result["page"], result["count"], "dazhou_sharing.index", role=role,
                        state=state or "")
    return tk.render("dazhou/sharing/index.html", {
        "result": result, "role": role, "state": state, "page": pager,
        "viewer": viewer_for(tk.current_user)})


@sharing.route("/share-application/<id>")
def show(id: str):
    application = forms.fetch("dazhou_share_application_show", {"id": id})
    return tk.render("dazhou/sharing/show.html", {
        "application": application,
        "can_decide": tk.h.check_access("dazhou_share_application_decide", {"id": id}),
        "can_escalate": (application["state"] == "refused" and tk.h.check_access(
            "dazhou_share_application_escalate", {"id": id})),
    })


@sharing.route("/share-application/<id>/<verb>", methods=["POST"])
def act(id: str, verb: str):
    actions = {"decide": "dazhou_share_application_decide",
               "escalate": "dazhou_share_application_escalate"}
    if verb not in actions:
        return tk.abort(404)
    data = {k: v for k, v in flask.request.form.items() if k != "_csrf_token" and v != ""}
    data["id"] = id
    refused = forms.run_form_action(actions[verb], data, _("Saved"))
    return refused or tk.redirect_to("dazhou_sharing.show", id=id)


@sharing.route("/dataset/<id>/access")
def access(id: str):
    """Grants and the access log of one dataset, for its provider and the bureau."""
    dataset = forms.fetch("package_show", {"id": id})
    grant_list = forms.fetch("dazhou_grant_list", {"package_id": dataset["id"]})
    log = forms.fetch("dazhou_access_log_list", {
        "package_id": dataset["id"], "page": forms.page_number(), "rows": ROWS})
    pager = forms.pager(log["page"], log["count"], "dazhou_sharing.access", id=id)
    names = _grantee_names(grant_list)
    return tk.render("dazhou/sharing/access.html", {
        "pkg_dict": dataset, "grants": grant_list, "grantee_names": names, "log": log, "page": pager})


@sharing.route("/grant/<id>/revoke", methods=["POST"])
def revoke(id: str):
    package_id = flask.request.form.get("package_id", "")
    try:
        tk.get_action("dazhou_grant_revoke")(
            forms.context(), {"id": id, "reason": flask.request.form.get("reason", "")})
    except tk.NotAuthorized as error:
        return forms.forbidden(error)
    except (tk.ValidationError, tk.ObjectNotFound) as error:
        tk.h.flash_error(forms.errors_text(error) if isinstance(error, tk.ValidationError)
                         else str(error))
    else:
        tk.h.flash_success(_("Grant revoked"))
    return tk.redirect_to("dazhou_sharing.access", id=package_id)


def _grantee_names(grant_list: list[dict]) -> dict[str, str]:
    """Display names of grantees (departments and users), two queries for the whole list."""
    import sqlalchemy as sa
    from ckan import model

    org_ids = {g["grantee_id"] for g in grant_list if g["grantee_type"] == "organization"}
    user_ids = {g["grantee_id"] for g in grant_list if g["grantee_type"] == "user"}
    names = dict(model.Session.execute(
        sa.select(model.Group.id, model.Group.title).where(model.Group.id.in_(org_ids))).all())
    names.update(model.Session.execute(
        sa.select(model.User.id, model.User.name).where(model.User.id.in_(user_ids))).all())
    return names
