"""The DataStore doors of the visibility matrix (issue 15): each matrix resource gets a table
whose one value is a secret naming the dataset; every door is probed for that secret."""
from __future__ import annotations

from ckan.plugins import toolkit as tk
from ckan.tests import helpers

from ckanext.dazhou.tests.factories import site_context

OPEN = ("unconditional", "open")  # usable by everybody: the other side of joins


def secret(dataset: dict) -> str:
    return f"secret-{dataset['name']}"


def add_tables(world: dict) -> dict[str, str]:
    """{dataset id: view id}: a DataStore table and a table preview for every resource."""
    from ckanext.dazhou.tests.datastore.conftest import empty_datastore

    empty_datastore()
    views = {}
    for dataset in world["datasets"].values():
        resource_id = dataset["resources"][0]["id"]
        helpers.call_action("datastore_create", site_context(), resource_id=resource_id,
                            force=True, fields=[{"id": "区县", "type": "text"},
                                                {"id": "值", "type": "text"}],
                            records=[{"区县": "通川区", "值": secret(dataset)}])
        views[dataset["id"]] = helpers.call_action(
            "resource_view_create", site_context(), resource_id=resource_id,
            view_type="datatables_view", title="表格预览")["id"]
    return views


def outcome(name: str, context: dict, **params) -> tuple[str, object]:
    try:
        return "ok", helpers.call_action(name, context, **params)
    except tk.ObjectNotFound:
        return "404", None
    except tk.NotAuthorized:
        return "403", None
    except tk.ValidationError as error:
        return "invalid", error


def sql_probes(target: str, other: str) -> dict[str, str]:
    """Statements that read the target table, alone or through a usable one."""
    return {
        "sql:table": f'SELECT * FROM "{target}"',
        "sql:join": f'SELECT b."值" FROM "{other}" a JOIN "{target}" b ON true',
        "sql:subquery": f'SELECT * FROM (SELECT "值" FROM "{target}") s',
        "sql:where": f'SELECT "值" || (SELECT min("值") FROM "{target}" WHERE "值" IN '
                     f'(SELECT "值" FROM "{target}")) AS v FROM "{other}"',
        "sql:quoted-case": f'SELECT * FROM public."{target}"',
        "sql:cte": f'WITH x AS (SELECT * FROM "{target}") SELECT * FROM x',
        "sql:union": f'SELECT "值" FROM "{other}" UNION ALL SELECT "值" FROM "{target}"',
        "sql:lateral": f'SELECT t."值" FROM "{other}" a, LATERAL (SELECT "值" FROM "{target}") t',
        "sql:scalar": f'SELECT (SELECT "值" FROM "{target}" LIMIT 1) AS v FROM "{other}"',
    }


SYSTEM_SQL = {
    "sql:_table_metadata": 'SELECT * FROM "_table_metadata"',
    "sql:pg_class": "SELECT relname FROM pg_class",
    "sql:pg_catalog": "SELECT * FROM pg_catalog.pg_tables",
    "sql:information_schema": "SELECT table_name FROM information_schema.tables",
    "sql:function": "SELECT pg_read_file('/etc/passwd')",
}


def probe_role(app, world, views, role, context, headers, sees, uses, probe):
    """Every DataStore door for one role; probe collects what leaked or answered wrongly."""
    other = world["datasets"][OPEN]["resources"][0]["id"]
    below_bureau = role not in ("bureau", "sysadmin")
    unusable = usable_one = None
    web_probed: set[str] = set()
    for (share_type, open_type), dataset in world["datasets"].items():
        visible, usable = sees(role, open_type), uses(role, share_type, open_type)
        if usable and (share_type, open_type) != OPEN:
            usable_one = usable_one or dataset
        if not usable:
            unusable = unusable or dataset
        resource_id, hidden = dataset["resources"][0]["id"], secret(dataset)
        expected = "ok" if usable else ("403" if visible else "404")
        for door, name, params in (
                ("datastore_search", "datastore_search", {"resource_id": resource_id}),
                ("datastore_search(q)", "datastore_search",
                 {"resource_id": resource_id, "q": "通川区"}),
                ("datastore_info", "datastore_info", {"id": resource_id}),
                ("sql:table", "datastore_search_sql", {"sql": f'SELECT * FROM "{resource_id}"'})):
            got, answer = outcome(name, dict(context), **params)
            want = ("ok" if usable else "403") if name == "datastore_search_sql" else expected
            probe.check(door, got != want or (not usable and hidden in repr(answer)),
                        f"{dataset['name']} {got} (expected {want})")
        if expected in web_probed:
            continue  # the web doors ask datastore_search: one dataset per outcome suffices
        web_probed.add(expected)
        dump = app.get(f"/datastore/dump/{resource_id}", headers=headers)
        # refused as the file download is: 403 with the reason when the dataset is visible
        want_http = 200 if usable else (403 if visible else 404)
        probe.check("dump", dump.status_code != want_http or (
            not usable and hidden in dump.get_data(as_text=True)),
            f"{dataset['name']} {dump.status_code} (expected {want_http})")
        preview = app.post(f"/datatables/ajax/{views[dataset['id']]}", headers=headers,
                           data={"draw": "1", "search[value]": "", "start": "0", "length": "10"})
        want_http = 200 if usable else (403 if visible else 404)
        probe.check("preview", preview.status_code != want_http or (
            not usable and hidden in preview.get_data(as_text=True)),
            f"{dataset['name']} {preview.status_code} (expected {want_http})")
    for target, usable in ((unusable, False), (usable_one, True)):
        if target is None:
            continue
        for door, sql in sql_probes(target["resources"][0]["id"], other).items():
            got, answer = outcome("datastore_search_sql", dict(context), sql=sql)
            # a CTE's name is not a resource: below the bureau it is refused even when usable
            want_ok = usable and not (door == "sql:cte" and below_bureau)
            probe.check(door, (got == "ok") != want_ok or (
                not usable and secret(target) in repr(answer)),
                f"{target['name']} {got} (expected ok={want_ok})")
    for door, sql in SYSTEM_SQL.items():
        got, answer = outcome("datastore_search_sql", dict(context), sql=sql)
        probe.check(door, below_bureau and got == "ok", got)
        probe.check(door, any(secret(d) in repr(answer) for d in world["datasets"].values()),
                    "a secret in a system table's answer")
    return probe
