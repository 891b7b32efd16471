"""The dataset form as a department editor posts it, and what a page shows next to a field."""
from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup
from ckan.lib.helpers import url_for
from ckan.tests import factories

from ckanext.dazhou.tests.factories import create_department, dataset_fields


def department_editor() -> tuple[dict[str, Any], dict[str, Any]]:
    """A user with an API token who is an editor of a department with a department code."""
    user = factories.UserWithToken()
    org = create_department(users=[{"name": user["name"], "capacity": "editor"}])
    return user, org


def _form_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def form_data(owner_org: str, **overrides: Any) -> dict[str, Any]:
    """The fields of /dataset/new as a browser posts them: a valid entry unless overridden."""
    data: dict[str, Any] = {"_ckan_phase": "dataset_new_1", "pkg_name": "", "save": ""}
    for key, value in dataset_fields(owner_org=owner_org, **overrides).items():
        if key == "data_items":
            for index, item in enumerate(value):
                for sub, sub_value in item.items():
                    data[f"data_items-{index}-{sub}"] = _form_value(sub_value)
        else:
            data[key] = _form_value(value)
    return data


def post_new(app, user: dict[str, Any], data: dict[str, Any], **kwargs: Any):
    return app.post(url_for("dataset.new"), headers={"Authorization": user["token"]},
                    data=data, **kwargs)


def errors_next_to(html: str, control_id: str) -> str:
    """The error text inside the form group of the control with this id."""
    control = BeautifulSoup(html, "html.parser").find(id=control_id)
    assert control is not None, f"no control #{control_id} in the form"
    group = control.find_parent(class_="form-group")
    return " ".join(e.get_text(" ", strip=True) for e in group.select(".error-block"))


def submitted_fields(html: str) -> list[tuple[str, str]]:
    """What a browser with JS would post from the dataset form, unchanged (as (name, value) pairs)."""
    form = BeautifulSoup(html, "html.parser").find("form", id="dataset-edit")
    for template in form.select('[name="repeating-template"]'):
        template.decompose()  # scheming's JS removes the template of a new data item group
    fields: list[tuple[str, str]] = []
    for control in form.find_all(["input", "select", "textarea"]):
        name = control.get("name")
        if not name or control.has_attr("disabled"):
            continue
        if control.name == "select":
            chosen = control.find("option", selected=True) or control.find("option")
            fields.append((name, chosen.get("value", "") if chosen else ""))
        elif control.name == "textarea":
            fields.append((name, control.get_text()))
        elif control.get("type") in ("checkbox", "radio"):
            if control.has_attr("checked"):
                fields.append((name, control.get("value", "on")))
        elif control.get("type") not in ("submit", "button", "file"):
            fields.append((name, control.get("value", "")))
    return fields
