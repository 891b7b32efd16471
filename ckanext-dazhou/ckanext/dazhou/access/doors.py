"""Every action is a door: the generic redaction of every answer, and the reviewed table.

redact_action_answer listens to CKAN's action_succeeded signal, which CKAN sends after every
registered action of every plugin, so a door added later is redacted by default (datasets,
resources and activities found by their shape). Some doors leak what no shape shows (tag
names, member ids, query fields, a diff's text): logic/chained.py narrows those (NARROWED).
Every other action is REVIEWED here with the reason it needs nothing more; the action-table
test fails for any registered action in neither list, so a new door is looked at once.
"""
from __future__ import annotations

from typing import Any, Iterable

from ckanext.dazhou.access.redact import redact_answer
from ckanext.dazhou.access.roles import viewer_from_context

# narrowed by a chained action of ours (logic/chained.py), beyond the generic redaction
NARROWED = frozenset((
    "package_show", "package_activity_list", "package_search", "organization_show",
    "resource_show", "resource_search",
    "activity_show", "activity_diff", "tag_list", "tag_autocomplete", "tag_search",
    "tag_show", "format_autocomplete", "member_list", "followee_list",
    "package_relationships_list", "harvest_object_show",
))

_GENERIC = ("dataset, resource and activity dicts in the answer are all the dataset data it "
            "carries, and they pass the generic redaction")
_WRITES = ("a write: the caller needed the right to change the object (owner department, "
           "bureau, or their own account/follow); the answer passes the generic redaction")
_NO_DATA = "no dataset data: users, tokens, configuration, site status, licences or jobs"
_VOCABULARIES = ("controlled vocabularies are published code lists (vocab/), not taken from "
                 "datasets")
_PUBLIC_LISTS = ("CKAN lists only active public (private=False) datasets, and closed datasets "
                 "are private; names and titles only")
_VIEWS = ("resource views: resource_view auth follows package_show; views carry no resource "
          "address")
_COLLABORATORS = "dataset collaborators are off on this site; user ids and capacities only"
_DCAT = ("serializes package_show/package_search answers, which the choke point redacted "
         "before (matrix: DCAT doors)")
_OURS = ("our action: check_access first; rows of applications, grants, logs or reports with "
         "dataset ids and titles the caller's role may see, never resource addresses")
_HARVEST = ("ckanext-harvest: source, job and log rows under its auth (source department or "
            "sysadmin); a source dict passes the generic redaction")
_MAIL = "internal mail and notification helpers: no answer to a caller"
_DATASTORE_READ = ("DataStore reads: our auth (datastore/access.py) applies the resource rule "
                   "to the resource and to every table an SQL statement names; allowed uses "
                   "of restricted data are logged (datastore/actions.py); rows, no dataset dicts")
_DATASTORE_WRITE = ("DataStore writes and loading: CKAN's auth needs resource_update (owner "
                    "department's editors, the bureau) or sysadmin (functions, triggers); "
                    "xloader_submit queues our checked load (datastore/load.py); "
                    "xloader_status: resource_update too, our job logs no addresses")
# ckanext-harvest 1.6.3 fills its action and auth tables into one shared default dict
# (plugin._get_logic_functions), so once its auth functions were asked for, these two auth
# helpers are registered as actions as well
HARVEST_AUTH_AS_ACTIONS = ("auth_allow_anonymous_access", "harvest_sources_clear")
_HARVEST_AUTH = ("ckanext-harvest auth helpers registered as actions by its shared-dict bug: "
                 "they answer an auth result, no data")

REVIEWED: dict[str, tuple[str, ...]] = {
    _GENERIC: (
        "activity_data_show", "dashboard_activity_list", "group_activity_list",
        "organization_activity_list", "recently_changed_packages_activity_list",
        "user_activity_list", "group_show", "group_package_show", "group_list",
        "organization_list", "user_show", "dataset_followee_list", "file_show",
        "current_package_list_with_resources",
        "file_owner_scan",
    ),
    _WRITES: (
        "package_create", "package_update", "package_patch", "package_revise",
        "package_delete", "package_owner_org_update", "package_resource_reorder",
        "package_create_default_resource_views", "resource_create", "resource_update",
        "resource_patch", "resource_delete", "resource_create_default_resource_views",
        "resource_view_create", "resource_view_update", "resource_view_delete",
        "resource_view_reorder", "resource_view_clear", "bulk_update_delete",
        "bulk_update_private", "bulk_update_public", "dataset_purge",
        "package_relationship_create", "package_relationship_update",
        "package_relationship_delete", "package_collaborator_create",
        "package_collaborator_delete", "member_create", "member_delete", "group_create",
        "group_update", "group_patch", "group_delete", "group_purge", "group_member_create",
        "group_member_delete", "organization_create", "organization_update",
        "organization_patch", "organization_delete", "organization_purge",
        "organization_member_create", "organization_member_delete", "tag_create", "tag_delete",
        "vocabulary_create", "vocabulary_update", "vocabulary_delete", "term_translation_update",
        "term_translation_update_many", "task_status_update", "task_status_update_many",
        "task_status_delete", "activity_create", "activity_delete", "activity_delete_all",
        "dashboard_mark_activities_old", "follow_dataset", "follow_group", "follow_user",
        "unfollow_dataset", "unfollow_group", "unfollow_user", "user_create", "user_update",
        "user_patch", "user_delete", "user_invite", "api_token_create", "api_token_revoke",
        "config_option_update", "file_create", "file_delete", "file_ownership_transfer",
        "file_pin", "file_register", "file_rename", "file_unpin", "job_cancel", "job_clear",
    ),
    _NO_DATA: (
        "am_following_dataset", "am_following_group", "am_following_user",
        "dataset_follower_count", "dataset_follower_list", "dataset_followee_count",
        "followee_count", "group_follower_count", "group_follower_list", "group_followee_count",
        "group_followee_list", "organization_follower_count", "organization_follower_list",
        "organization_followee_count", "organization_followee_list", "user_follower_count",
        "user_follower_list", "user_followee_count", "user_followee_list", "user_list",
        "user_autocomplete", "api_token_list", "config_option_list", "config_option_show",
        "get_site_user", "help_show", "license_list", "member_roles_list", "status_show",
        "job_list", "job_show", "task_status_show", "term_translation_show",
        "group_autocomplete", "organization_autocomplete", "organization_list_for_user",
        "group_list_authz", "scheming_dataset_schema_list", "scheming_dataset_schema_show",
        "harvesters_info_show", "dashboard_new_activities_count", "activity_delete_counts",
    ),
    _VOCABULARIES: ("vocabulary_list", "vocabulary_show"),
    _PUBLIC_LISTS: ("package_list", "package_autocomplete"),
    _VIEWS: ("resource_view_list", "resource_view_show"),
    _COLLABORATORS: ("package_collaborator_list", "package_collaborator_list_for_user"),
    _DCAT: ("dcat_dataset_show", "dcat_catalog_show", "dcat_catalog_search"),
    _OURS: (
        "dazhou_access_log_list", "dazhou_data_change_record", "dazhou_evaluation_report",
        "dazhou_feedback_create", "dazhou_feedback_list", "dazhou_feedback_reply",
        "dazhou_grant_list", "dazhou_grant_revoke", "dazhou_harvest_conflict_list",
        "dazhou_harvest_conflict_resolve", "dazhou_open_application_create",
        "dazhou_open_application_decide", "dazhou_open_application_list",
        "dazhou_search_log_list", "dazhou_share_application_create",
        "dazhou_share_application_decide", "dazhou_share_application_escalate",
        "dazhou_share_application_list", "dazhou_share_application_show", "dazhou_suggest",
        "dazhou_violation_list",
        "dazhou_dataset_withdraw", "dazhou_dataset_republish", "dazhou_withdrawal_list",
    ),
    _HARVEST: (
        "InactiveSource", "harvest_abort_failed_jobs", "harvest_job_abort",
        "harvest_job_create", "harvest_job_create_all", "harvest_job_list",
        "harvest_job_report", "harvest_job_show", "harvest_jobs_run", "harvest_log_list",
        "harvest_object_create", "harvest_object_list", "harvest_objects_import",
        "harvest_send_job_to_gather_queue", "harvest_source_clear", "harvest_source_create",
        "harvest_source_delete", "harvest_source_index_clear",
        "harvest_source_job_history_clear", "harvest_source_list", "harvest_source_patch",
        "harvest_source_reindex", "harvest_source_show", "harvest_source_show_status",
        "harvest_source_update", "harvest_sources_job_history_clear", "harvest_sources_reindex",
    ),
    _HARVEST_AUTH: HARVEST_AUTH_AS_ACTIONS,
    _DATASTORE_READ: ("datastore_search", "datastore_info", "datastore_search_sql"),
    _DATASTORE_WRITE: (
        "datastore_create", "datastore_upsert", "datastore_delete", "datastore_records_delete",
        "datastore_function_create", "datastore_function_delete", "datastore_run_triggers",
        "xloader_submit", "xloader_hook", "xloader_status",
    ),
    _MAIL: (
        "get_mail_extra_vars", "harvest_get_notifications_recipients", "prepare_error_mail",
        "prepare_summary_mail", "send_email_notifications", "send_error_email", "send_mail",
        "send_summary_email",
    ),
}


def reviewed_names() -> dict[str, str]:
    return {name: reason for reason, names in REVIEWED.items() for name in names}


def unreviewed(action_names: Iterable[str]) -> list[str]:
    """Registered actions that are neither narrowed nor reviewed: doors nobody looked at."""
    known = NARROWED | reviewed_names().keys()
    return sorted(set(action_names) - known)


def redact_action_answer(sender: str, **kwargs: Any) -> None:
    """action_succeeded listener: the generic redaction of every action's answer."""
    result = kwargs.get("result")
    if isinstance(result, (dict, list)):
        context = kwargs.get("context") or {}
        redact_answer(lambda: viewer_from_context(context), result)
