"""Blueprint of the DCAT feeds.

/catalog/gov.<fmt>: the government sharing feed, for the provincial sharing platform and
department systems (Art. 17–19), authenticated by API token.

Every cataloged dataset with its share attributes; resource URLs only where the caller may
use them (package_search redacts per caller). Paged (hydra) with `modified_since`.

/vocab/shapes/dazhou-shapes.ttl: the Dazhou namespace and SHACL shapes, public.
(The public feed is ckanext-dcat's /catalog.<fmt>, see public.py.)
"""
from __future__ import annotations

import ckan.plugins.toolkit as tk
import flask
from ckan.common import current_user
from ckanext.dazhou.feeds import audience, paging
from ckanext.dazhou.feeds.serialize import CONTENT_TYPES, serialize_page
from dazhou_vocab.shapes import SHAPES_FILE

dcat_feeds = flask.Blueprint("dazhou_dcat_feeds", __name__)

DEFAULT_ROWS = 100


def _rows() -> int:
    return int(tk.config.get("ckanext.dcat.datasets_per_page") or DEFAULT_ROWS)


@dcat_feeds.route("/vocab/shapes/dazhou-shapes.ttl")
def shapes():
    response = flask.make_response(SHAPES_FILE.read_bytes())
    response.headers["Content-Type"] = "text/turtle; charset=utf-8"
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@dcat_feeds.route("/catalog/gov.<fmt>")
def gov_catalog(fmt: str):
    if fmt not in CONTENT_TYPES:
        return tk.abort(404, tk._("Unknown feed format"))
    try:
        user = audience.government_user(current_user if current_user.is_authenticated else None)
    except tk.NotAuthorized as error:
        status = 401 if not current_user.is_authenticated else 403
        return tk.abort(status, str(error))
    try:
        page = int(tk.request.args.get("page", 1))
        since = tk.request.args.get("modified_since")
        result = paging.search(audience.user_context(user), page, _rows(), since)
    except (ValueError, tk.ValidationError) as error:
        return tk.abort(400, str(getattr(error, "error_dict", error)))
    params = {"modified_since": since} if since else {}
    pagination = paging.hydra_info(tk.url_for("dazhou_dcat_feeds.gov_catalog", fmt=fmt,
                                              _external=True),
                                   params, page, _rows(), result["count"])
    response = flask.make_response(serialize_page(result["results"], fmt, pagination))
    response.headers["Content-Type"] = f"{CONTENT_TYPES[fmt]}; charset=utf-8"
    response.headers["Cache-Control"] = "private, no-store"
    return response
