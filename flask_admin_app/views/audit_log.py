"""The audit trail, read only, in words (audit_text.py); the stored JSON stays on the details page."""
from __future__ import annotations

import json

from markupsafe import Markup, escape

from flask_admin_app import audit_text
from flask_admin_app.views.base import StaffModelView


def _json(_view, _context, model, name):
    value = getattr(model, name)
    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    return Markup(f'<pre class="small mb-0" style="max-height:12rem">{escape(text)}</pre>')


def _changes(_view, _context, model, _name):
    lines = audit_text.changes(model.table_name, model.before, model.after)
    if not lines:
        return ""
    items = Markup("").join(Markup("<li><b>{}</b>：{}</li>").format(label, text)
                            for label, text in lines)
    return Markup('<ul class="list-unstyled small mb-0 dazhou-audit-changes">{}</ul>').format(items)


class AuditView(StaffModelView):
    can_create = can_edit = can_delete = False
    column_default_sort = ("at", True)
    column_list = ("at", "actor", "action", "table_name", "row_id", "after")
    column_details_list = ("at", "actor", "action", "table_name", "row_id", "after", "before")
    column_filters = ("actor", "action", "table_name", "row_id")
    column_labels = {"at": "时间", "actor": "操作人", "action": "操作", "table_name": "对象",
                     "row_id": "记录编号", "before": "修改前（原始记录）", "after": "变更内容"}
    column_formatters = {
        "action": lambda _v, _c, m, _n: audit_text.ACTIONS.get(m.action, m.action),
        "table_name": lambda _v, _c, m, _n: audit_text.TABLES.get(m.table_name, m.table_name),
        "after": _changes,
    }
    column_formatters_detail = {**column_formatters, "before": _json}
