"""Auth functions of the dazhou_* actions (registered by toolkit.blanket.auth_functions)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import _

from ckanext.dazhou.access.roles import viewer_from_context
from ckanext.dazhou.model import AccessGrant, ShareApplication
from ckanext.dazhou.sharing import states


def _fail(message: str) -> dict:
    return {"success": False, "msg": message}


def dazhou_share_application_create(context, data_dict):
    viewer = viewer_from_context(context)
    if not viewer.org_ids:
        return _fail(_("Only department staff can apply to share data (Art. 18)"))
    return {"success": True}


def _application(data_dict) -> ShareApplication:
    application = model.Session.get(ShareApplication, data_dict.get("id") or "")
    if application is None:
        raise tk.ObjectNotFound(_("Share application not found"))
    return application


def dazhou_share_application_show(context, data_dict):
    viewer = viewer_from_context(context)
    application = _application(data_dict)
    if viewer.is_bureau or {application.applicant_org_id, application.owner_org_id} & viewer.org_ids:
        return {"success": True}
    return _fail(_("Only the applying and the providing department can see this application"))


def dazhou_share_application_decide(context, data_dict):
    viewer = viewer_from_context(context)
    application = _application(data_dict)
    if application.state == states.SUBMITTED and viewer.can_edit(application.owner_org_id):
        return {"success": True}
    if application.state == states.ESCALATED and viewer.is_bureau:
        return {"success": True}
    return _fail(_("Only editors of the providing department answer an application; "
                   "the bureau decides escalated ones (Art. 18, 23)"))


def dazhou_share_application_escalate(context, data_dict):
    viewer = viewer_from_context(context)
    application = _application(data_dict)
    if application.applicant_org_id in viewer.org_ids:
        return {"success": True}
    return _fail(_("Only the applying department can escalate its application (Art. 23)"))


def dazhou_share_application_list(context, data_dict):
    if not viewer_from_context(context).is_staff:
        return _fail(_("Only department staff have share applications"))
    return {"success": True}


def dazhou_grant_revoke(context, data_dict):
    viewer = viewer_from_context(context)
    grant = model.Session.get(AccessGrant, data_dict.get("id") or "")
    if grant is None:
        raise tk.ObjectNotFound(_("Grant not found"))
    package = model.Package.get(grant.package_id)
    if viewer.can_edit(package.owner_org if package else None):
        return {"success": True}
    return _fail(_("Only the providing department or the bureau can revoke a grant"))


def dazhou_grant_list(context, data_dict):
    viewer = viewer_from_context(context)
    package = model.Package.get(data_dict.get("package_id") or "")
    if package is None:
        raise tk.ObjectNotFound(_("Dataset not found"))
    if viewer.owns(package.owner_org):
        return {"success": True}
    return _fail(_("Only the providing department or the bureau can list grants"))


def dazhou_access_log_list(context, data_dict):
    viewer = viewer_from_context(context)
    if viewer.is_bureau:
        return {"success": True}
    package = model.Package.get(data_dict.get("package_id") or "")
    if package is not None and viewer.owns(package.owner_org):
        return {"success": True}
    return _fail(_("Only the providing department or the bureau can read the access log"))


def _bureau_only(context, message: str) -> dict:
    if viewer_from_context(context).is_bureau:
        return {"success": True}
    return _fail(message)


# Departments and groups are made and removed by the bureau only, whatever
# ckan.auth.user_create_organizations/_groups say: registering gives no department rights.

def organization_create(context, data_dict=None):
    return _bureau_only(context, _("Only the Big Data Bureau can create departments"))


def organization_delete(context, data_dict):
    return _bureau_only(context, _("Only the Big Data Bureau can delete departments"))


def group_create(context, data_dict=None):
    return _bureau_only(context, _("Only the Big Data Bureau can create groups"))


def group_delete(context, data_dict):
    return _bureau_only(context, _("Only the Big Data Bureau can delete groups"))


@tk.chained_auth_function
def organization_update(next_auth, context, data_dict):
    """The bureau edits every department (its code among others); the rest as CKAN says."""
    if viewer_from_context(context).is_bureau:
        return {"success": True}
    return next_auth(context, data_dict)


_DEPARTMENT_AUTH = (organization_create, organization_delete, organization_update,
                    group_create, group_delete)


def get_auth_functions() -> dict:
    """The auth functions of this module and of the workflow modules."""
    from ckanext.dazhou.supervision import actions as supervision
    from ckanext.dazhou.workflows import data_changes, feedback, open_applications

    own = {name: fn for name, fn in globals().items()
           if name.startswith("dazhou_") and callable(fn)}
    for module in (feedback, open_applications, data_changes, supervision):
        own.update(module.AUTH)
    own.update({fn.__name__: fn for fn in _DEPARTMENT_AUTH})
    return own
