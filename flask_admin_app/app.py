"""The app factory: config, CSRF, Chinese UI, database session, sign-in and admin views."""
from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask_admin import Admin, AdminIndexView, expose
from flask_admin.theme import Bootstrap4Theme
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import func, select

from flask_admin_app import auth, states
from flask_admin_app.config import Settings
from flask_admin_app.db import make_session
from flask_admin_app.models import AuditEntry, Expert, ExpertReview, Project
from flask_admin_app.views.audit_log import AuditView
from flask_admin_app.views.base import StaffOnly, local_day, local_time
from flask_admin_app.views.experts import ExpertView
from flask_admin_app.views.projects import ProjectView
from flask_admin_app.views.reviews import ExpertReviewView
from flask_admin_app.views.supervision import SupervisionView

LOCALE = "zh_Hans_CN"


class HomeView(StaffOnly, AdminIndexView):
    @expose("/")
    def index(self):
        session = self.admin.app.extensions["dazhou_db"]
        counts = dict(session.execute(
            select(Project.state, func.count()).group_by(Project.state)).all())
        return self.render("admin_app/index.html", counts=counts, labels=states.STATE_LABELS,
                           threshold=self.admin.app.config["DAZHOU"].review_threshold_yuan)


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config.update(
        DAZHOU=settings,
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_NAME="dazhou_admin_session",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
        WTF_CSRF_TIME_LIMIT=8 * 3600,
        BABEL_DEFAULT_LOCALE=LOCALE,
    )
    CSRFProtect(app)  # every POST, Flask-Admin's included
    Babel(app, locale_selector=lambda: LOCALE)

    db = make_session(settings.database_url)
    app.extensions["dazhou_db"] = db
    app.teardown_appcontext(lambda _exc: db.remove())

    app.add_template_filter(local_time)  # every time shown: Asia/Shanghai, to the minute
    app.add_template_filter(local_day)
    app.register_blueprint(auth.blueprint)
    app.before_request(auth.require_bureau_staff)

    admin = Admin(app, name="达州市大数据局·公共数据项目", url="/",
                  index_view=HomeView(name="首页", url="/"),
                  # the default swatch: Flatly @imports Google Fonts, unreachable from the government network
                  theme=Bootstrap4Theme(base_template="admin_app/layout.html", swatch="default",
                                        fluid=True))
    admin.add_view(ProjectView(Project, db, name="公共数据项目", endpoint="project"))
    admin.add_view(ExpertReviewView(ExpertReview, db, name="专家意见", endpoint="expertreview"))
    admin.add_view(ExpertView(Expert, db, name="专家库", endpoint="expert"))
    admin.add_view(SupervisionView(name="监督评估", endpoint="supervision", url="/supervision"))
    admin.add_view(AuditView(AuditEntry, db, name="审计日志", endpoint="audit"))
    return app
