"""`ckan dazhou push-province` against a second CKAN instance the test starts."""
from __future__ import annotations

import pytest
from ckan.cli.cli import ckan as ckan_command
from ckan.tests import helpers
from ckanapi import RemoteCKAN
from ckanext.dazhou.push import province as push
from ckanext.dazhou.tests.dcat import province_ckan
from ckanext.dazhou.tests.factories import create_dataset, create_department, site_context


@pytest.fixture(scope="module")
def province_site():
    ini, token = province_ckan.prepare()
    process = province_ckan.start(ini)
    remote = RemoteCKAN(province_ckan.URL, apikey=token)
    remote.action.organization_create(name="dazhou", title="达州市",
                                      extras=[{"key": "department_code", "value": "51170000"}])
    yield {"token": token, "remote": remote}
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture
def local(with_plugins, clean_db, clean_index, province_site):
    remote = province_site["remote"]
    for dataset in remote.action.package_search(rows=1000, include_private=True)["results"]:
        remote.action.dataset_purge(id=dataset["id"])
    org = create_department()
    datasets = {
        share_type: create_dataset(name=f"push-{share_type}", owner_org=org["id"], share_type=share_type,
                                   **({"share_conditions": "仅限政务用途"} if share_type == "conditional" else {}),
                                   **({"non_share_basis_type": "law", "non_share_basis": "《保密法》"}
                                      if share_type == "none" else {}))
        for share_type in ("unconditional", "conditional", "none")
    }
    return datasets


def run_push(cli, tmp_path, token):
    token_file = tmp_path / "token"
    token_file.write_text(token)
    return cli.invoke(ckan_command, ["dazhou", "push-province", "--url", province_ckan.URL,
                                     "--token-file", str(token_file)])


def remote_codes(remote):
    found = remote.action.package_search(rows=1000, include_private=True)["results"]
    return {d["resource_code"]: d for d in found}


def test_publishes_the_shareable_catalog_idempotently(cli, tmp_path, province_site, local):
    remote = province_site["remote"]
    result = run_push(cli, tmp_path, province_site["token"])
    assert result.exit_code == 0, result.output
    assert "created 2, updated 0, deleted 0, unchanged 0, failed 0" in result.output
    codes = remote_codes(remote)
    assert set(codes) == {local["unconditional"]["resource_code"], local["conditional"]["resource_code"]}
    assert codes[local["conditional"]["resource_code"]]["share_conditions"] == "仅限政务用途"

    again = run_push(cli, tmp_path, province_site["token"])
    assert "created 0, updated 0, deleted 0, unchanged 2, failed 0" in again.output, again.output


def test_updates_and_deletes_by_resource_code(cli, tmp_path, province_site, local):
    run_push(cli, tmp_path, province_site["token"])
    helpers.call_action("package_patch", site_context(), id=local["unconditional"]["id"], title="新标题")
    helpers.call_action("package_patch", site_context(), id=local["conditional"]["id"],
                        share_type="none", non_share_basis_type="law", non_share_basis="《保密法》")
    result = run_push(cli, tmp_path, province_site["token"])
    assert "created 0, updated 1, deleted 1, unchanged 0, failed 0" in result.output, result.output
    codes = remote_codes(province_site["remote"])
    assert [d["title"] for d in codes.values()] == ["新标题"]


def test_resumes_after_an_interruption(province_site, local):
    remote = province_site["remote"]
    shown = [helpers.call_action("package_show", site_context(), id=d["id"]) for d in local.values()]

    def interrupted():
        yield shown[0]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        push.push(interrupted(), remote, "dazhou")
    report = push.push(iter(shown), remote, "dazhou")
    assert (len(report.created), len(report.unchanged), report.failed) == (1, 1, [])
