"""The project life cycle of Art. 7–9 as pure functions (no database, no Flask).

申报 → 审查中 → 已出具审查意见 → 已立项 → 建设中 → 竣工验收 → 已备案 (投入运行).
Projects below the review threshold skip the review and may be approved straight away.
Funding, tender and procurement are procedures, not states: they are recorded on a project
and refused without a review opinion (Art. 8), like approval.
"""
from __future__ import annotations

from dataclasses import dataclass

DECLARED = "declared"
UNDER_REVIEW = "under_review"
OPINION_ISSUED = "opinion_issued"
APPROVED = "approved"
UNDER_CONSTRUCTION = "under_construction"
ACCEPTED = "accepted"
FILED = "filed"

STATE_LABELS = {
    DECLARED: "申报",
    UNDER_REVIEW: "审查中",
    OPINION_ISSUED: "已出具审查意见",
    APPROVED: "已立项",
    UNDER_CONSTRUCTION: "建设中",
    ACCEPTED: "竣工验收",
    FILED: "已备案（投入运行）",
}

# Review conclusions the bureau can issue; only the last one blocks the project.
CONCLUSION_LABELS = {"agree": "同意", "agree_with_changes": "修改后同意", "disagree": "不同意"}
ACCEPTANCE_LABELS = {"passed": "验收合格", "failed": "验收不合格"}

# transition name -> (label, from states, to state)
TRANSITIONS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "start_review": ("提交审查", (DECLARED,), UNDER_REVIEW),
    "issue_opinion": ("出具审查意见", (UNDER_REVIEW,), OPINION_ISSUED),
    "approve": ("立项", (DECLARED, UNDER_REVIEW, OPINION_ISSUED), APPROVED),
    "start_construction": ("开工建设", (APPROVED,), UNDER_CONSTRUCTION),
    "record_acceptance": ("登记竣工验收", (UNDER_CONSTRUCTION,), ACCEPTED),
    "file": ("备案并投入运行", (ACCEPTED,), FILED),
}

# Art. 8 procedures, recorded on the project; each needs the review opinion.
PROCEDURES = {"fund": "列入资金计划", "tender": "进入招投标", "procure": "进入政府采购"}
PROCEDURE_STATES = (APPROVED, UNDER_CONSTRUCTION)


class TransitionRefused(Exception):
    """A transition or procedure the measures forbid; the message is shown to the user."""


@dataclass(frozen=True)
class ProjectFacts:
    """What the rules need to know about a project."""
    state: str
    investment_yuan: int
    threshold_yuan: int
    experts_assigned: int = 0
    opinions_recorded: int = 0
    opinion_text: str = ""
    conclusion: str = ""
    acceptance_result: str = ""

    @property
    def needs_review(self) -> bool:
        return self.investment_yuan >= self.threshold_yuan

    @property
    def has_opinion(self) -> bool:
        return bool(self.opinion_text.strip() and self.conclusion)


def _require_opinion(facts: ProjectFacts, what: str) -> None:
    """Art. 8: nothing proceeds on a reviewable project without a favourable opinion."""
    if not facts.needs_review:
        return
    if not facts.has_opinion or facts.state in (DECLARED, UNDER_REVIEW):
        raise TransitionRefused(
            f"未取得市大数据局审查意见的公共数据项目（投资{facts.threshold_yuan // 10000}万元及以上），"
            f"不得{what}（《达州市公共数据管理办法》第八条）。")
    if facts.conclusion == "disagree":
        raise TransitionRefused(f"审查意见为“不同意”，项目不得{what}（第八条）。")


def check(facts: ProjectFacts, transition: str) -> str:
    """The state after `transition`, or TransitionRefused with the reason."""
    if transition not in TRANSITIONS:
        raise TransitionRefused(f"未知的操作：{transition}")
    label, sources, target = TRANSITIONS[transition]
    if transition == "approve":
        _require_opinion(facts, "立项审批")
    if facts.state not in sources:
        raise TransitionRefused(
            f"项目处于“{STATE_LABELS.get(facts.state, facts.state)}”状态，不能{label}。")
    if transition == "start_review":
        if not facts.needs_review:
            raise TransitionRefused("投资金额低于审查限额，无需审查，可直接立项。")
        if facts.experts_assigned < 1:
            raise TransitionRefused("请先从专家库指派至少一名审查专家（第六条、第七条）。")
    elif transition == "issue_opinion":
        if facts.opinions_recorded < facts.experts_assigned or facts.experts_assigned < 1:
            raise TransitionRefused(
                f"已指派专家{facts.experts_assigned}名，已提交意见{facts.opinions_recorded}份："
                "全部专家提交意见后方可出具审查意见。")
        if not facts.has_opinion:
            raise TransitionRefused("请先填写审查意见和审查结论。")
    elif transition == "record_acceptance":
        if facts.acceptance_result not in ACCEPTANCE_LABELS:
            raise TransitionRefused("请先填写竣工验收结论（第九条）。")
    elif transition == "file":
        if facts.acceptance_result != "passed":
            raise TransitionRefused(
                "未经竣工验收或竣工验收不合格的公共数据项目，不得投入使用，也不能备案（第九条）。")
    return target


def check_procedure(facts: ProjectFacts, procedure: str) -> None:
    """Art. 8 for funding, tender and procurement."""
    if procedure not in PROCEDURES:
        raise TransitionRefused(f"未知的程序：{procedure}")
    label = PROCEDURES[procedure]
    _require_opinion(facts, label)
    if facts.state not in PROCEDURE_STATES:
        raise TransitionRefused(
            f"项目处于“{STATE_LABELS.get(facts.state, facts.state)}”状态，须立项后方可{label}。")


def available(facts: ProjectFacts) -> list[str]:
    """Transitions that would succeed now (for the buttons)."""
    result = []
    for name in TRANSITIONS:
        try:
            check(facts, name)
        except TransitionRefused:
            continue
        result.append(name)
    return result
