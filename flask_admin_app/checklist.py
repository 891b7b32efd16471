"""The review checklist of Art. 7, paragraph 3: what every expert opinion answers."""
from __future__ import annotations

# key -> question; the order is the article's.
ITEMS: dict[str, str] = {
    "policy_compliance": "是否符合国家、省、市相关政策规定",
    "duplicate_construction": "项目建设是否为重复建设",
    "duplicate_collection": "数据采集是否为重复采集",
    "sharing_compliance": "数据资源是否按规定共享开放",
    "security": "数据安全保障体系建设是否完善",
    "technology_trend": "建设方案是否合理可行、采用信息技术是否符合发展趋势",
    "implementation_conditions": "实施条件是否成熟",
    "plan_and_budget": "实施计划和资金测算是否合理",
}

RESULTS: dict[str, str] = {"pass": "符合", "concern": "需整改", "fail": "不符合"}


def missing(answers: dict[str, str] | None) -> list[str]:
    """Checklist questions without a valid answer."""
    answers = answers or {}
    return [label for key, label in ITEMS.items() if answers.get(key) not in RESULTS]


def summary(answers: dict[str, str] | None) -> str:
    """One line for lists: how many items pass, need changes, fail."""
    answers = answers or {}
    counts = {code: sum(1 for key in ITEMS if answers.get(key) == code) for code in RESULTS}
    return "，".join(f"{label}{counts[code]}项" for code, label in RESULTS.items())
