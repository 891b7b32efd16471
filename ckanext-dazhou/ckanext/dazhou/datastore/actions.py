"""DataStore reads, chained to log what they read (the decision is the auth's, access.py).

An answer of datastore_search, datastore_info or datastore_search_sql that read conditional
or not-shared data is written to the access log, the bureau's included (CKAN skips auth
functions for sysadmins, so the log is written here, after the answer, not in the auth).
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.dazhou.datastore.access import log_allowed


def resource_id(data_dict: dict) -> str:
    return str(data_dict.get("resource_id") or data_dict.get("id") or "")


def sql_tables(sql: str) -> set[str]:
    """Relation names of a statement, found as CKAN's sanitize_sql finds them."""
    import pglast
    from ckanext.datastore.backend.postgres import nodes

    try:
        statements = pglast.parser.parse_sql(sql)
    except pglast.parser.ParseError:
        return set()
    return {node["relname"] for statement in statements for node in nodes(statement)
            if node.get("@") == "RangeVar"}


@tk.chained_action
@tk.side_effect_free
def datastore_search(original, context, data_dict):
    result = original(context, data_dict)
    log_allowed(context, [resource_id(data_dict)])
    return result


@tk.chained_action
@tk.side_effect_free
def datastore_info(original, context, data_dict):
    result = original(context, data_dict)
    log_allowed(context, [resource_id(data_dict)])
    return result


@tk.chained_action
@tk.side_effect_free
def datastore_search_sql(original, context, data_dict):
    sql = str(data_dict.get("sql") or "")  # the action pops nothing, but read it first
    result = original(context, data_dict)
    log_allowed(context, sql_tables(sql))
    return result


@tk.chained_action
def datastore_delete(original, context, data_dict):
    """xloader replaces a table whose columns changed with datastore_delete as user "" and
    ignore_auth; CKAN 2.12 then fails ("user_id: User not found") and the new file never
    loads. An internal call without a user acts as the site user, as xloader's create does."""
    if context.get("ignore_auth") and not context.get("user"):
        context["user"] = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    return original(context, data_dict)


ACTIONS: dict[str, Any] = {f.__name__: f for f in (
    datastore_search, datastore_info, datastore_search_sql, datastore_delete)}
