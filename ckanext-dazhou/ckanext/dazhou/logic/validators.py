"""Validators of the catalog schema (registered by blanket; used in schemas/dataset.yaml)."""
from __future__ import annotations

from typing import Any

from ckan import model
from ckan.common import _, asbool
from ckan.lib.navl.dictization_functions import Invalid, missing, unflatten
from ckanext.scheming.validation import scheming_validator

from ckanext.dazhou import authority, codes, formats, names, references, rules
from ckanext.dazhou import urls
from dazhou_vocab import loader

__all__ = ["dazhou_vocab_choice", "dazhou_catalog_rules", "dazhou_resource_format",
           "dazhou_default_name"]


def _allowed_keys(field: dict[str, Any]) -> list[str]:
    scheme = loader.scheme(field["vocab_scheme"])
    level = field.get("vocab_level")
    if level == "top":
        return [c.key for c in scheme.top_concepts()]
    if level == "narrower":
        return [c.key for c in scheme.concepts if c.broader is not None]
    return scheme.keys()


@scheming_validator
def dazhou_vocab_choice(field: dict[str, Any], schema: dict[str, Any]):
    """Only values of the field's code list (vocab_scheme) are accepted (Art. 12)."""

    def validator(value: Any) -> Any:
        if value is missing or value is None or value == "" or value == []:
            return value
        allowed = _allowed_keys(field)
        values = value if isinstance(value, list) else [value]
        unknown = [v for v in values if v not in allowed]
        if unknown:
            scheme = loader.scheme(field["vocab_scheme"])
            raise Invalid(_("{values} is not in the code list {scheme} (Art. 12); allowed: {allowed}").format(
                values=", ".join(map(str, unknown)), scheme=scheme.label_zh,
                allowed=", ".join(allowed)))
        return value

    return validator


def dazhou_resource_format(value: Any) -> Any:
    """`CSV`, `.csv`, `text/csv` or the EU file-type URI -> the vocabulary key `csv`; what
    names no format is left for dazhou_vocab_choice to refuse."""
    if value is missing or value is None or value == "":
        return value
    return formats.canonical(value) or value


def dazhou_default_name(key, data, errors, context):
    """A readable Latin name (pinyin of the title) when the client sends none."""
    if data.get(key) not in (missing, None, ""):
        return
    title = data.get(("title",))
    if title in (missing, None, ""):
        return  # not_empty reports the missing name, the title's validators the title
    package = context.get("package")
    if package is not None:  # an update that leaves the name out keeps it
        data[key] = package.name
        return
    data[key] = names.unique_name(str(title))


def dazhou_resource_url(key, data, errors, context):
    """A resource URL is a web address (urls.py), unless it names a file uploaded here."""
    value = data.get(key)
    if value in (missing, None, ""):
        return
    if data.get(key[:-1] + ("url_type",)) == "upload":
        return  # CKAN stores the uploaded file's name and serves it under /download/
    if not isinstance(value, str) or not urls.is_web_address(value):
        errors[key].append(_(
            "The address must be a web address starting with {schemes}, or an uploaded file").format(
            schemes=" / ".join(f"{s}://" for s in urls.schemes())))


__all__ += ["dazhou_resource_url"]


def _add(errors: dict, key: tuple, message: str) -> None:
    errors.setdefault(key, [])
    if message not in errors[key]:
        errors[key].append(message)


def _check_one_source(ds: dict[str, Any], errors: dict) -> None:
    found = authority.claims(ds.get("data_items"))
    seen: dict[str, int] = {}
    for claim in found:
        if claim.identity in seen:
            _add(errors, ("data_items", claim.index, "authoritative"),
                 _("The data item {item} is marked authoritative twice in this dataset (Art. 14)").format(item=claim.name))
        seen[claim.identity] = claim.index
    taken = authority.owners(seen, excluding_package=ds.get("id"))
    for claim in found:
        owner = taken.get(claim.identity)
        if owner:
            _add(errors, ("data_items", claim.index, "authoritative"), _(
                "One data, one source (Art. 14): {item} already has its authoritative source "
                "in {dataset} ({name}) of {department}").format(
                item=claim.name or claim.code, dataset=owner.package_title,
                name=owner.package_name, department=owner.org_title or "-"))
            _add(errors, ("data_items", claim.index, "authoritative"), _(
                "Choose No and reference it: enter {code} under Authoritative item referenced").format(
                code=_reference_of(owner.package_id)))


def _reference_of(package_id: str) -> str:
    package = model.Package.get(package_id)
    return ((package.extras or {}).get("resource_code") or package.name) if package else package_id


def _check_references(ds: dict[str, Any], data: dict, errors: dict) -> None:
    """Items that reference an authoritative item: it must exist; stored as its resource code."""
    stored, problems = references.resolved(ds.get("data_items"), ds.get("id"))
    for problem in problems:
        _add(errors, ("data_items", problem.index, "reference"), problem.message)
    for index, code in stored.items():
        data[("data_items", index, "reference")] = code


def _store(data: dict, field: str, value: str) -> None:
    """Set a scheming field after its validators ran: non-core fields are saved as extras."""
    data[(field,)] = value
    indexes = {k[1] for k in data if len(k) == 3 and k[0] == "extras"}
    for i in indexes:
        if data.get(("extras", i, "key")) == field:
            data[("extras", i, "value")] = value
            return
    i = max(indexes) + 1 if indexes else 0
    data[("extras", i, "key")] = field
    data[("extras", i, "value")] = value


def _check_resource_code(ds: dict[str, Any], data: dict, errors: dict) -> None:
    code = (ds.get("resource_code") or "").strip()
    if code:
        if not codes.CODE_PATTERN.match(code):
            _add(errors, ("resource_code",), _(
                "The resource code must follow the national guide: category code/department "
                "code-sequence, e.g. 101/51170001-00001 (Art. 12)"))
            return
        holder = codes.owner_of(code)
        if holder and holder != ds.get("id"):
            _add(errors, ("resource_code",), _("The resource code {code} is already used by another dataset").format(code=code))
        return
    existing = codes.code_of(ds["id"]) if ds.get("id") else None
    if existing:  # an update that leaves the code out keeps it
        _store(data, "resource_code", existing)
        return
    if any(errors.values()):
        return  # generate only for an entry that will be stored
    dept = codes.department_code(ds.get("owner_org"))
    if not dept:
        _add(errors, ("owner_org",), _(
            "The provider has no department code, so no resource code can be generated; "
            "ask the bureau to set it or enter the resource code"))
        return
    _store(data, "resource_code",
           codes.generate(ds["resource_category"], ds.get("resource_subcategory"), dept))


def _check_private(ds: dict[str, Any], errors: dict, context) -> None:
    """`private=true` asked for an open dataset would silently be public: refused. A
    `private` that is only carried over from the stored dataset (package_patch, show ->
    update) follows 开放属性, like the form."""
    if not asbool(ds.get("private")) or ds.get("open_type") not in rules.PUBLIC_OPEN_TYPES:
        return
    package = context.get("package")
    if package is not None and package.private:
        return
    _add(errors, ("private",), _(
        "Visibility follows the open type: open data is public; set the open type to "
        "closed (不予开放) to keep it private (Art. 25, 26)"))


def dazhou_catalog_rules(key, data, errors, context):
    """Whole-dataset rules (schema `after_validators`): Art. 11, 14, 18, 19, 26 and codes."""
    ds = unflatten({k: v for k, v in data.items() if k != ("__extras",) and v is not missing})
    if not ds.get("id") and context.get("package"):
        ds["id"] = context["package"].id
    for violation in rules.violations(ds):
        _add(errors, (violation.field,), violation.message)
    if not ds.get("owner_org"):
        _add(errors, ("owner_org",), _("Every catalog entry names its provider department (Art. 12)"))
    # Closed data exists only for government users (Art. 18, 26): CKAN's private flag makes
    # every door that lists public datasets (package_list, autocomplete, …) leave it out.
    _check_private(ds, errors, context)
    data[("private",)] = ds.get("open_type") == "closed"
    _check_one_source(ds, errors)
    _check_references(ds, data, errors)
    _check_resource_code(ds, data, errors)
