"""Use figures: counted in Redis per request, flushed to the table and Solr, sorted, reported."""
from __future__ import annotations

import datetime as dt

import pytest
from ckan.lib.redis import connect_to_redis
from ckan.tests import helpers

from ckanext.dazhou import dates
from ckanext.dazhou.supervision import evaluation
from ckanext.dazhou.tests.datastore.conftest import datastore, run_load, uploaded_resource  # noqa: F401
from ckanext.dazhou.tests.datastore.test_preview_and_log import POPULATION
from ckanext.dazhou.tests.factories import create_dataset, site_context
from ckanext.dazhou.usage import counts


def pending() -> dict[str, dict[str, int]]:
    conn = connect_to_redis()
    return {k.decode().rsplit(":", 1)[1]: {f.decode(): int(v) for f, v in conn.hgetall(k).items()}
            for k in conn.keys("dazhou:usage:*")}


@pytest.fixture
def no_counts():
    conn = connect_to_redis()
    for key in conn.keys("dazhou:usage:*"):
        conn.delete(key)


@pytest.mark.usefixtures("with_plugins", "datastore", "no_counts")
class TestCounting:
    def test_downloads_and_api_calls_are_counted_then_flushed_and_shown(self, app):
        resource = uploaded_resource(POPULATION.encode())
        run_load(resource["id"])
        closed = uploaded_resource(POPULATION.encode(), open_type="conditional",
                                   open_conditions="实名申请")
        run_load(closed["id"])
        base = f"/dataset/{resource['package_id']}/resource/{resource['id']}"
        assert app.get(f"{base}/download/data.csv").status_code == 200
        assert app.get(f"/datastore/dump/{resource['id']}").status_code == 200
        assert app.get("/api/3/action/datastore_search",
                       query_string={"resource_id": resource["id"]}).status_code == 200
        # refused uses do not count
        assert app.get(f"/datastore/dump/{closed['id']}").status_code in (403, 404)
        app.get("/api/3/action/datastore_search", query_string={"resource_id": closed["id"]})
        assert pending() == {"download": {resource["id"]: 2}, "api": {resource["id"]: 1}}

        assert counts.flush() == {resource["package_id"]}
        assert pending() == {}
        assert counts.totals([resource["package_id"]]) == {
            resource["package_id"]: {"downloads": 2, "api_calls": 1}}
        page = app.get(f"/dataset/{resource['package_id']}").get_data(as_text=True)
        assert "下载次数" in page and "接口调用次数" in page
        assert '<dd class="dz-usage-downloads">2</dd>' in page
        counts.count("download", resource["id"])
        counts.flush()  # adds to the day's row
        assert counts.totals([resource["package_id"]])[resource["package_id"]]["downloads"] == 3


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "no_counts")
class TestSortAndReport:
    def test_most_downloaded_sort_hides_counts_of_closed_data(self, app):
        little, much = create_dataset(), create_dataset()
        closed = create_dataset(open_type="closed")
        for dataset, n in ((little, 1), (much, 5), (closed, 50)):
            resource = helpers.call_action("resource_create", site_context(),
                                           package_id=dataset["id"], name="文件", format="csv",
                                           url="https://example.org/a.csv")
            for _ in range(n):
                counts.count("download", resource["id"])
        assert counts.flush() == {little["id"], much["id"], closed["id"]}
        found = helpers.call_action("package_search", site_context(), include_private=True,
                                    sort=f"{counts.SORT_FIELD} desc, name asc")["results"]
        assert [d["id"] for d in found] == [much["id"], little["id"], closed["id"]]
        page = app.get("/dataset/", query_string={"sort": f"{counts.SORT_FIELD} desc, "
                                                          "metadata_modified desc"})
        assert "最多下载" in page.get_data(as_text=True)

        today = dates.today()
        use = evaluation.report(today - dt.timedelta(days=1), today)
        assert use["downloads"] == 56 and use["api_calls"] == 0
        assert [d["id"] for d in use["most_used_open"]] == [much["id"], little["id"]]
        assert evaluation.report(today - dt.timedelta(days=1), today,
                                 org_id=much["owner_org"])["downloads"] == 5
