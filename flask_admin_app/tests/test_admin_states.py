"""The Art. 7–9 rules of the state machine, without database or CKAN."""
from __future__ import annotations

import pytest

from flask_admin_app import checklist, states
from flask_admin_app.states import ProjectFacts, TransitionRefused

T = 300_000


def reviewed(**changes) -> ProjectFacts:
    values = dict(state=states.OPINION_ISSUED, investment_yuan=500_000, threshold_yuan=T,
                  experts_assigned=2, opinions_recorded=2, opinion_text="同意建设",
                  conclusion="agree")
    values.update(changes)
    return ProjectFacts(**values)


class TestThreshold:
    def test_at_threshold_needs_review(self):
        assert ProjectFacts(states.DECLARED, T, T).needs_review

    def test_below_threshold_is_approved_directly(self):
        assert states.check(ProjectFacts(states.DECLARED, T - 1, T), "approve") == states.APPROVED

    def test_below_threshold_cannot_be_sent_to_review(self):
        with pytest.raises(TransitionRefused, match="无需审查"):
            states.check(ProjectFacts(states.DECLARED, 1000, T), "start_review")


class TestArticle8:
    @pytest.mark.parametrize("state", [states.DECLARED, states.UNDER_REVIEW])
    def test_approval_refused_without_opinion(self, state):
        facts = ProjectFacts(state, 500_000, T, experts_assigned=1, opinions_recorded=1)
        with pytest.raises(TransitionRefused, match="第八条"):
            states.check(facts, "approve")

    @pytest.mark.parametrize("procedure", ["fund", "tender", "procure"])
    def test_procedures_refused_without_opinion(self, procedure):
        with pytest.raises(TransitionRefused, match="不得.*第八条"):
            states.check_procedure(ProjectFacts(states.DECLARED, 500_000, T), procedure)

    @pytest.mark.parametrize("procedure", ["fund", "tender", "procure"])
    def test_procedures_allowed_after_approval(self, procedure):
        states.check_procedure(reviewed(state=states.APPROVED), procedure)

    def test_procedure_before_approval_refused(self):
        with pytest.raises(TransitionRefused, match="须立项后"):
            states.check_procedure(reviewed(), "fund")

    def test_disagreeing_opinion_blocks_approval(self):
        with pytest.raises(TransitionRefused, match="不同意"):
            states.check(reviewed(conclusion="disagree"), "approve")

    def test_approval_after_opinion(self):
        assert states.check(reviewed(), "approve") == states.APPROVED


class TestReview:
    def test_review_needs_an_expert(self):
        with pytest.raises(TransitionRefused, match="专家"):
            states.check(ProjectFacts(states.DECLARED, 500_000, T), "start_review")

    def test_opinion_needs_every_expert(self):
        facts = reviewed(state=states.UNDER_REVIEW, opinions_recorded=1)
        with pytest.raises(TransitionRefused, match="全部专家"):
            states.check(facts, "issue_opinion")

    def test_opinion_needs_text_and_conclusion(self):
        with pytest.raises(TransitionRefused, match="审查意见和审查结论"):
            states.check(reviewed(state=states.UNDER_REVIEW, conclusion=""), "issue_opinion")

    def test_wrong_state(self):
        with pytest.raises(TransitionRefused, match="“申报”状态"):
            states.check(ProjectFacts(states.DECLARED, 500_000, T), "file")


class TestArticle9:
    def test_acceptance_needs_a_result(self):
        with pytest.raises(TransitionRefused, match="第九条"):
            states.check(reviewed(state=states.UNDER_CONSTRUCTION), "record_acceptance")

    def test_failed_acceptance_cannot_be_filed(self):
        facts = reviewed(state=states.ACCEPTED, acceptance_result="failed")
        with pytest.raises(TransitionRefused, match="不得投入使用"):
            states.check(facts, "file")

    def test_passed_acceptance_is_filed(self):
        facts = reviewed(state=states.ACCEPTED, acceptance_result="passed")
        assert states.check(facts, "file") == states.FILED


def test_full_walk():
    facts = ProjectFacts(states.DECLARED, 500_000, T, experts_assigned=1)
    steps = [("start_review", {}), ("issue_opinion", dict(opinions_recorded=1, opinion_text="同意",
                                                          conclusion="agree")),
             ("approve", {}), ("start_construction", {}),
             ("record_acceptance", dict(acceptance_result="passed")), ("file", {})]
    for transition, changes in steps:
        facts = ProjectFacts(**{**facts.__dict__, **changes})
        assert transition in states.available(facts)
        facts = ProjectFacts(**{**facts.__dict__, "state": states.check(facts, transition)})
    assert facts.state == states.FILED


def test_checklist_covers_article_7():
    assert len(checklist.ITEMS) == 8
    assert checklist.missing({"security": "pass"}) == [
        label for key, label in checklist.ITEMS.items() if key != "security"]
    assert checklist.summary({key: "pass" for key in checklist.ITEMS}).startswith("符合8项")
