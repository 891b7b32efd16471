"""The audit trail, read only."""
from __future__ import annotations

import json

from markupsafe import Markup, escape

from flask_admin_app.views.base import StaffModelView


def _json(_view, _context, model, name):
    value = getattr(model, name)
    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    return Markup(f'<pre class="small mb-0" style="max-height:12rem">{escape(text)}</pre>')


class AuditView(StaffModelView):
    can_create = can_edit = can_delete = False
    column_default_sort = ("at", True)
    column_list = ("at", "actor", "action", "table_name", "row_id", "before", "after")
    column_filters = ("actor", "action", "table_name", "row_id")
    column_labels = {"at": "时间", "actor": "操作人", "action": "操作", "table_name": "数据表",
                     "row_id": "记录编号", "before": "修改前", "after": "修改后"}
    column_formatters = {"before": _json, "after": _json}
    column_formatters_detail = {"before": _json, "after": _json}
