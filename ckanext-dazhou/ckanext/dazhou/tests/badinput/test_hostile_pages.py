"""Every URL rule of our blueprints (endpoints dazhou_*), requested with hostile path values,
query strings and form fields, as anonymous and as department staff, answers below 500."""
from __future__ import annotations

import pytest

from ckanext.dazhou.tests.badinput import hostile
from ckanext.dazhou.tests.ui_workflows.pages import headers

PATH_VALUES = [hostile.UNKNOWN_ID, "x" * 1000, "a%00b", "-5", "%E4%BA%BA"]
# pages that build whole catalogs or queue jobs: walked with paths only, not every query
HEAVY = ("dazhou_catalog_sheet.", "dazhou_dcat_feeds.")


def our_rules(app) -> list:
    return sorted((r for r in app.flask_app.url_map.iter_rules()
                   if r.endpoint.startswith("dazhou_")), key=lambda r: r.rule)


def valid_path(rule, world: dict) -> dict[str, str]:
    """Real values for the rule's arguments, so hostile queries reach the view's logic."""
    kind = rule.rule.split("/")[1]
    ids = {"dataset": world["dataset"]["name"], "share-application": world["application"]["id"],
           "feedback": world["feedback"]["id"], "open-application": world["open_application"]["id"]}
    values = {"id": ids.get(kind, hostile.UNKNOWN_ID), "fmt": "csv", "scheme": "format",
              "verb": "decide"}
    return {arg: values.get(arg, "x") for arg in rule.arguments}


def url(rule, args: dict[str, str]) -> str:
    path = rule.rule
    for arg, value in args.items():
        path = path.replace(f"<{arg}>", value).replace(f"<path:{arg}>", value)
    return path


def walk(app, world: dict, auth: dict) -> tuple[int, list[str]]:
    requests, failures = 0, []

    def probe(method: str, path: str, **kwargs):
        nonlocal requests
        requests += 1
        try:
            status = getattr(app, method)(path, headers=auth, **kwargs).status_code
        except Exception as error:  # noqa: BLE001 (an uncaught exception is the bug)
            failures.append(f"{method.upper()} {path:.120} {kwargs!r:.120}: {type(error).__name__}: {error!s:.120}")
            return
        if status >= 500:
            failures.append(f"{method.upper()} {path:.120} {kwargs!r:.120}: {status}")

    for rule in our_rules(app):
        methods = [m.lower() for m in ("GET", "POST") if m in rule.methods]
        good = valid_path(rule, world)
        for method in methods:
            for arg in rule.arguments:
                for value in PATH_VALUES:
                    probe(method, url(rule, {**good, arg: value}))
            if rule.endpoint.startswith(HEAVY):
                continue
            for value in hostile.QUERY_VALUES:
                if method == "get":  # every key at once, then each key alone with the worst
                    probe("get", url(rule, good), query_string={k: value for k in hostile.QUERY_KEYS})
                    if value in ("abc", "9" * 20):
                        for key in hostile.QUERY_KEYS:
                            probe("get", url(rule, good), query_string={key: value})
                else:
                    fields = ("decision", "outcome", "reason", "reply", "note", "purpose", "scope",
                              "legal_basis", "description", "changed_on", "organization_id",
                              "resource_id", "resource_ids", "package_id", "role", "state")
                    probe("post", url(rule, good), data={f: value for f in fields})
    return requests, failures


@pytest.fixture
def world(app, clean_db, clean_index):
    with app.flask_app.test_request_context():
        return hostile.world()


@pytest.mark.usefixtures("with_plugins")
@pytest.mark.parametrize("who", ["anonymous", "owner"])
def test_hostile_requests_never_answer_500(app, world, who):
    auth = {} if who == "anonymous" else headers(world[who])
    requests, failures = walk(app, world, auth)
    assert requests > 500
    assert not failures, f"{len(failures)} of {requests} requests:\n" + "\n".join(failures[:60])
