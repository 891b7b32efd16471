"""Pages of error feedback (Art. 22), open-data applications (Art. 27) and data changes (Art. 13, 20)."""
from __future__ import annotations

import flask

import ckan.plugins.toolkit as tk
from ckan.common import _

from ckanext.dazhou import deadlines
from ckanext.dazhou.access.roles import viewer_for
from ckanext.dazhou.views import forms

workflows = flask.Blueprint("dazhou_workflows", __name__)

ROLES = {"feedback": ("reporter", "owner", "bureau"), "open": ("applicant", "owner", "bureau")}


def _dataset(id: str) -> dict:
    return tk.get_action("package_show")(forms.context(), {"id": id})


def _dataset_for(action: str, id: str):
    """(the dataset, None) when the caller may run `action` on it, else (None, the 404/403)."""
    try:
        dataset = _dataset(id)
        tk.check_access(action, forms.context(), {"package_id": dataset["id"]})
    except tk.ObjectNotFound:
        return None, tk.abort(404, _("Dataset not found"))
    except tk.NotAuthorized as error:
        return None, forms.forbidden(error)
    return dataset, None


def _list_page(action: str, roles: tuple[str, ...], endpoint: str, template: str):
    role = flask.request.args.get("role", roles[0])
    if role not in roles:
        role = roles[0]
    state = flask.request.args.get("state") or None
    result = forms.fetch(action, {"role": role, "state": state, "page": forms.page_number(),
                                  "rows": forms.ROWS})
    return tk.render(template, {
        "result": result, "role": role, "state": state, "names": forms.names(result["results"]),
        "viewer": viewer_for(tk.current_user), "today": deadlines.today().isoformat(),
        "page": forms.pager(result["page"], result["count"], endpoint, role=role,
                            state=state or "")})


def _answer(action: str, id: str, fields: tuple[str, ...], endpoint: str):
    data = {k: v for k, v in forms.form_data(*fields).items() if v}
    data["id"] = id
    refused = forms.run_form_action(action, data, _("Answer saved"))
    return refused or tk.redirect_to(endpoint, role=flask.request.form.get("role") or "owner")


# error feedback (Art. 22)

@workflows.route("/dataset/<id>/feedback", methods=["GET", "POST"])
def feedback_new(id: str):
    dataset, refusal = _dataset_for("dazhou_feedback_create", id)
    if refusal:
        return refusal
    form = forms.form_data("resource_id", "description") if flask.request.method == "POST" else {}
    errors: dict[str, list[str]] = {}
    if flask.request.method == "POST":
        data = {k: v for k, v in form.items() if v}
        data["package_id"] = dataset["id"]
        try:
            feedback = tk.get_action("dazhou_feedback_create")(forms.context(), data)
        except tk.ValidationError as error:
            errors = forms.field_errors(error)
        else:
            tk.h.flash_success(_("Thank you; the provider answers by {due}").format(
                due=feedback["reply_due"]))
            return tk.redirect_to("dazhou_workflows.feedback_index", role="reporter")
    return tk.render("dazhou/workflows/feedback_new.html", {
        "pkg_dict": dataset, "form": form, "errors": errors,
        "reply_days": deadlines.reply_days("feedback_reply_days")})


@workflows.route("/dashboard/feedback")
def feedback_index():
    return _list_page("dazhou_feedback_list", ROLES["feedback"], "dazhou_workflows.feedback_index",
                      "dazhou/workflows/feedback_index.html")


@workflows.route("/feedback/<id>/reply", methods=["POST"])
def feedback_reply(id: str):
    return _answer("dazhou_feedback_reply", id, ("outcome", "reply"), "dazhou_workflows.feedback_index")


# open-data applications (Art. 27)

def _open_apply(dataset: dict | None):
    form = (forms.form_data("organization_id", "description", "purpose")
            if flask.request.method == "POST" else
            {"organization_id": flask.request.args.get("organization", "")})
    errors: dict[str, list[str]] = {}
    if flask.request.method == "POST":
        data = {k: v for k, v in form.items() if v}
        if dataset:
            data = {"package_id": dataset["id"], "purpose": form["purpose"]}
        try:
            application = tk.get_action("dazhou_open_application_create")(forms.context(), data)
        except tk.NotAuthorized as error:
            return forms.forbidden(error)
        except tk.ValidationError as error:
            errors = forms.field_errors(error)
        else:
            tk.h.flash_success(_("Application submitted; the department answers by {due}").format(
                due=application["reply_due"]))
            return tk.redirect_to("dazhou_workflows.open_index", role="applicant")
    return tk.render("dazhou/workflows/open_apply.html", {
        "pkg_dict": dataset, "form": form, "errors": errors,
        "departments": [] if dataset else forms.departments(),
        "reply_days": deadlines.reply_days("open_reply_days")})


@workflows.route("/dataset/<id>/open-apply", methods=["GET", "POST"])
def open_apply_dataset(id: str):
    dataset, refusal = _dataset_for("dazhou_open_application_create", id)
    if refusal:
        return refusal
    return _open_apply(dataset)


@workflows.route("/open-apply", methods=["GET", "POST"])
def open_apply():
    try:
        tk.check_access("dazhou_open_application_create", forms.context(), {})
    except tk.NotAuthorized as error:
        return forms.forbidden(error)
    return _open_apply(None)


@workflows.route("/dashboard/open-applications")
def open_index():
    return _list_page("dazhou_open_application_list", ROLES["open"], "dazhou_workflows.open_index",
                      "dazhou/workflows/open_index.html")


@workflows.route("/open-application/<id>/decide", methods=["POST"])
def open_decide(id: str):
    return _answer("dazhou_open_application_decide", id, ("decision", "reason"),
                   "dazhou_workflows.open_index")


# data changes (Art. 13, 20)

@workflows.route("/dataset/<id>/data-change", methods=["GET", "POST"])
def data_change(id: str):
    dataset, refusal = _dataset_for("dazhou_data_change_record", id)
    if refusal:
        return refusal
    form = (forms.form_data("changed_on", "note") if flask.request.method == "POST"
            else {"changed_on": deadlines.today().isoformat()})
    errors: dict[str, list[str]] = {}
    if flask.request.method == "POST":
        data = {k: v for k, v in form.items() if v}
        data["package_id"] = dataset["id"]
        try:
            change = tk.get_action("dazhou_data_change_record")(forms.context(), data)
        except tk.ValidationError as error:
            errors = forms.field_errors(error)
        else:
            tk.h.flash_success(_("Change recorded: update the shared data by {shared} and the "
                                 "catalog entry by {catalog}").format(
                shared=change["shared_due"], catalog=change["catalog_due"]))
            return tk.redirect_to("dataset.read", id=dataset["name"])
    return tk.render("dazhou/workflows/data_change.html", {
        "pkg_dict": dataset, "form": form, "errors": errors,
        "shared_days": deadlines.reply_days("shared_update_days"),
        "catalog_days": deadlines.reply_days("catalog_update_days")})
