"""Init step for SolrCloud: upload this image's configset and create the collection.

Usage: python solr_init.py SOLR_BASE_URL COLLECTION [SHARDS] [REPLICAS]
(e.g. http://solr-0:8983/solr ckan 2 2). The configset is made here, from the CKAN installed in
the image (solr/make_schema.py, the same conf as the dev and test cores), so the collection
always matches the CKAN that indexes into it. Uploading again replaces the configset and
reloads the collection; a changed `_version_` type needs a new collection and a reindex.
Idempotent; exits non-zero with the cause when Solr refuses.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import ckan

# in the image next to this file; in a checkout, the repository's solr/
SOLR_DIR = next(p for p in (Path(__file__).with_name("solr"), Path(__file__).parents[2] / "solr") if p.is_dir())
CONF_FILES = ("solrconfig.xml", "protwords.txt", "synonyms.txt")


def configset_zip() -> bytes:
    ckan_schema = Path(ckan.__file__).parent / "config" / "solr" / "schema.xml"
    schema = Path("/tmp/schema.xml")
    subprocess.run([sys.executable, str(SOLR_DIR / "make_schema.py"), str(ckan_schema), str(schema)], check=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(schema, "schema.xml")
        for name in CONF_FILES:
            archive.write(SOLR_DIR / "conf" / name, name)
    return buffer.getvalue()


def call(base: str, path: str, data: bytes | None = None, **params: str) -> dict:
    url = f"{base}{path}?{urllib.parse.urlencode({**params, 'wt': 'json'})}"
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/octet-stream"})
    try:
        with urllib.request.urlopen(request, timeout=180) as answer:
            return json.load(answer)
    except urllib.error.HTTPError as error:
        raise SystemExit(f"solr_init: {path} {params.get('action')}: {error.read().decode()[:500]}")


def replicas_active(base: str, collection: str) -> bool:
    state = call(base, "/admin/collections", action="CLUSTERSTATUS", collection=collection)
    live = set(state["cluster"].get("live_nodes", []))
    shards = state["cluster"]["collections"][collection]["shards"].values()
    return all(r["state"] == "active" and r["node_name"] in live
               for shard in shards for r in shard["replicas"].values())


def main(base: str, collection: str, shards: str = "2", replicas: str = "2") -> None:
    call(base, "/admin/configs", configset_zip(), action="UPLOAD", name=collection, overwrite="true")
    existing = call(base, "/admin/collections", action="LIST")["collections"]
    if collection in existing:
        call(base, "/admin/collections", action="RELOAD", name=collection)
        print(f"solr_init: configset {collection} uploaded, collection reloaded")
    else:
        call(base, "/admin/collections", action="CREATE", name=collection, numShards=shards,
             replicationFactor=replicas, **{"collection.configName": collection})
        print(f"solr_init: collection {collection} created ({shards} shards x {replicas} replicas)")
    deadline = time.monotonic() + 120
    while not replicas_active(base, collection):
        if time.monotonic() > deadline:
            raise SystemExit(f"solr_init: replicas of {collection} not active after 120 s")
        time.sleep(1)


if __name__ == "__main__":
    main(*sys.argv[1:])
