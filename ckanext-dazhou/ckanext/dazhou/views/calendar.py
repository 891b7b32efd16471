"""/dashboard/calendar: the bureau enters a year's official holidays and make-up workdays.

The command `ckan dazhou calendar add-year` stays for scripts; both write the same store (the
database, supervision/official_years.py), and deadlines counted afterwards follow it in every
process.
"""
from __future__ import annotations

import flask

import ckan.plugins.toolkit as tk
from ckan.common import _

from ckanext.dazhou import deadlines
from ckanext.dazhou.access.roles import viewer_for
from ckanext.dazhou.supervision import calendar_form
from ckanext.dazhou.views import forms

calendar_views = flask.Blueprint("dazhou_calendar", __name__)


def _refusal():
    if not tk.current_user.is_authenticated:
        return forms.forbidden()
    if not viewer_for(tk.current_user).is_bureau:
        return tk.abort(403, _("Only the Big Data Bureau enters the official calendar"))
    return None


@calendar_views.route("/dashboard/calendar", methods=["GET", "POST"])
def index():
    refusal = _refusal()
    if refusal:
        return refusal
    entered = calendar_form.entered_years()
    errors: dict[str, list[str]] = {}
    if flask.request.method == "POST":
        form = forms.form_data("year", "holidays", "workdays")
        entry, errors = calendar_form.parse(form)
        if entry:
            calendar_form.save(entry, tk.current_user.name)
        if entry:
            tk.h.flash_success(_("The official calendar of {year} is saved: {holidays} holidays, "
                                 "{workdays} make-up workdays").format(
                year=entry["year"], holidays=len(entry["holidays"]),
                workdays=len(entry["workdays"])))
            return tk.redirect_to("dazhou_calendar.index", year=entry["year"])
    else:
        year = flask.request.args.get("year", "")
        if not year.isdigit():
            gaps = tk.h.dazhou_calendar_gaps()
            year = str(gaps[0]) if gaps else str(deadlines.today().year + 1)
        stored = entered.get(int(year)) if year.isdigit() and len(year) == 4 else None
        form = {"year": year,
                "holidays": "\n".join(d.isoformat() for d in (stored or {}).get("holidays", [])),
                "workdays": "\n".join(d.isoformat() for d in (stored or {}).get("workdays", []))}
    library = calendar_form.library_years()
    return tk.render("dazhou/calendar.html", {
        "form": form, "errors": errors, "entered": sorted(entered.items()),
        "library_range": (min(library), max(library)) if library else None,
        "gaps": tk.h.dazhou_calendar_gaps()})
