"""Loading into the real DataStore with our job (datastore/load.py): encodings, Excel,
refusals that keep the previous table, automatic queueing on save, status on the page."""
from __future__ import annotations

import pytest
from ckan.lib import jobs
from ckan.plugins import toolkit as tk
from ckan.tests import helpers

from ckanext.dazhou.datastore import load
from ckanext.dazhou.tests.datastore.conftest import (
    create_dataset, records, replace_file, run_load, upload, uploaded_resource)
from ckanext.dazhou.tests.factories import site_context

def shown_status(app, resource_id: str) -> dict:
    """The status as a page shows it (translated in the request's language)."""
    with app.flask_app.test_request_context():
        return load.status(resource_id)


POPULATION = "区县,常住人口（万人）,统计年度\n通川区,56.2,2025\n达川区,43.8,2025\n宣汉县,98.1,2025\n"


@pytest.mark.usefixtures("with_plugins", "datastore")
class TestLoading:
    def test_a_gb18030_csv_with_chinese_headers(self):
        resource = uploaded_resource(POPULATION.encode("gb18030"))
        assert run_load(resource["id"]) == "complete"
        assert records(resource["id"])[0] == {
            "区县": "通川区", "常住人口（万人）": 56.2, "统计年度": 2025}
        info = helpers.call_action("datastore_info", site_context(), id=resource["id"])
        assert [(f["id"], f["type"]) for f in info["fields"]] == [
            ("区县", "text"), ("常住人口（万人）", "numeric"), ("统计年度", "numeric")]
        shown = helpers.call_action("resource_show", site_context(), id=resource["id"])
        assert shown["datastore_active"] is True
        status = load.status(resource["id"])
        assert status["state"] == "complete" and status["rows"] == 3

    def test_full_text_and_filters_find_chinese_values(self):
        resource = uploaded_resource(POPULATION.encode("utf-8-sig"))
        run_load(resource["id"])
        found = helpers.call_action("datastore_search", site_context(),
                                    resource_id=resource["id"], filters={"区县": "宣汉县"})
        assert [r["常住人口（万人）"] for r in found["records"]] == [98.1]
        found = helpers.call_action("datastore_search", site_context(),
                                    resource_id=resource["id"], q="达川区")
        assert [r["区县"] for r in found["records"]] == ["达川区"]

    def test_number_columns_sort_as_numbers_and_codes_keep_their_zeros(self):
        csv = ("行政区划代码,区县,岗位数,身份证号,备注\n"
               "511702,通川区,98,513001199001011234,\n"
               "511703,达川区,100,51300119900101123X,新增\n"
               "051170,宣汉县,,513001199001011235,1\n"
               "511722,万源市,-5.5,513001199001011236,\n")
        resource = uploaded_resource(csv.encode())
        assert run_load(resource["id"]) == "complete"
        info = helpers.call_action("datastore_info", site_context(), id=resource["id"])
        assert {f["id"]: f["type"] for f in info["fields"]} == {
            "行政区划代码": "text", "区县": "text", "岗位数": "numeric", "身份证号": "text",
            "备注": "text"}
        ordered = helpers.call_action("datastore_search", site_context(),
                                      resource_id=resource["id"], sort="岗位数 desc nulls last")
        assert [r["岗位数"] for r in ordered["records"]] == [100, 98, -5.5, None]
        assert [r["行政区划代码"] for r in ordered["records"]][-1] == "051170"

    def test_an_xlsx_upload(self, tmp_path):
        from openpyxl import Workbook

        book = Workbook()
        book.active.append(["单位名称", "岗位数"])
        book.active.append(["达州市人力资源和社会保障局", 3])
        book.save(tmp_path / "jobs.xlsx")
        resource = uploaded_resource((tmp_path / "jobs.xlsx").read_bytes(), fmt="xlsx")
        assert run_load(resource["id"]) == "complete"
        assert records(resource["id"]) == [{"单位名称": "达州市人力资源和社会保障局", "岗位数": 3}]

    def test_the_total_counts_the_new_rows_after_a_reload(self):
        resource = uploaded_resource(POPULATION.encode())
        assert run_load(resource["id"]) == "complete"
        total = lambda: helpers.call_action(  # noqa: E731
            "datastore_search", site_context(), resource_id=resource["id"])["total"]
        assert total() == 3  # cached by CKAN from here on
        replace_file(resource["id"], (POPULATION + "开江县,50.1,2025\n").encode())
        assert run_load(resource["id"]) == "complete", load.status(resource["id"])
        assert total() == 4

    def test_a_new_file_with_other_columns_replaces_the_table(self):
        resource = uploaded_resource(POPULATION.encode())
        assert run_load(resource["id"]) == "complete"
        # xloader drops a table whose columns changed as user "": CKAN refused that before
        replace_file(resource["id"], "区县,户籍人口（万人）\n通川区,60.1\n".encode())
        assert run_load(resource["id"]) == "complete", load.status(resource["id"])
        assert records(resource["id"]) == [{"区县": "通川区", "户籍人口（万人）": 60.1}]

    def test_the_table_preview_is_made(self):
        resource = uploaded_resource(POPULATION.encode())
        run_load(resource["id"])
        views = helpers.call_action("resource_view_list", site_context(), id=resource["id"])
        assert "datatables_view" in [v["view_type"] for v in views]
        # made by the job, whose English default title would show on the tab
        assert {v["title"] for v in views if v["view_type"] == "datatables_view"} <= {
            load.TABLE_VIEW_TITLE, "表格"}


@pytest.mark.usefixtures("with_plugins", "datastore")
class TestRefusedFilesKeepThePreviousData:
    def loaded(self):
        resource = uploaded_resource(POPULATION.encode())
        assert run_load(resource["id"]) == "complete"
        return resource

    def test_a_malformed_file(self, app):
        resource = self.loaded()
        replace_file(resource["id"], "区县,常住人口（万人）,统计年度\n通川区,56.2\n".encode())
        assert run_load(resource["id"]) == "error"
        assert len(records(resource["id"])) == 3  # the previous table answers as before
        status = shown_status(app, resource["id"])
        assert status["state"] == "error"
        assert status["message"] == "第 2 行有 2 个值，表头有 3 列"
        with app.flask_app.test_request_context():  # xloader's DataStore tab shows this
            tab = helpers.call_action("xloader_status", site_context(), resource_id=resource["id"])
        assert tab["error"] == {"message": "第 2 行有 2 个值，表头有 3 列"}

    @pytest.mark.ckan_config("ckanext.dazhou.datastore_max_mb", "1")
    def test_an_oversized_file(self, app):
        resource = self.loaded()
        big = POPULATION + "通川区,1,2025\n" * 80000  # about 1.3 MB
        replace_file(resource["id"], big.encode())
        assert run_load(resource["id"]) == "error"
        assert len(records(resource["id"])) == 3
        assert "最多载入 1 MB" in shown_status(app, resource["id"])["message"]

    def test_a_file_in_no_known_encoding(self):
        resource = self.loaded()
        replace_file(resource["id"], b"a,b\n\xff\xfe\xfa,1\n")
        assert run_load(resource["id"]) == "error"
        assert len(records(resource["id"])) == 3


@pytest.mark.usefixtures("with_plugins", "datastore")
class TestQueueing:
    @pytest.fixture
    def queue(self):
        queue = jobs.get_queue()
        queue.empty()
        yield queue
        queue.empty()

    def queued(self, queue) -> list:
        return [j for j in queue.jobs if j.func_name == "ckanext.dazhou.datastore.load.load_resource"]

    @pytest.mark.ckan_config("ckanext.dazhou.datastore_load_on_save", "true")
    def test_saving_a_csv_queues_its_load_and_the_worker_loads_it(self, queue):
        resource = uploaded_resource(POPULATION.encode())
        (job,) = self.queued(queue)
        assert load.status(resource["id"])["state"] == "pending"
        assert job.func(*job.args) == "complete"  # what `ckan jobs worker` runs
        assert len(records(resource["id"])) == 3

    @pytest.mark.ckan_config("ckanext.dazhou.datastore_load_on_save", "true")
    def test_a_csv_arriving_inside_a_dataset_update_is_queued_once(self, queue):
        """xloader alone loads only resource_create's and changed URLs' files; harvests,
        imports and whole-dataset API calls bring resources inside package_update."""
        dataset = create_dataset()
        helpers.call_action("package_patch", site_context(), id=dataset["id"], resources=[
            {"name": "数据文件", "format": "csv", "upload": upload("data.csv", POPULATION.encode())},
            {"name": "说明", "format": "pdf", "upload": upload("a.pdf", b"%PDF-1.4")}])
        (job,) = self.queued(queue)
        assert job.func(*job.args) == "complete"
        (resource,) = [r for r in helpers.call_action("package_show", site_context(),
                                                      id=dataset["id"])["resources"]
                       if r["format"] == "csv"]
        assert job.args == [resource["id"]] and len(records(resource["id"])) == 3

    @pytest.mark.ckan_config("ckanext.dazhou.datastore_load_on_save", "true")
    def test_other_formats_are_not_queued(self, queue):
        uploaded_resource(b"%PDF-1.4", fmt="pdf")
        assert self.queued(queue) == []

    def test_the_editor_can_queue_a_load_by_hand(self, queue):
        resource = uploaded_resource(POPULATION.encode())
        assert helpers.call_action("xloader_submit", site_context(), resource_id=resource["id"])
        assert len(self.queued(queue)) == 1

    def test_nobody_else_can(self, queue):
        from ckan.tests import factories

        resource = uploaded_resource(POPULATION.encode())
        with pytest.raises(tk.NotAuthorized):
            helpers.call_action("xloader_submit", {"user": factories.User()["name"],
                                                   "ignore_auth": False},
                                resource_id=resource["id"])
