"""Permission labels (IPermissionLabels): the one place dataset visibility is decided.

CKAN applies them to package_search (results, facets, counts), package_show, the
organization list's counts and activity streams, so every door sees the same rule.
"""
from __future__ import annotations

from ckan import model

from ckanext.dazhou.access.roles import Viewer, viewer_for

PUBLIC = "public"
STAFF = "dazhou-staff"
BUREAU = "dazhou-bureau"
PUBLIC_OPEN_TYPES = ("open", "conditional")


def org_label(org_id: str) -> str:
    return f"dazhou-org-{org_id}"


def dataset_labels(package: model.Package) -> list[str]:
    extras = package.extras or {}
    if package.state and package.state.startswith("draft"):
        labels = [f"creator-{package.creator_user_id}"]
    elif package.state == "withdrawn":  # 撤回发布: its department and the bureau only
        labels = []
    else:
        labels = [STAFF]  # Art. 18: every cataloged dataset, not-shared ones too
        if extras.get("open_type") in PUBLIC_OPEN_TYPES:
            labels.append(PUBLIC)
    labels.append(BUREAU)
    if package.owner_org:
        labels.append(org_label(package.owner_org))
    return labels


def user_labels(user: model.User | None) -> list[str]:
    return viewer_labels(viewer_for(user))


def viewer_labels(viewer: Viewer) -> list[str]:
    labels = [PUBLIC]
    if viewer.user_id:
        labels.append(f"creator-{viewer.user_id}")
    if viewer.is_staff:
        labels.append(STAFF)
    if viewer.is_bureau:
        labels.append(BUREAU)
    labels.extend(org_label(org_id) for org_id in sorted(viewer.org_ids))
    return labels
