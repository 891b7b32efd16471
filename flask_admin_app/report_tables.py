"""How the 监督评估 tab shows CKAN's answers: Chinese columns, labelled values, department
names, percentages, local times. Pure functions of the rows CKAN returns (no CKAN call here).

A column is (header, cell); a cell is a function of one row giving text, or a Link.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ckanext.dazhou import dates

ROWS = 20

VIOLATION_KINDS = {
    "share_reply_overdue": "共享申请未按期答复",
    "feedback_reply_overdue": "纠错未按期答复",
    "open_reply_overdue": "开放申请未按期答复",
    "shared_data_not_updated": "数据变更后共享数据未按期更新",
    "catalog_not_updated": "数据变更后目录未按期更新",
    "stale_dataset": "未按更新周期更新",
}
UNITS = {"working_days": "个工作日", "days": "天"}
SHARE_STATES = {"submitted": "待答复", "approved": "已同意", "refused": "已拒绝",
                "escalated": "已提请市大数据局协调"}
CONFLICT_STATES = {"open": "待处理", "resolved": "已处理", "cleared": "已消除"}
DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Link:
    text: str
    url: str


def article(number: Any) -> str:
    """18 → 第十八条 (the measures have fewer than 100 articles)."""
    try:
        n = int(number)
    except (TypeError, ValueError):
        return str(number or "")
    tens, ones = divmod(n, 10)
    text = ("" if tens < 2 else DIGITS[tens]) + ("十" if tens else "") + (DIGITS[ones] if ones else "")
    return f"第{text or DIGITS[0]}条"


def percent(value: Any) -> str:
    return "—" if value is None else f"{float(value) * 100:.1f}%"


def time_text(value: Any) -> str:
    return dates.time_text(value, dates.DEFAULT_ZONE)


def days_left(value: Any) -> str:
    if value is None:
        return "—"
    return f"逾期 {-value} 个工作日" if value < 0 else f"{value} 个工作日"


Column = tuple[str, Callable[[dict[str, Any]], Any]]


def violation_columns(ckan_url: str) -> list[Column]:
    return [
        ("部门", lambda r: r.get("org_title") or ""),
        ("违规情形", lambda r: VIOLATION_KINDS.get(r.get("kind"), r.get("kind") or "")),
        ("依据", lambda r: article(r.get("article"))),
        ("信息资源", lambda r: r.get("package_title") or "—"),
        ("期限", lambda r: r.get("deadline") or ""),
        ("逾期", lambda r: f"{r.get('days_overdue')} {UNITS.get(r.get('unit'), '')}"),
        ("证据", lambda r: Link("查看", r["evidence_url"]) if r.get("evidence_url") else ""),
    ]


def application_columns(ckan_url: str) -> list[Column]:
    return [
        ("信息资源", lambda r: Link(r.get("package_title") or "",
                                  f"{ckan_url}/share-application/{r.get('id')}")),
        ("申请部门", lambda r: r.get("applicant_org_title") or ""),
        ("提供部门", lambda r: r.get("owner_org_title") or ""),
        ("申请时间", lambda r: time_text(r.get("submitted_at"))),
        ("答复期限", lambda r: r.get("reply_due") or ""),
        ("剩余时间", lambda r: days_left(r.get("working_days_left"))),
        ("状态", lambda r: SHARE_STATES.get(r.get("state"), r.get("state") or "")),
    ]


def conflict_columns(ckan_url: str) -> list[Column]:
    def item(r):
        code = r.get("item_code")
        return (r.get("item_name") or "") + (f"（{code}）" if code else "")
    return [
        ("数据项", item),
        ("采集来源", lambda r: r.get("harvest_source_title") or ""),
        ("采集的信息资源", lambda r: r.get("harvested_title") or ""),
        ("本地权威信息资源", lambda r: r.get("owner_package_title") or ""),
        ("权威部门", lambda r: r.get("owner_org_title") or ""),
        ("最近发现", lambda r: time_text(r.get("last_seen"))),
        ("状态", lambda r: CONFLICT_STATES.get(r.get("state"), r.get("state") or "")),
    ]


def cells(columns: list[Column], rows: list[dict[str, Any]]) -> list[list[Any]]:
    return [[cell(row) for _header, cell in columns] for row in rows]


# the evaluation report: (key, label, kind) and which denominator a rate uses
FIGURES = [
    ("open_datasets", "开放的信息资源", "count"),
    ("open_resources", "开放的资源", "count"),
    ("machine_readable_share", "开放资源中机器可读的比例", "ratio"),
    ("data_changes", "登记的数据变更", "count"),
    ("on_time_update_rate", "共享数据按期更新率", "ratio"),
    ("applications", "共享和开放申请", "count"),
    ("application_median_reply_working_days", "申请答复时间中位数", "days"),
    ("application_on_time_rate", "申请按期答复率", "ratio"),
    ("feedback", "纠错", "count"),
    ("feedback_median_reply_working_days", "纠错答复时间中位数", "days"),
    ("feedback_on_time_rate", "纠错按期答复率", "ratio"),
]
RATE_KINDS = {"on_time_update_rate": "update", "application_on_time_rate": "application",
              "feedback_on_time_rate": "feedback"}


def evaluation_rows(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(label, value, what it counts) of each figure."""
    rows = []
    for key, label, kind in FIGURES:
        value = report.get(key)
        if kind == "ratio":
            text = percent(value)
        elif kind == "days":
            text = "—" if value is None else f"{float(value):.1f} 个工作日"
        else:
            text = str(value if value is not None else 0)
        counts = (report.get("denominators") or {}).get(RATE_KINDS.get(key, ""))
        basis = (f"已到期或已答复 {counts['counted']} 项，按期 {counts['on_time']} 项；"
                 f"{counts['not_yet_due']} 项未到期，不计入") if counts else ""
        rows.append((label, text, basis))
    return rows


RANKING_HEADER = ["名次", "部门", "按期 / 应计", "按期率", "申请", "纠错", "共享数据更新"]


def ranking_rows(report: dict[str, Any]) -> list[list[str]]:
    def part(row, kind):
        counted = row.get(f"{kind}_counted") or 0
        return f"{row.get(f'{kind}_on_time', 0)}/{counted}" if counted else "—"
    return [[str(r.get("place") or "—"), r.get("organization_title") or "",
             f"{r.get('on_time', 0)}/{r.get('counted', 0)}", percent(r.get("on_time_rate")),
             part(r, "application"), part(r, "feedback"), part(r, "update")]
            for r in report.get("ranking") or []]


def pages(total: int | None, page: int, rows: int = ROWS) -> dict[str, int]:
    last = max(1, -(-(total or 0) // rows))
    return {"page": min(page, last), "last": last, "total": total or 0}
