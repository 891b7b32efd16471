"""_version_ is a long with docValues, in the schema solr/make_schema.py writes and in the cores
scripts/solr.sh runs: SolrCloud's PeerSync compares versions as longs (with CKAN's string type a
shard stayed down after a full cluster restart), and one configset serves dev, tests and cloud."""
from __future__ import annotations

import os
import re
import subprocess
import uuid
from pathlib import Path

import pytest
import requests
from ckan.plugins import toolkit as tk

from ckanext.dazhou.tests.factories import create_dataset

ROOT = Path(__file__).resolve().parents[2]
CKAN_SCHEMA = Path(__import__("ckan").__file__).parent / "config" / "solr" / "schema.xml"
LONG_VERSION = '<field name="_version_" type="plong" indexed="false" stored="false" docValues="true"/>'


def _make_schema(tmp_path: Path) -> str:
    out = tmp_path / "schema.xml"
    subprocess.run(["python", str(ROOT / "solr" / "make_schema.py"), str(CKAN_SCHEMA), str(out)], check=True)
    return out.read_text(encoding="utf-8")


def test_made_schema_declares_version_as_long_with_doc_values(tmp_path):
    schema = _make_schema(tmp_path)
    assert re.findall(r'<field name="_version_"[^>]*/>', schema) == [LONG_VERSION]
    assert 'name="_version_" type="string"' in CKAN_SCHEMA.read_text(encoding="utf-8")


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
def test_test_core_indexes_datasets_with_long_versions():
    core = tk.config["solr_url"].rstrip("/")
    field = requests.get(f"{core}/schema/fields/_version_", timeout=10).json()["field"]
    assert (field["type"], field["docValues"]) == ("plong", True)
    dataset = create_dataset()
    docs = requests.get(f"{core}/select", params={"q": f'id:"{dataset["id"]}"', "fl": "_version_"},
                        timeout=10).json()["response"]["docs"]
    assert len(docs) == 1 and isinstance(docs[0]["_version_"], int)


def _solr_base() -> str:
    return tk.config["solr_url"].rstrip("/").rsplit("/", 1)[0]


def _add(core_url: str, doc_id: str) -> requests.Response:
    doc = {"index_id": doc_id, "id": doc_id, "site_id": "t"}
    return requests.post(f"{core_url}/update?commit=true", json=[doc], timeout=30)


@pytest.mark.usefixtures("with_plugins")
def test_refresh_remakes_a_core_whose_version_was_a_string():
    """A core made before the change keeps string versions in its segments; Lucene then refuses
    every update (even deletes), so solr.sh refresh empties and re-creates it."""
    base = _solr_base()
    port = base.split(":")[-1].split("/")[0]
    name = f"ckan_vtest_{uuid.uuid4().hex[:8]}"
    home = ROOT / ".dev" / "solr"
    (home / name).mkdir(parents=True)
    subprocess.run(["cp", "-r", str(home / "ckan_test" / "conf"), str(home / name)], check=True)
    old = (home / name / "conf" / "schema.xml")
    old.write_text(old.read_text(encoding="utf-8").replace(LONG_VERSION, '<field name="_version_" type="string" indexed="true" stored="true"/>'), encoding="utf-8")
    admin = f"{base}/admin/cores"
    assert requests.get(admin, params={"action": "CREATE", "name": name, "instanceDir": name}, timeout=60).ok
    try:
        core_url = f"{base}/{name}"
        assert _add(core_url, "before").ok
        env = dict(os.environ, SOLR_PORT=port)
        subprocess.run([str(ROOT / "scripts" / "solr.sh"), "refresh", name], check=True, env=env,
                       capture_output=True)
        assert LONG_VERSION in old.read_text(encoding="utf-8")
        added = _add(core_url, "after")
        assert added.ok, added.text
        found = requests.get(f"{core_url}/select", params={"q": "*:*", "fl": "index_id,_version_"},
                             timeout=10).json()["response"]["docs"]
        assert [d["index_id"] for d in found] == ["after"] and isinstance(found[0]["_version_"], int)
    finally:
        requests.get(admin, params={"action": "UNLOAD", "core": name, "deleteInstanceDir": "true"}, timeout=60)
