"""IT projects (Art. 7–9): register, assign experts, duplicate check, transitions, procedures."""
from __future__ import annotations

from typing import Any

from ckanext.dazhou.dates import today as local_today, utc_now
from flask import current_app, flash, redirect, request, url_for
from flask_admin import expose
from flask_admin.babel import gettext  # noqa: F401  (keeps Flask-Admin's own strings translated)
from flask_admin.form import rules
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from sqlalchemy import inspect, select
from wtforms import SelectField
from wtforms.validators import NumberRange, ValidationError

from flask_admin_app import audit, departments, duplicates, states
from flask_admin_app.auth import current_user, user_token
from flask_admin_app.ckan_client import CKANUnavailable
from flask_admin_app.models import Expert, ExpertReview, Project
from flask_admin_app.views.base import StaffModelView

PLAN_FIELDS = ("department", "name", "investment_yuan", "funding_source", "construction_content",
               "planned_data_items", "security_plan", "operation_maintenance")
OPINION_FIELDS = ("review_opinion", "review_conclusion")
LABELS = {
    "department": "申报部门", "name": "项目名称", "investment_yuan": "投资金额（元）",
    "funding_source": "资金来源", "construction_content": "建设内容",
    "planned_data_items": "拟采集数据（信息项）", "security_plan": "安全保障方案",
    "operation_maintenance": "运行维护", "state": "状态", "review_opinion": "审查意见",
    "review_conclusion": "审查结论", "opinion_issued_at": "出具审查意见时间",
    "opinion_issued_by": "出具人", "approved_at": "立项时间", "funded_at": "列入资金计划时间",
    "tendered_at": "进入招投标时间", "procured_at": "进入政府采购时间",
    "construction_started_at": "开工时间", "acceptance_date": "竣工验收日期",
    "acceptance_result": "竣工验收结论", "acceptance_notes": "验收说明", "filed_at": "备案时间",
    "filing_number": "备案编号", "created_at": "登记时间", "created_by": "登记人",
    "reviews": "专家审查",
}
PROCEDURE_COLUMNS = {"fund": "funded_at", "tender": "tendered_at", "procure": "procured_at"}


def facts(project: Project, threshold: int) -> states.ProjectFacts:
    return states.ProjectFacts(
        state=project.state, investment_yuan=project.investment_yuan or 0,
        threshold_yuan=threshold, experts_assigned=len(project.reviews),
        opinions_recorded=sum(1 for review in project.reviews if review.submitted_at),
        opinion_text=project.review_opinion or "", conclusion=project.review_conclusion or "",
        acceptance_result=project.acceptance_result or "")


def _yuan(_view, _context, model, _name):
    return f"{model.investment_yuan:,} 元" if model.investment_yuan is not None else ""


def _state(_view, _context, model, _name):
    label = states.STATE_LABELS.get(model.state, model.state)
    return Markup('<span class="badge badge-info">{}</span>').format(label)


def _lines(_view, _context, model, name):
    return Markup("<br>").join((getattr(model, name) or "").splitlines())


def _label_of(labels: dict[str, str]):
    return lambda _view, _context, model, name: labels.get(getattr(model, name) or "", "")


class CSRFInput(rules.BaseRule):
    def __call__(self, form, form_opts=None, field_args=None):
        return Markup('<input type="hidden" name="csrf_token" value="{}">').format(generate_csrf())


def _department(_view, _context, model, _name):
    return departments.title(model.department)


def _known_department(form, field):
    """The picker's value must be a department CKAN has (a forged or stale post is refused)."""
    if field.data not in {name for name, _title in field.choices if name}:
        raise ValidationError("请从列表中选择申报部门（部门以目录平台为准）。")


def _blank(labels: dict[str, str]) -> list[tuple[str, str]]:
    return [("", "（未填写）")] + list(labels.items())


class ProjectView(StaffModelView):
    details_template = "admin_app/project_details.html"
    column_list = ("name", "department", "investment_yuan", "state", "created_at")
    column_searchable_list = ("name",)
    column_filters = ("state",)
    column_default_sort = ("created_at", True)
    column_labels = LABELS
    column_formatters = {"investment_yuan": _yuan, "state": _state, "department": _department}
    column_formatters_detail = {"investment_yuan": _yuan, "state": _state, "department": _department,
                                "planned_data_items": _lines, "construction_content": _lines,
                                "review_conclusion": _label_of(states.CONCLUSION_LABELS),
                                "acceptance_result": _label_of(states.ACCEPTANCE_LABELS)}
    column_details_exclude_list = ("reviews",)
    form_columns = PLAN_FIELDS + OPINION_FIELDS + (
        "acceptance_date", "acceptance_result", "acceptance_notes", "filing_number")
    # Rules render only what they list: the CSRF token is listed as a bare hidden input
    # (a Field rule would print its label, "CSRF Token").
    form_create_rules = (CSRFInput(),) + PLAN_FIELDS
    form_overrides = {"department": SelectField}
    form_choices = {"review_conclusion": _blank(states.CONCLUSION_LABELS),
                    "acceptance_result": _blank(states.ACCEPTANCE_LABELS)}
    form_args = {
        "department": {"validators": [_known_department], "validate_choice": False,
                       "description": "部门列表来自目录平台；重复采集比对据此区分本部门与其他部门的权威信息项。"},
        "investment_yuan": {"validators": [NumberRange(min=0, message="投资金额不能为负数。")]},
        "planned_data_items": {"description": "每行一个信息项：“名称”或“名称|数据元代码”，"
                                              "用于与目录中的权威信息项比对，防止重复采集（第十四条）。"},
        "review_opinion": {"description": "全部专家提交意见后，由市大数据局填写并出具（第七条）。"},
        "acceptance_result": {"description": "竣工验收合格方可备案、投入运行（第九条）。"},
    }
    form_widget_args = {name: {"rows": 4} for name in (
        "construction_content", "planned_data_items", "security_plan", "operation_maintenance",
        "review_opinion", "acceptance_notes")}
    can_delete = False  # projects are records of the review: never deleted

    # --- settings -------------------------------------------------------------------------
    @property
    def settings(self):
        return current_app.config["DAZHOU"]

    # --- the department picker ------------------------------------------------------------
    def _with_departments(self, form, current: str | None = None):
        try:
            options = departments.choices()
        except CKANUnavailable as error:
            flash(str(error), "error")
            options = []
        if current and current not in dict(options):  # typed before the picker: kept, visible
            options = [(current, current)] + options
        form.department.choices = [("", "（请选择申报部门）")] + options
        return form

    def create_form(self, obj=None):
        return self._with_departments(super().create_form(obj))

    def edit_form(self, obj=None):
        return self._with_departments(super().edit_form(obj), getattr(obj, "department", None))

    # --- form rules -----------------------------------------------------------------------
    def on_model_change(self, form, model: Project, is_created: bool) -> None:
        if is_created:
            model.state = states.DECLARED
            model.created_by = (current_user() or {}).get("name", "")
            return
        changed = {attr.key for attr in inspect(model).attrs if attr.history.has_changes()}
        if model.state != states.DECLARED and changed & set(PLAN_FIELDS):
            raise ValidationError("项目已提交审查，建设方案不能再修改（审查意见针对申报的方案）。")
        if model.opinion_issued_at and changed & set(OPINION_FIELDS):
            raise ValidationError("审查意见已出具，不能再修改。")

    # --- details page ---------------------------------------------------------------------
    def panel(self, project: Project) -> dict[str, Any]:
        """Everything the details page shows beyond the columns."""
        threshold = self.settings.review_threshold_yuan
        project_facts = facts(project, threshold)
        sources = {name for name, (_l, src, _t) in states.TRANSITIONS.items() if project.state in src}
        assigned = {review.expert_id for review in project.reviews}
        experts = self.session.scalars(
            select(Expert).where(Expert.active.is_(True)).order_by(Expert.name)).all()
        matches, duplicate_error = [], ""
        if project.planned_data_items:
            try:
                matches = duplicates.check(self.settings.ckan_url, user_token(),
                                           project.planned_data_items, project.department)
            except CKANUnavailable as error:
                duplicate_error = str(error)
        return {
            "needs_review": project_facts.needs_review, "threshold": threshold,
            "state_label": states.STATE_LABELS.get(project.state, project.state),
            "transitions": [(name, label) for name, (label, _s, _t) in states.TRANSITIONS.items()
                            if name in sources],
            "procedures": [(name, label, getattr(project, PROCEDURE_COLUMNS[name]))
                           for name, label in states.PROCEDURES.items()],
            "reviews": project.reviews, "can_assign": project.state in (states.DECLARED,
                                                                        states.UNDER_REVIEW),
            "experts": [expert for expert in experts if expert.id not in assigned],
            "matches": matches, "duplicate_error": duplicate_error,
            "department": departments.title(project.department),
            "conclusion": states.CONCLUSION_LABELS.get(project.review_conclusion or "", ""),
            "acceptance": states.ACCEPTANCE_LABELS.get(project.acceptance_result or "", ""),
        }

    def _project_or_404(self) -> Project:
        project = self.session.get(Project, request.form.get("id", type=int))
        if project is None:
            from flask import abort
            abort(404)
        return project

    def _back(self, project: Project):
        return redirect(url_for(".details_view", id=project.id))

    # --- actions (POST, CSRF-checked by the app) ------------------------------------------
    @expose("/transition/", methods=("POST",))
    def transition_view(self):
        project = self._project_or_404()
        name = request.form.get("transition", "")
        try:
            target = states.check(facts(project, self.settings.review_threshold_yuan), name)
        except states.TransitionRefused as error:
            flash(str(error), "error")
            return self._back(project)
        now = utc_now()
        project.state = target
        if name == "issue_opinion":
            project.opinion_issued_at = now
            project.opinion_issued_by = (current_user() or {}).get("name", "")
        elif name == "approve":
            project.approved_at = now
        elif name == "start_construction":
            project.construction_started_at = now
        elif name == "record_acceptance" and not project.acceptance_date:
            project.acceptance_date = local_today()
        elif name == "file":
            project.filed_at = now
            project.filing_number = project.filing_number or f"DZSJ-BA-{local_today().year}-{project.id:04d}"
        audit.label(self.session, f"状态变更：{states.TRANSITIONS[name][0]}")
        self.session.commit()
        flash(f"已{states.TRANSITIONS[name][0]}，项目状态：{states.STATE_LABELS[target]}。", "success")
        return self._back(project)

    @expose("/procedure/", methods=("POST",))
    def procedure_view(self):
        project = self._project_or_404()
        name = request.form.get("procedure", "")
        try:
            states.check_procedure(facts(project, self.settings.review_threshold_yuan), name)
        except states.TransitionRefused as error:
            flash(str(error), "error")
            return self._back(project)
        setattr(project, PROCEDURE_COLUMNS[name], utc_now())
        audit.label(self.session, f"程序登记：{states.PROCEDURES[name]}")
        self.session.commit()
        flash(f"已登记：{states.PROCEDURES[name]}。", "success")
        return self._back(project)

    @expose("/assign/", methods=("POST",))
    def assign_view(self):
        project = self._project_or_404()
        expert = self.session.get(Expert, request.form.get("expert_id", type=int))
        if project.state not in (states.DECLARED, states.UNDER_REVIEW):
            flash("只能在申报或审查阶段指派专家。", "error")
        elif expert is None or not expert.active:
            flash("请选择专家库中的在库专家。", "error")
        elif any(review.expert_id == expert.id for review in project.reviews):
            flash(f"{expert.name} 已被指派。", "error")
        else:
            project.reviews.append(ExpertReview(
                expert=expert, answers={}, comments="",
                assigned_by=(current_user() or {}).get("name", "")))
            audit.label(self.session, "指派审查专家")
            self.session.commit()
            flash(f"已指派专家 {expert.name}。", "success")
        return self._back(project)
