"""The expert register (Art. 6)."""
from __future__ import annotations

from flask_admin_app.views.base import StaffModelView


class ExpertView(StaffModelView):
    column_list = ("name", "organization", "title", "specialty", "phone", "active")
    column_searchable_list = ("name", "organization", "specialty")
    column_filters = ("active",)
    form_columns = ("name", "organization", "title", "specialty", "phone", "email", "active")
    column_labels = {"name": "姓名", "organization": "工作单位", "title": "职称",
                     "specialty": "专业领域", "phone": "电话", "email": "电子邮箱",
                     "active": "在库", "created_at": "登记时间"}
    # Experts with opinions on record are kept for the audit trail: deactivate instead.
    can_delete = False
