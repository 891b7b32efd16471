"""The dazhou CKAN plugin: 达州市公共数据目录.

Thin by design: blanket decorators register actions, auth functions, validators, helpers,
blueprints, CLI commands and config declarations from their modules; only hook interfaces
are written by hand below.
"""
from __future__ import annotations

import sys

import flask
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.plugins import DefaultTranslation

from ckanext.dazhou import catalog_sync, facets
from ckanext.dazhou.index import just_written
from ckanext.dazhou.access import departments, index_fields, labels, request_cache
from ckanext.dazhou.access import doors
from ckanext.dazhou.datastore import access as datastore_access, actions as datastore_actions
from ckanext.dazhou.datastore import load as datastore_load
from ckanext.dazhou.feeds import public as public_feed, warm as dcat_warm
from ckanext.dazhou.logic import action, auth, chained, dashboard_count
from ckanext.dazhou.middleware import RawQueryStringRepair
from ckanext.dazhou.nul_bytes import RefuseNulBytes
from ckanext.dazhou.publishing import withdrawal
from ckanext.dazhou.search import log as search_log, suggest
from ckanext.dazhou.search import fallback as search_fallback, hooks as search_hooks
from ckanext.dazhou.signin import api_tokens, cookies, csrf, login
from ckanext.dazhou.usage import counts as usage_counts


def _remove_session_after_error(error):
    # Not for CKAN's stand-in context: url_for outside a request (CLI, jobs, tests) pushes and
    # pops it, and its teardown gets whatever exception the caller is handling, which is no
    # failed request; removing the session there closed a query mid-iteration.
    if error is not None and not _is_ckan_stand_in_context():
        model.Session.remove()


def _is_ckan_stand_in_context() -> bool:
    current = flask.globals.request_ctx._get_current_object()
    from ckan.config import middleware
    tests_setup = sys.modules.get("ckan.tests.pytest_ckan.ckan_setup")
    return current is middleware._internal_test_request_context or (
        tests_setup is not None and current is tests_setup._tests_test_request_context)


@tk.blanket.config_declarations
@tk.blanket.helpers
@tk.blanket.validators
@tk.blanket.cli
@tk.blanket.blueprints
class DazhouPlugin(p.SingletonPlugin, DefaultTranslation):
    p.implements(p.IConfigurer)
    p.implements(p.ITranslation)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IDomainObjectModification, inherit=True)
    p.implements(p.IMiddleware, inherit=True)
    p.implements(p.IFacets, inherit=True)
    p.implements(p.IPermissionLabels)
    p.implements(p.IActions)
    p.implements(p.IAuthFunctions)
    p.implements(p.ISignal)
    p.implements(p.IAuthenticator, inherit=True)

    # IConfigurer

    def update_config(self, config_):
        tk.add_template_directory(config_, "templates")
        tk.add_public_directory(config_, "public")
        tk.add_resource("assets", "dazhou")
        request_cache.install()  # the viewer and the signed-in user once per request
        dcat_warm.install()  # saved datasets' DCAT entries built after their commit

    # IMiddleware

    def make_middleware(self, app, config):
        if hasattr(app, "teardown_request"):
            # CKAN removes the session in after_request, which a 500 skips: the thread's
            # failed transaction would then break every later request it serves.
            app.teardown_request(_remove_session_after_error)
            app.wsgi_app = RefuseNulBytes(app.wsgi_app)  # inside: test clients call it too
            csrf.scope_exemptions_to_request(app)
            cookies.secure_defaults(app)
        return RawQueryStringRepair(app)

    # IPackageController

    def after_dataset_create(self, context, pkg_dict):
        just_written.note(pkg_dict.get("id"), pkg_dict.get("name"))
        dcat_warm.note_saved(pkg_dict.get("id"))
        catalog_sync.dataset_saved(pkg_dict)

    def after_dataset_update(self, context, pkg_dict):
        just_written.note(pkg_dict.get("id"), pkg_dict.get("name"))
        dcat_warm.note_saved(pkg_dict.get("id"))
        catalog_sync.dataset_saved(pkg_dict)

    def after_dataset_delete(self, context, pkg_dict):
        catalog_sync.dataset_deleted(pkg_dict["id"])

    def notify(self, entity, operation):
        datastore_load.queue_new_resource(entity, operation)

    def before_dataset_search(self, search_params):
        return search_hooks.before_search(search_params)

    def after_dataset_search(self, search_results, search_params):
        search_results = search_hooks.after_search(search_results, search_params)
        search_log.search_done(search_results)
        return facets.label_facet_items(search_results)

    def before_dataset_index(self, pkg_dict):
        index_fields.without_addresses(pkg_dict)
        pkg_dict.update(suggest.index_fields(pkg_dict))
        pkg_dict.update(usage_counts.index_fields(pkg_dict))  # 最多下载 (issue 15)
        return search_hooks.before_index(pkg_dict)

    # IPermissionLabels

    def get_dataset_labels(self, dataset_obj):
        return labels.dataset_labels(dataset_obj)

    def get_user_dataset_labels(self, user_obj):
        return labels.user_labels(user_obj)

    # IActions

    def get_actions(self):
        return {**chained.get_actions(), **public_feed.get_actions(), **action.get_actions(),
                **departments.ACTIONS, **withdrawal.ACTIONS,
                **suggest.ACTIONS, **search_log.ACTIONS, **datastore_actions.ACTIONS,
                **dashboard_count.get_actions(),
                "xloader_submit": datastore_load.xloader_submit,
                "xloader_status": datastore_load.xloader_status,
                "package_search": search_fallback.chained(chained.package_search)}

    # ISignal

    def get_signal_subscriptions(self):
        # every action's answer, of every plugin, passes the one redaction (access/doors.py)
        return {tk.signals.action_succeeded: [doors.redact_action_answer]}

    # IAuthFunctions

    def get_auth_functions(self):
        return {**auth.get_auth_functions(), **suggest.AUTH, **search_log.AUTH,
                **datastore_access.AUTH, **withdrawal.AUTH}

    # IAuthenticator

    def login(self):
        return login.handle_login()

    def identify_user(self, user_id=None):
        return api_tokens.user_from_header()  # CKAN's token lookup, last use once a minute

    # IFacets

    def dataset_facets(self, facets_dict, package_type):
        return facets.dataset_facets(facets_dict)

    def organization_facets(self, facets_dict, organization_type, package_type):
        return facets.dataset_facets(facets_dict)
