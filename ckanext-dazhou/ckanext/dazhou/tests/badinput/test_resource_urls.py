"""Resource URLs are web addresses or uploaded files (urls.py, dazhou_resource_url): a
`javascript:` link never reaches a dataset page, an export or a harvested dataset."""
from __future__ import annotations

import io

import pytest
from ckan.plugins import toolkit as tk
from ckan.tests import helpers
from werkzeug.datastructures import FileStorage

from ckanext.dazhou.tests.factories import create_dataset, site_context

REFUSED = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
           "java\tscript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd",
           "vbscript:msgbox(1)", "data.csv", "/etc/passwd", "../secret", "//evil.example/x",
           "http://", "https://exa mple.com/x", "http://example.com:99999/"]
ACCEPTED = ["https://data.dazhou.gov.cn/f.csv", "http://10.1.2.3:8080/api/v1?q=1",
            "ftp://ftp.dazhou.gov.cn/pub/f.zip", ""]


def resource(url: str) -> dict:
    return {"name": "文件", "url": url, "format": "csv"}


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestResourceUrl:
    @pytest.mark.parametrize("url", REFUSED)
    def test_non_web_addresses_are_refused_on_create(self, url):
        with pytest.raises(tk.ValidationError) as raised:
            create_dataset(resources=[resource(url)])
        assert "url" in raised.value.error_dict["resources"][0]

    @pytest.mark.parametrize("url", ACCEPTED)
    def test_web_addresses_are_accepted(self, url):
        dataset = create_dataset(resources=[resource(url)])
        assert dataset["resources"][0]["url"] == url

    def test_refused_on_resource_create_update_and_patch(self):
        dataset = create_dataset(resources=[resource(ACCEPTED[0])])
        res_id = dataset["resources"][0]["id"]
        for action, data in (("resource_create", {"package_id": dataset["id"], "name": "x"}),
                             ("resource_update", {"id": res_id, "name": "x"}),
                             ("resource_patch", {"id": res_id})):
            with pytest.raises(tk.ValidationError) as raised:
                helpers.call_action(action, site_context(), url="javascript:alert(1)", **data)
            assert "url" in raised.value.error_dict, action
        stored = helpers.call_action("package_show", site_context(), id=dataset["id"])
        assert [r["url"] for r in stored["resources"]] == [ACCEPTED[0]]  # nothing changed

    def test_an_upload_keeps_its_file_name(self, tmp_path):
        with helpers.changed_config("ckan.storage_path", str(tmp_path)):
            dataset = create_dataset()
            upload = FileStorage(io.BytesIO(b"a,b\n1,2\n"), filename="data.csv")
            created = helpers.call_action("resource_create", site_context(), package_id=dataset["id"],
                                          name="上传", format="csv", upload=upload)
        assert created["url_type"] == "upload"
        assert created["url"].endswith("/download/data.csv")

    def test_the_api_answers_in_chinese_keyed_url(self, app):
        from ckan.tests import factories
        from ckanext.dazhou.tests.factories import dataset_fields
        from ckanext.dazhou.tests.ui_workflows.pages import headers
        from ckanext.dazhou.tests.factories import create_department
        with app.flask_app.test_request_context():
            org, admin = create_department(), factories.Sysadmin()
        data = dataset_fields(owner_org=org["id"], resources=[resource("javascript:alert(1)")])
        response = app.post("/api/action/package_create", json=data, headers=headers(admin))
        assert response.status_code == 409
        assert "网络地址" in response.json["error"]["resources"][0]["url"][0]

    def test_the_schemes_are_configurable(self):
        with helpers.changed_config("ckanext.dazhou.resource_url_schemes", ["https"]):
            with pytest.raises(tk.ValidationError):
                create_dataset(resources=[resource("ftp://ftp.dazhou.gov.cn/f.zip")])
