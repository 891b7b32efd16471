"""Harvesting without loss (issue 13): what stock DCAT-AP 3 keeps is kept, local rules adapt
instead of refusing, names are readable, and our feed writes the kept fields again."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from ckan import model
from ckan.tests import helpers
from ckanext.dazhou.profiles import departments
from ckanext.dazhou.tests.factories import create_department, site_context
from ckanext.dcat.processors import RDFSerializer
from ckanext.dcat.profiles import DCAT, DCT
from ckanext.harvest.model import HarvestObject, HarvestObjectError
from ckanext.harvest.tests.factories import HarvestJobObj, HarvestSourceObj
from ckanext.harvest.tests.lib import run_harvest_job
from rdflib import Graph, URIRef

from dazhou_harvesters import adapt
from dazhou_harvesters.province import DazhouProvinceHarvester

HELD_OUT = Path(__file__).with_name("data") / "province_held_out.ttl"
AIR = "https://province.example.gov.cn/dataset/air-quality"


@pytest.fixture
def harvested(server, with_plugins, clean_db, clean_index):
    departments.forget()
    province = create_department(name="sc-province", department_code="51000000")
    server.routes["/catalog.ttl"] = (200, HELD_OUT.read_text(encoding="utf-8"))
    source = HarvestSourceObj(url=f"{server.url}/catalog.ttl", source_type="dazhou_province",
                              owner_org=province["id"], config=json.dumps({}))
    job = HarvestJobObj(source=source, run=False)
    run_harvest_job(job, DazhouProvinceHarvester())
    rows = model.Session.query(HarvestObject.guid, HarvestObject.package_id).filter(
        HarvestObject.harvest_job_id == job.id, HarvestObject.package_id.isnot(None)).all()
    datasets = {guid: helpers.call_action("package_show", site_context(), id=package_id)
                for guid, package_id in rows}
    errors = [(e.stage, e.message) for e in model.Session.query(HarvestObjectError)
              .join(HarvestObject).filter(HarvestObject.harvest_job_id == job.id)]
    return datasets, errors


def _extras(dataset):
    return {e["key"]: e["value"] for e in dataset.get("extras") or []}


class TestHeldOutFeed:
    def test_every_record_arrives(self, harvested):
        datasets, errors = harvested
        assert len(datasets) == 3, errors
        assert all(stage == "Adapted" for stage, _message in errors), errors

    def test_names_are_the_sources_slug_or_pinyin(self, harvested):
        datasets, _errors = harvested
        assert {d["name"] for d in datasets.values()} == {
            "air-quality", "gong-jiao-zhan-dian-shi-shi-dao-zhan-xin-xi",
            "ren-kou-tong-ji-nian-jian"}

    def test_restricted_without_conditions_is_marked_for_review(self, harvested):
        datasets, errors = harvested
        air = datasets[AIR]
        assert air["open_type"] == "conditional"
        assert air["open_conditions"] == f"按来源平台规定（来源：{AIR}）"
        assert "art26_conditions" in _extras(air)[adapt.REVIEW_EXTRA]
        assert any("open_conditions" in message for _stage, message in errors)

    def test_daily_without_interface_gets_one_marked(self, harvested):
        datasets, _errors = harvested
        bus = datasets["https://province.example.gov.cn/dataset/bus-stops"]
        assert bus["update_cycle"] == "daily" and "api" in bus["share_methods"]
        assert bus["api_description"].startswith("按来源平台规定")
        assert bus["published_date"] == "2024-03-05"  # 2024年3月5日 read as a date
        assert bus["resources"][0]["format"] == "json"  # a literal "JSON"

    def test_non_iso_issued_is_kept_and_reported(self, harvested):
        datasets, errors = harvested
        yearbook = datasets["https://province.example.gov.cn/dataset/r-3"]
        assert not yearbook.get("published_date")
        assert _extras(yearbook)["source_issued"] == "03/01/2024"
        assert any("03/01/2024" in message for _stage, message in errors)

    def test_bureau_can_list_what_needs_review(self, harvested):
        found = helpers.call_action("package_search", site_context(), include_private=True,
                                    fq=f"extras_{adapt.REVIEW_EXTRA}:*")
        assert found["count"] == 3


class TestWhatStockKeeps:
    def test_dataset_fields_are_stored(self, harvested):
        air = harvested[0][AIR]
        extras = _extras(air)
        assert extras["temporal_start"] == "2020-01-01"
        assert extras["temporal_end"] == "2024-12-31"
        assert extras["spatial_uri"] == "http://sws.geonames.org/1794299/"
        assert "ZHO" in extras["language"]
        assert "air-v2" in extras["conforms_to"]
        assert "2023/138" in extras["applicable_legislation"]
        assert extras["modified"].startswith("2024-06-01")
        assert extras["contact_name"] == "四川省生态环境厅数据科"
        assert extras["contact_email"] == "data@sthjt.sc.gov.cn"
        assert air["resource_category"] == "thematic"  # EU theme ENVI
        assert air["resource_subcategory"] == "ecology_environment"

    def test_dataset_page_shows_them(self, harvested, app):
        air = harvested[0][AIR]
        page = app.get(f"/dataset/{air['name']}")
        assert "dz-info-source" in page.body and "四川省生态环境厅数据科" in page.body

    def test_distribution_fields_are_stored(self, harvested):
        resource = harvested[0][AIR]["resources"][0]
        assert resource["format"] == "csv"
        assert resource["mimetype"] == "text/csv"
        assert int(resource["size"]) == 123456
        assert resource["hash"] == "4304cf2e751e6053c90b1804c89c0ebb758f395a"
        assert resource["license"] == "http://creativecommons.org/licenses/by/4.0/"

    def test_our_feed_writes_them_again(self, harvested):
        air = harvested[0][AIR]
        text = RDFSerializer(profiles=["dazhou_dcat_ap"]).serialize_dataset(air, "turtle")
        g = Graph().parse(data=text, format="turtle")
        dataset = next(g.subjects(DCAT.landingPage, None))
        assert g.value(dataset, DCT.temporal) is not None
        assert (dataset, DCT.spatial, URIRef("http://sws.geonames.org/1794299/")) in g
        assert g.value(dataset, DCAT.contactPoint) is not None
        assert (dataset, DCT.conformsTo, None) in g
        assert (dataset, DCAT.theme, URIRef(
            "http://publications.europa.eu/resource/authority/data-theme/ENVI")) in g
        distribution = next(g.objects(dataset, DCAT.distribution))
        assert g.value(distribution, DCAT.byteSize) is not None
        assert (distribution, DCT.license,
                URIRef("http://creativecommons.org/licenses/by/4.0/")) in g
