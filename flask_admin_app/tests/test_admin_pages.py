"""What the bureau reads in the admin app (issue 14): the department picker, the 监督评估 tab in
Chinese with paging, a readable audit log, local times, no outside fonts, no "CSRF Token"."""
from __future__ import annotations

import re

from flask_admin_app import report_tables as tables
from flask_admin_app.models import Project
from flask_admin_app.tests.test_admin_permissions import csrf_of, sign_in

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
RAW = ("shared_data_not_updated", "share_reply_overdue", "stale_dataset", "days_overdue",
       "evidence_url", "org_id", "package_name", "None")


def _signed_in(app, ckan_server):
    client = app.test_client()
    sign_in(client, ckan_server["tokens"]["dsjj-staff"])
    return client


def _visible(html: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def _register(client, department: str):
    form = client.get("/project/new/").get_data(as_text=True)
    return client.post("/project/new/", data={
        "csrf_token": csrf_of(form), "department": department, "name": "社保数据平台",
        "investment_yuan": "500000", "funding_source": "财政", "construction_content": "平台",
        "planned_data_items": "公民身份号码", "security_plan": "等保三级",
        "operation_maintenance": "外包运维"})


class TestTables:
    def test_labels(self):
        assert tables.article("31") == "第三十一条" and tables.article(7) == "第七条"
        assert tables.percent(0.3333) == "33.3%" and tables.percent(None) == "—"
        assert tables.time_text("2026-12-01T16:30:00.123456") == "2026-12-02 00:30"
        assert tables.pages(41, 9) == {"page": 3, "last": 3, "total": 41}


class TestDepartmentPicker:
    def test_form_lists_ckan_departments_without_csrf_label(self, app, ckan_server):
        client = _signed_in(app, ckan_server)
        form = client.get("/project/new/").get_data(as_text=True)
        select = re.search(r'<select[^>]*id="department".*?</select>', form, re.S).group(0)
        assert '<option value="dz-gongan">达州市公安局</option>' in select
        main = re.search(r'<form[^>]*class="admin-form".*?</form>', form, re.S).group(0)
        assert "CSRF Token" not in form and 'name="csrf_token"' in main  # in the form it posts

    def test_unknown_department_refused_in_chinese(self, app, ckan_server):
        client = _signed_in(app, ckan_server)
        response = _register(client, "达州市随便什么局")
        assert response.status_code == 200 and "请从列表中选择申报部门" in response.get_data(as_text=True)
        assert app.extensions["dazhou_db"].query(Project).count() == 0

    def test_own_items_are_not_duplicates_and_titles_shown(self, app, ckan_server):
        client = _signed_in(app, ckan_server)
        response = _register(client, "dz-gongan")
        assert response.status_code == 302, re.findall(r"alert[^>]*>(.*?)<|help-block[^>]*>(.*?)<|invalid-feedback[^>]*>(.*?)<", response.get_data(as_text=True), re.S)
        project = app.extensions["dazhou_db"].query(Project).one()
        assert project.department == "dz-gongan"
        details = client.get(f"/project/details/?id={project.id}").get_data(as_text=True)
        assert 'id="duplicate-matches"' not in details  # 公安局 is the source of 公民身份号码
        listing = _visible(client.get("/project/").get_data(as_text=True))
        assert "达州市公安局" in listing and "dz-gongan" not in listing
        assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d(?!:)", listing)  # no seconds, no microseconds
        assert not re.search(r"\d\d:\d\d:\d\d\.\d+", listing)


class TestSupervisionTab:
    def test_every_report_is_in_chinese_and_paged(self, app, ckan_server):
        client = _signed_in(app, ckan_server)
        for report in ("violations", "applications", "conflicts"):
            html = client.get(f"/supervision/?report={report}").get_data(as_text=True)
            text = _visible(html)
            assert 'id="report-error"' not in html, report
            assert not UUID.search(text) and not any(raw in text for raw in RAW), report
            if 'id="report-table"' in html:
                assert re.search(r"共 \d+ 条，第 1 / \d+ 页", text), report
        violations = _visible(client.get("/supervision/?report=violations").get_data(as_text=True))
        assert "违规情形" in violations and "部门" in violations

    def test_filters_and_pages(self, app, ckan_server):
        client = _signed_in(app, ckan_server)
        html = client.get("/supervision/?report=applications&state=escalated").get_data(as_text=True)
        assert "已提请市大数据局协调" in html and 'id="report-error"' not in html
        second = client.get("/supervision/?report=violations&page=2").get_data(as_text=True)
        assert 'id="report-error"' not in second
        bogus = client.get("/supervision/?report=violations&kind=nonsense&page=x")
        assert bogus.status_code == 200 and 'id="report-error"' not in bogus.get_data(as_text=True)

    def test_evaluation_percentages_denominators_ranking(self, app, ckan_server):
        client = _signed_in(app, ckan_server)
        html = client.get("/supervision/?report=evaluation").get_data(as_text=True)
        text = _visible(html)
        assert 'id="evaluation-figures"' in html and "申请按期答复率" in text
        assert "未到期，不计入" in text and "部门排名" in text
        assert not re.search(r"\b0\.\d{3,}", text) and "None" not in text


class TestAuditAndAssets:
    def test_audit_log_reads_in_words(self, app, ckan_server):
        client = _signed_in(app, ckan_server)
        _register(client, "dz-rsj")
        text = _visible(client.get("/audit/").get_data(as_text=True))
        assert "新增" in text and "公共数据项目" in text and "申报部门" in text
        assert "达州市人力资源和社会保障局" in text
        html = client.get("/audit/").get_data(as_text=True)
        assert "dazhou-audit-changes" in html and "<pre" not in html  # words, not a JSON dump
        assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", text) and not re.search(r":\d\d\.\d{3}", text)

    def test_no_stylesheet_or_font_from_outside(self, app, ckan_server):
        client = _signed_in(app, ckan_server)
        html = client.get("/project/").get_data(as_text=True)
        links = re.findall(r'<(?:link|script)[^>]+(?:href|src)="([^"]+)"', html)
        assert links and not [u for u in links if u.startswith(("http:", "https:", "//"))]
        for url in links:
            if url.endswith(".css") or ".css?" in url:
                css = client.get(url).get_data(as_text=True)
                assert "fonts.googleapis" not in css and "@import url(http" not in css, url
