"""/api/i18n/zh_Hans-CN: CKAN 2.12's JavaScript asks for this name under the zh_Hans_CN locale.

Its client turns only the first "-" of <html lang="zh-Hans-CN"> into "_"; CKAN answers 400 and
no JS module starts (repeating data items, slug preview, autocomplete). Serving the same
translations under that name fixes every page at once.
"""
from __future__ import annotations

import flask

from ckan.views.api import i18n_js_translations

locale = flask.Blueprint("dazhou_locale", __name__)


@locale.route("/api/i18n/zh_Hans-CN")
def zh_hans_cn():
    return i18n_js_translations("zh_Hans_CN")
