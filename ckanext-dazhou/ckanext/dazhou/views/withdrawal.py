"""Pages of 撤回发布: the confirmation with its required reason, publishing again, and the list
of withdrawals (the bureau: every department's; department staff: their own)."""
from __future__ import annotations

import flask

import ckan.plugins.toolkit as tk
from ckan.common import _

from ckanext.dazhou.views import forms

withdrawal = flask.Blueprint("dazhou_withdrawal", __name__)


def _dataset(id: str) -> dict:
    """The dataset as the caller may see it, and the right to withdraw it; else 404 / 403."""
    try:
        pkg = tk.get_action("package_show")(forms.context(), {"id": id})
        tk.check_access("dazhou_dataset_withdraw", forms.context(), {"id": pkg["id"]})
    except tk.ObjectNotFound:
        return tk.abort(404, _("Dataset not found"))
    except tk.NotAuthorized:
        if not tk.current_user.is_authenticated:
            return tk.abort(404, _("Dataset not found"))  # an invisible dataset answers 404
        return tk.abort(403, _("Only the department's editors may withdraw or publish this dataset"))
    return pkg


def _confirm(pkg: dict, mode: str, reason: str = "", errors: dict | None = None):
    return tk.render("dazhou/withdrawal/confirm.html",
                     {"pkg": pkg, "mode": mode, "reason": reason, "errors": errors or {}})


@withdrawal.route("/dataset/<id>/withdraw", methods=["GET", "POST"])
def withdraw(id: str):
    pkg = _dataset(id)
    if flask.request.method == "GET":
        return _confirm(pkg, "withdraw")
    reason = flask.request.form.get("reason", "")
    try:
        tk.get_action("dazhou_dataset_withdraw")(forms.context(), {"id": pkg["id"], "reason": reason})
    except tk.ValidationError as error:
        return _confirm(pkg, "withdraw", reason, forms.field_errors(error))
    tk.h.flash_success(_("The dataset has been withdrawn from publication. Only your department and the bureau can see it now."))
    return flask.redirect(tk.h.url_for("dataset.read", id=pkg["name"]))  # relative: any host name works


@withdrawal.route("/dataset/<id>/republish", methods=["GET", "POST"])
def republish(id: str):
    pkg = _dataset(id)
    if flask.request.method == "GET":
        return _confirm(pkg, "republish")
    try:
        tk.get_action("dazhou_dataset_republish")(forms.context(), {"id": pkg["id"]})
    except tk.ValidationError as error:
        return _confirm(pkg, "republish", errors=forms.field_errors(error))
    tk.h.flash_success(_("The dataset has been published again."))
    return flask.redirect(tk.h.url_for("dataset.read", id=pkg["name"]))  # relative: any host name works


@withdrawal.route("/dashboard/withdrawals")
def index():
    result = forms.fetch("dazhou_withdrawal_list", {"page": forms.page_number(), "rows": forms.ROWS})
    return tk.render("dazhou/withdrawal/index.html", {
        "result": result, "page": forms.pager(result["page"], result["count"], "dazhou_withdrawal.index")})
