"""Supervision and evaluation: CKAN's own actions, called through the API, never re-computed
here; shown with Chinese columns and labels (report_tables.py), paged 20 rows at a time."""
from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_admin import expose

from flask_admin_app import ckan_client, report_tables as tables
from flask_admin_app.auth import user_token
from flask_admin_app.views.base import StaffView

# key -> (title, CKAN action, fixed parameters, article, columns, filter name, filter labels)
REPORTS: dict[str, tuple] = {
    "violations": ("违规清单", "dazhou_violation_list", {}, "第三十一条",
                   tables.violation_columns, "kind", tables.VIOLATION_KINDS),
    "evaluation": ("开放评估报告", "dazhou_evaluation_report", {}, "第二十八条", None, None, {}),
    "applications": ("共享申请办理情况", "dazhou_share_application_list", {"role": "bureau"},
                     "第十八条、第二十三条", tables.application_columns, "state", tables.SHARE_STATES),
    "conflicts": ("采集冲突（一数一源）", "dazhou_harvest_conflict_list", {}, "第十四条",
                  tables.conflict_columns, "state", tables.CONFLICT_STATES),
}


def _page() -> int:
    value = request.args.get("page", "1")
    return int(value) if value.isdigit() and 0 < int(value) <= 10000 else 1


class SupervisionView(StaffView):
    @expose("/")
    def index(self):
        key = request.args.get("report", "violations")
        if key not in REPORTS:
            key = "violations"
        title, action, fixed, article, columns_for, filter_name, filter_labels = REPORTS[key]
        settings = current_app.config["DAZHOU"]
        chosen = request.args.get(filter_name or "", "")
        chosen = chosen if chosen in filter_labels else ""
        params: dict[str, Any] = dict(fixed)
        if columns_for:  # a list: paged, filtered
            params.update(page=_page(), rows=tables.ROWS)
            if chosen:
                params[filter_name] = chosen
        else:  # the evaluation: a period
            params.update({k: request.args[k] for k in ("start", "end") if request.args.get(k)})
        context: dict[str, Any] = {"reports": REPORTS, "current": key, "title": title,
                                   "action": action, "article": article, "error": "",
                                   "filter_name": filter_name, "filter_labels": filter_labels,
                                   "chosen": chosen, "query": params}
        try:
            result = ckan_client.call(settings.ckan_url, user_token(), action, params)
        except ckan_client.CKANUnavailable as failure:
            context["error"] = str(failure)
        except Exception as failure:  # CKAN refused (NotAuthorized, ValidationError): show why
            context["error"] = f"目录平台拒绝了请求：{failure}"
        else:
            if columns_for:
                columns = columns_for(settings.ckan_url)
                context.update(headers=[h for h, _c in columns],
                               rows=tables.cells(columns, result.get("results") or []),
                               paging=tables.pages(result.get("count"), params["page"]))
            else:
                context.update(figures=tables.evaluation_rows(result),
                               ranking_header=tables.RANKING_HEADER,
                               ranking=tables.ranking_rows(result), report=result)
        return self.render("admin_app/supervision.html", **context)
