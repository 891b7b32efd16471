"""Every dazhou_* action in CKAN's action table, called with hostile parameters as anonymous,
as department staff and as a sysadmin, answers a ValidationError, NotFound or NotAuthorized,
or a result that serialises; never another exception (a 500 through the API)."""
from __future__ import annotations

import json
import re

import pytest
from ckan import logic, model
from ckan.plugins import toolkit as tk
from ckan.tests import helpers

from ckanext.dazhou.tests.badinput import hostile
from ckanext.dazhou.tests.factories import as_user

EXPECTED = (tk.ValidationError, tk.ObjectNotFound, tk.NotAuthorized)
# parameters every list or item action may be sent, whatever its docstring says
GENERIC = ("id", "package_id", "page", "rows", "role", "state", "start", "end")


def dazhou_actions() -> dict:
    logic.get_action("package_show")  # fills the action table from every loaded plugin
    return {name: fn for name, fn in logic._actions.items() if name.startswith("dazhou_")}


def parameters(fn) -> list[str]:
    documented = re.findall(r":param (\w+):", fn.__doc__ or "")
    return list(dict.fromkeys([*documented, *GENERIC]))


def base_values(name: str, world: dict) -> dict:
    """Valid values, so that each hostile one reaches past the parameters before it."""
    item = {"share_application": world["application"]["id"], "feedback": world["feedback"]["id"],
            "open_application": world["open_application"]["id"]}
    item_id = next((v for k, v in item.items() if name.startswith(f"dazhou_{k}_")),
                   hostile.UNKNOWN_ID)
    dataset = world["dataset"]
    return {"id": item_id, "package_id": dataset["id"],
            "resource_id": dataset["resources"][0]["id"],
            "resource_ids": [dataset["resources"][0]["id"]],
            "organization_id": world["owner_org"]["id"], "organization": world["owner_org"]["id"],
            "owner_org": world["owner_org"]["id"], "role": "owner", "state": "submitted",
            "page": 1, "rows": 5, "start": "2026-01-01", "end": "2026-12-31",
            "decision": "refuse", "outcome": "rejected", "reason": "理由", "note": "说明",
            "purpose": "用途", "scope": "范围", "legal_basis": "依据", "description": "描述",
            "reply": "答复", "expires": "2027-06-30", "changed_on": "2026-11-30"}


def walk(context_of, world: dict) -> tuple[int, list[str]]:
    calls, failures = 0, []
    for name, fn in sorted(dazhou_actions().items()):
        names = parameters(fn)
        base = {k: v for k, v in base_values(name, world).items() if k in names}
        trials = [{**base, key: value} for key in names for value in hostile.VALUES]
        trials += [{key: value for key in names} for value in hostile.VALUES]
        for data in trials:
            calls += 1
            try:
                result = helpers.call_action(name, context_of(), **data)
                json.dumps(result)
            except EXPECTED:
                pass
            except Exception as error:  # noqa: BLE001 (any other is the bug we look for)
                failures.append(f"{name} {data!r:.200}: {type(error).__name__}: {error!s:.200}")
            finally:
                model.Session.rollback()
    return calls, failures


@pytest.fixture
def world(clean_db, clean_index, with_request_context):
    return hostile.world()


@pytest.mark.usefixtures("with_plugins")
def test_every_action_is_walked():
    names = dazhou_actions()
    for expected in ("dazhou_share_application_list", "dazhou_access_log_list",
                     "dazhou_grant_list", "dazhou_evaluation_report"):
        assert expected in names


@pytest.mark.usefixtures("with_plugins")
@pytest.mark.parametrize("who", ["anonymous", "owner", "sysadmin"])
def test_hostile_parameters_never_raise_anything_else(world, who):
    def context_of():
        if who == "anonymous":
            return {"user": "", "ignore_auth": False}
        return as_user(world[who])

    calls, failures = walk(context_of, world)
    assert calls > 1000
    assert not failures, f"{len(failures)} of {calls} calls:\n" + "\n".join(failures[:60])
