"""A dataset as the round trip compares it, and an emptied site to load into."""
from __future__ import annotations

from ckan.lib import search
from ckan.tests import helpers

from ckanext.dazhou.tests.factories import site_context

# What the target site sets itself: times of writing, and who wrote (users are not backed up).
_VOLATILE = {"metadata_created", "metadata_modified", "created", "last_modified",
             "creator_user_id"}


def _stable(value):
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in _VOLATILE}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def shown(package_id: str) -> dict:
    """package_show from the database, without what the target site sets itself."""
    dataset = _stable(helpers.call_action(
        "package_show", {**site_context(), "use_cache": False}, id=package_id))
    for tag in dataset["tags"]:  # CKAN makes tags by name: a new site gives them new ids
        del tag["id"]
    return dataset


def group_shown(kind: str, group_id: str) -> dict:
    """organization_show / group_show without members (users are not backed up) and times."""
    group = _stable(helpers.call_action(f"{kind}_show", site_context(), id=group_id,
                                        include_users=False, include_datasets=False))
    group.pop("num_followers", None)
    return group


def empty_site(reset_db, migrate_db_for) -> None:
    """What a fresh site has: the migrated tables and an empty index."""
    reset_db()
    for plugin in ("activity", "harvest", "dazhou"):
        migrate_db_for(plugin)
    search.clear_all()
