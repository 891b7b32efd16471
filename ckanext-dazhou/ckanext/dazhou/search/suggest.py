"""Suggestions while typing: dataset titles the caller may see, and vocabulary terms.

`dazhou_suggest` (GET /api/3/action/dazhou_suggest?q=人口) answers from one Solr prefix
query on the suggestion keys (prefixes.py) filtered by the same permission labels
package_search applies, and from the in-memory vocabulary terms (terms.py).
"""
from __future__ import annotations

import logging
import threading
from typing import Any

import pysolr

import ckan.plugins.toolkit as tk
from ckan import authz
from ckan.lib import plugins as lib_plugins
from ckan.lib.search.common import make_connection
from ckan.lib.search.query import solr_literal
from ckan.types import Context, DataDict

from ckanext.dazhou.logic import params
from ckanext.dazhou.search import prefixes, terms

log = logging.getLogger(__name__)

START_FIELD, FIELD = "dz_suggest_start", "dz_suggest"
MAX_QUERY_LENGTH = 50
_cores_with_fields: dict[str, bool] = {}
_local = threading.local()


def _connection() -> pysolr.Solr:
    """This thread's Solr connection, kept open: a new TCP connection per keystroke (as
    make_connection gives) is most of a suggestion's time."""
    url = tk.config.get("solr_url")
    if getattr(_local, "url", None) != url:
        _local.conn, _local.url = make_connection(), url
    return _local.conn


def _core_has_fields(conn: pysolr.Solr) -> bool:
    """Whether this Solr core's schema declares the suggestion fields (once per process):
    a core made before them would refuse the documents, so they are only sent where known."""
    if conn.url not in _cores_with_fields:
        try:
            conn._send_request("get", f"schema/fields/{FIELD}")
            _cores_with_fields[conn.url] = True
        except pysolr.SolrError:
            log.warning("Solr core %s has no %s field: suggestions off (solr/make_schema.py)",
                        conn.url, FIELD)
            _cores_with_fields[conn.url] = False
    return _cores_with_fields[conn.url]


def index_fields(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """The suggestion keys of a dataset's title, for before_dataset_index."""
    if not _core_has_fields(make_connection()):
        return {}
    start, anywhere = prefixes.key_sets(pkg_dict.get("title") or pkg_dict.get("name") or "")
    return {START_FIELD: start, FIELD: anywhere}


def _labels(context: Context) -> list[str] | None:
    # as package_search decides it (ckan/logic/action/get.py): sysadmins see everything
    user = context.get("auth_user_obj")
    if context.get("ignore_auth") or (context.get("user") and authz.is_sysadmin(context["user"])):
        return None
    return lib_plugins.get_permission_labels().get_user_dataset_labels(user)


def _filters(labels: list[str] | None) -> list[str]:
    fq = [f"+site_id:{solr_literal(tk.config.get('ckan.site_id'))}", "+entity_type:package",
          "+state:active", "+dataset_type:dataset"]
    if labels is not None:
        fq.append("+permission_labels:(%s)" % " OR ".join(solr_literal(label) for label in labels))
    return fq


def dataset_titles(key: str, labels: list[str] | None, rows: int) -> list[dict[str, str]]:
    """Datasets with a suggestion key starting with `key`, title starts first."""
    conn = _connection()
    if not key or not _core_has_fields(conn):
        return []
    # keys hold only letters, digits and Han characters (prefixes.normalise): no query syntax
    query = f"{START_FIELD}:{key}*^4 OR {FIELD}:{key}*"
    try:
        found = conn.search(query, defType="lucene", fq=_filters(labels), fl="name,title",
                            rows=rows, sort="score desc, title_string asc")
    except pysolr.SolrError as error:
        log.error("suggestion query failed: %s", error)
        return []
    return [{"name": d["name"], "title": d.get("title") or d["name"]} for d in found.docs]


@tk.validator_args
def suggest_schema(not_empty, unicode_safe):
    return {"q": [not_empty, unicode_safe],
            "rows": [params.rows_up_to("ckanext.dazhou.suggest_rows_max")]}


def _validated(data_dict: DataDict) -> tuple[str, int]:
    params.refuse_nul(data_dict)
    data, errors = tk.navl_validate(dict(data_dict), suggest_schema())
    if not errors and len(data["q"]) > MAX_QUERY_LENGTH:
        errors = {"q": [tk._("At most {n} characters").format(n=MAX_QUERY_LENGTH)]}
    if errors:
        raise tk.ValidationError(errors)
    return data["q"], data.get("rows") or tk.config.get("ckanext.dazhou.suggest_rows")


@tk.side_effect_free
def dazhou_suggest(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Suggestions for what the user is typing in a search box.

    :param q: the text typed so far (Chinese, pinyin or initials; at most 50 characters)
    :type q: string
    :param rows: how many dataset titles (optional, default ``ckanext.dazhou.suggest_rows``)
    :type rows: int
    :returns: ``{"q", "terms": [{label, alt, field, value}], "datasets": [{name, title}]}``
    """
    tk.check_access("dazhou_suggest", context, data_dict)
    q, rows = _validated(data_dict)
    key = prefixes.query_key(q)
    found_terms = [{"label": t.label, "alt": alt, "field": t.field, "value": t.value}
                   for t, alt in terms.matching(q, tk.config.get("ckanext.dazhou.suggest_terms"))]
    return {"q": q, "terms": found_terms, "datasets": dataset_titles(key, _labels(context), rows)}


@tk.auth_allow_anonymous_access
def dazhou_suggest_auth(context: Context, data_dict: DataDict) -> dict[str, bool]:
    return {"success": True}


ACTIONS = {"dazhou_suggest": dazhou_suggest}
AUTH = {"dazhou_suggest": dazhou_suggest_auth}
