"""Supervision and evaluation: CKAN's own actions, called through the API, never re-computed here."""
from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_admin import expose

from flask_admin_app import ckan_client
from flask_admin_app.auth import user_token
from flask_admin_app.views.base import StaffView

# endpoint -> (title, CKAN action, fixed parameters, article)
REPORTS: dict[str, tuple[str, str, dict[str, Any], str]] = {
    "violations": ("违规清单", "dazhou_violation_list", {}, "第三十一条"),
    "evaluation": ("开放评估报告", "dazhou_evaluation_report", {}, "第二十八条"),
    "applications": ("共享申请办理情况", "dazhou_share_application_list", {"role": "bureau"},
                     "第十八条、第二十三条"),
    "conflicts": ("采集冲突（一数一源）", "dazhou_harvest_conflict_list", {"state": "open"},
                  "第十四条"),
}
# Column headers for the fields CKAN returns; unknown fields show their own names.
FIELD_LABELS = {
    "package_title": "数据集", "owner_org_title": "提供部门", "applicant_org_title": "申请部门",
    "applicant_user_name": "申请人", "purpose": "用途", "state": "状态", "submitted_at": "申请时间",
    "reply_due": "答复期限", "working_days_left": "剩余工作日", "decided_at": "办理时间",
    "organization": "部门", "department": "部门", "rule": "规则", "article": "条款",
    "evidence": "证据", "due": "期限", "overdue_days": "逾期天数", "count": "数量", "score": "得分",
    "harvest_source_title": "采集来源", "harvested_title": "采集的信息资源",
    "original_uri": "来源地址", "item_name": "数据项", "item_code": "数据项编码",
    "owner_package_title": "本地权威信息资源", "first_seen": "首次发现", "last_seen": "最近发现",
    "resolution_note": "处理说明", "resolved_at": "处理时间", "resolved_by_name": "处理人",
}
HIDDEN = {"id", "package_id", "owner_org_id", "applicant_org_id", "applicant_user_id",
          "resource_ids", "decided_by", "grant_id", "harvest_source_id", "harvest_source_name",
          "harvested_package_id", "harvested_package_name", "identity", "owner_package_id",
          "owner_package_name", "owner_org_name", "resolved_by", "cleared_at"}


def rows_of(result: Any) -> list[dict[str, Any]]:
    """Actions answer a list, or a page dict with `results`; anything else is one row."""
    if isinstance(result, dict) and isinstance(result.get("results"), list):
        return result["results"]
    if isinstance(result, list):
        return [row if isinstance(row, dict) else {"value": row} for row in result]
    return [result] if isinstance(result, dict) else [{"value": result}]


def columns_of(rows: list[dict[str, Any]]) -> list[str]:
    seen: list[str] = []
    for row in rows:
        seen.extend(key for key in row if key not in seen and key not in HIDDEN)
    return seen


class SupervisionView(StaffView):
    @expose("/")
    def index(self):
        key = request.args.get("report", "violations")
        if key not in REPORTS:
            key = "violations"
        title, action, params, article = REPORTS[key]
        settings = current_app.config["DAZHOU"]
        rows, error, total = [], "", None
        try:
            result = ckan_client.call(settings.ckan_url, user_token(), action,
                                      {**params, **{k: v for k, v in request.args.items()
                                                    if k not in ("report",)}})
            rows = rows_of(result)
            total = result.get("count") if isinstance(result, dict) else len(rows)
        except ckan_client.CKANUnavailable as failure:
            error = str(failure)
        except Exception as failure:  # CKAN refused (NotAuthorized, ValidationError): show why
            error = f"CKAN 拒绝了请求（{action}）：{failure}"
        return self.render("admin_app/supervision.html", reports=REPORTS, current=key,
                           title=title, action=action, article=article, rows=rows,
                           columns=columns_of(rows), labels=FIELD_LABELS, error=error,
                           total=total)
