"""Expert opinions against the Art. 7 checklist."""
from __future__ import annotations


from ckanext.dazhou.dates import utc_now
from flask import flash
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired

from flask_admin_app import audit, checklist, states
from flask_admin_app.views.base import CSRFForm, StaffModelView


def _summary(_view, _context, model, _name):
    return checklist.summary(model.answers) if model.submitted_at else "未提交"


def review_form() -> type[CSRFForm]:
    """One required choice per checklist question, then the written opinion."""
    class ReviewForm(CSRFForm):
        pass

    choices = [("", "请选择")] + list(checklist.RESULTS.items())
    for key, question in checklist.ITEMS.items():
        setattr(ReviewForm, key, SelectField(question, choices=choices,
                                             validators=[DataRequired("请逐项填写审查要点。")]))
    ReviewForm.comments = TextAreaField("专家意见", validators=[DataRequired("请填写专家意见。")],
                                        render_kw={"rows": 5})
    return ReviewForm


class ExpertReviewView(StaffModelView):
    """Experts are assigned on the project page; here the bureau records what each one said."""
    can_create = False
    can_delete = False
    column_list = ("project", "expert", "assigned_at", "submitted_at", "answers")
    column_labels = {"project": "项目", "expert": "专家", "assigned_at": "指派时间",
                     "submitted_at": "提交时间", "answers": "审查要点", "comments": "专家意见",
                     "assigned_by": "指派人"}
    column_formatters = {"answers": _summary}
    column_formatters_detail = {"answers": _summary}
    column_default_sort = ("assigned_at", True)

    def scaffold_form(self):
        return review_form()

    def on_form_prefill(self, form, id):
        model = self.get_one(id)
        for key in checklist.ITEMS:
            form[key].data = (model.answers or {}).get(key, "")
        form.comments.data = model.comments

    def update_model(self, form, model) -> bool:
        if model.project.state != states.UNDER_REVIEW:
            flash("只有处于“审查中”的项目可以提交或修改专家意见。", "error")
            return False
        model.answers = {key: form[key].data for key in checklist.ITEMS}
        model.comments = form.comments.data
        model.submitted_at = utc_now()
        audit.label(self.session, "提交专家意见")
        self.session.commit()
        return True
