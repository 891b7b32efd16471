"""A stock CKAN (ckanext-dcat's `dcat_rdf` harvester, none of our plugins, its own database,
Solr core and port) harvests our public feed as .ttl, .rdf and .jsonld, paged (issue 13).

Our site serves the demo catalog on a free port, 15 datasets a page, so the stock harvester
has to follow hydra:next. Each format is harvested by its own source, one after the other:
the three carry the same dataset URIs (ckanext-dcat's guids), so the second and third update
the datasets the first made, every field replaced by what that format gave (the names stay
those of the first harvest).
"""
from __future__ import annotations

import contextlib

import pytest
from ckan.common import config
from ckanapi import RemoteCKAN
from ckanext.dazhou import formats
from ckanext.dazhou.profiles import concepts
from ckanext.dazhou.tests.dcat import province_ckan

# slow (a second CKAN): `make interop-check`, not `make test`
pytestmark = pytest.mark.second_site

FORMATS = ("ttl", "rdf", "jsonld")
PER_PAGE = 15
PUBLIC = ("open", "conditional")
CKAN_FORMAT_NAMES = {"csv": "CSV", "xlsx": "XLSX", "pdf": "PDF", "zip": "ZIP",
                     "geojson": "GeoJSON", "docx": "DOCX"}


@contextlib.contextmanager
def _running(ini: str, port: int):
    process = province_ckan.start(ini, port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def stock_copies(demo_catalog_loaded):
    """{format: {our dataset id: the stock site's package dict}}.

    Our site is a second process on the test database (the demo catalog is committed), its
    site URL its own port so that hydra:next is reachable."""
    our_port, stock_port = province_ckan.free_port(), province_ckan.free_port()
    our_ini = province_ckan.derived_ini(config["__file__"], "feeds", {
        "ckan.site_url": f"http://127.0.0.1:{our_port}",
        "ckanext.dcat.datasets_per_page": str(PER_PAGE)})
    stock_ini, token = province_ckan.prepare("stock", port=stock_port, stock=True)
    copies = {}
    with _running(our_ini, our_port) as ours, _running(stock_ini, stock_port) as stock:
        remote = RemoteCKAN(stock, apikey=token)
        for fmt in FORMATS:
            source = remote.action.harvest_source_create(
                name=f"dazhou-{fmt}", title=f"达州 {fmt}", url=f"{ours}/catalog.{fmt}",
                source_type="dcat_rdf", frequency="MANUAL")
            province_ckan.run(province_ckan.CKAN, "-c", stock_ini, "harvester", "run-test",
                              source["id"])
            found = remote.action.package_search(rows=1000, q="*:*")["results"]
            copies[fmt] = {_our_id(d): d for d in found}
    return copies


def _extras(dataset):
    return {e["key"]: e["value"] for e in dataset.get("extras") or []}


def _our_id(stock_dataset) -> str:
    return _extras(stock_dataset)["uri"].rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def public(demo_catalog_loaded):
    return {d["id"]: d for d in demo_catalog_loaded if d["open_type"] in PUBLIC}


@pytest.mark.parametrize("fmt", FORMATS)
class TestStockHarvest:
    def test_every_public_dataset_arrives_through_every_page(self, stock_copies, public, fmt):
        assert len(public) > 2 * PER_PAGE  # three pages at least
        assert set(stock_copies[fmt]) == set(public)

    def test_titles_stay_chinese(self, stock_copies, public, fmt):
        assert {i: d["title"] for i, d in stock_copies[fmt].items()} == {
            i: d["title"] for i, d in public.items()}

    def test_formats_are_ckan_format_names(self, stock_copies, public, fmt):
        got, want = {}, {}
        for our_id, dataset in public.items():
            stock = {r["name"]: r for r in stock_copies[fmt][our_id]["resources"]}
            for resource in dataset["resources"]:
                if resource["format"] in CKAN_FORMAT_NAMES:
                    key = (dataset["name"], resource["name"])
                    got[key] = (stock[resource["name"]]["format"],
                                stock[resource["name"]]["mimetype"])
                    want[key] = (CKAN_FORMAT_NAMES[resource["format"]],
                                 formats.media_type(resource["format"]))
        assert {f for f, _m in want.values()} >= {"CSV", "XLSX"}
        assert got == want

    def test_licence_publisher_access_rights_frequency(self, stock_copies, public, fmt):
        wrong = []
        for our_id, dataset in public.items():
            stock = stock_copies[fmt][our_id]
            extras = _extras(stock)
            want = {"license_id": dataset.get("license_id") or "cc-by",
                    "publisher_name": dataset["organization"]["title"],
                    "access_rights": str(concepts.eu_uri_of("open_type", dataset["open_type"])),
                    "frequency": str(concepts.eu_uri_of("update_cycle",
                                                        dataset.get("update_cycle")))}
            got = {"license_id": stock.get("license_id"),
                   "publisher_name": extras.get("publisher_name"),
                   "access_rights": extras.get("access_rights"),
                   "frequency": extras.get("frequency")}
            if got != want:
                wrong.append((dataset["name"], got, want))
        assert not wrong

    @pytest.mark.xfail(strict=True, reason=(
        "ckanext-dcat 2.4.4 names a harvested dataset only from its title: "
        "DCATRDFHarvester.gather_stage calls _gen_new_name(dataset['title']) because no stock "
        "profile sets `name`; ckan.lib.munge.munge_title_to_name keeps ASCII letters and "
        "digits only, so a Chinese title gives '__' (padded to 2), then '__-1', '__-2'. The "
        "title is the dct:title literal in the consumer's locale language, else the first "
        "one; no triple we could publish changes the name without changing that title"))
    def test_names_are_readable(self, stock_copies, public, fmt):
        names = [d["name"] for d in stock_copies[fmt].values()]
        assert not [n for n in names if n.strip("_-0123456789") == ""]
