"""Write CKAN's own schema.xml with its text field types made Chinese-aware.

Usage: python make_schema.py CKAN_SCHEMA_XML OUT_SCHEMA_XML

The schema comes from the installed ckan package, so the Solr core always matches the
CKAN version in the venv; only the <fieldType> blocks named in chinese-text-types.xml
are swapped.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

REPLACEMENTS = Path(__file__).with_name("conf") / "chinese-text-types.xml"
SEARCH_FIELDS = Path(__file__).with_name("conf") / "search-fields.xml"


def _field_type_blocks(xml: str) -> dict[str, str]:
    # Self-closing types (<fieldType .../>) must not swallow the next block.
    pattern = re.compile(r'<fieldType name="([^"]+)"[^>]*?(?:/>|>.*?</fieldType>)', re.S)
    return {m.group(1): m.group(0) for m in pattern.finditer(xml)}


def chinese_schema(ckan_schema: str) -> str:
    replacements = _field_type_blocks(REPLACEMENTS.read_text(encoding="utf-8"))
    originals = _field_type_blocks(ckan_schema)
    missing = set(replacements) - set(originals)
    if missing:
        raise SystemExit(f"make_schema: CKAN schema has no fieldType {sorted(missing)}")
    for name, block in replacements.items():
        ckan_schema = ckan_schema.replace(originals[name], block)
    return ckan_schema


# Suggestions (ckanext/dazhou/search/prefixes.py): keys the typed text is a prefix of,
# matched by Solr prefix queries; plain strings, indexed only.
SUGGEST_FIELDS = """
    <field name="dz_suggest_start" type="string" indexed="true" stored="false" multiValued="true"/>
    <field name="dz_suggest" type="string" indexed="true" stored="false" multiValued="true"/>
"""


def with_suggest_fields(schema: str) -> str:
    if 'name="dz_suggest"' in schema:
        return schema
    return schema.replace("</fields>", SUGGEST_FIELDS + "</fields>", 1)


# SolrCloud reads and compares versions as longs (PeerSync, real-time get): CKAN's schema
# declares _version_ a string, and after a full cluster restart a shard then stays down
# (PeerSync UnsupportedOperationException). A long with docValues serves the standalone
# dev/test cores and the cloud collection alike.
VERSION_FIELD = '<field name="_version_" type="plong" indexed="false" stored="false" docValues="true"/>'


def with_long_version(schema: str) -> str:
    schema, count = re.subn(r'<field name="_version_"[^>]*/>', VERSION_FIELD, schema)
    if count != 1:
        raise SystemExit("make_schema: CKAN schema has no single _version_ field")
    return schema


def with_search_fields(schema: str) -> str:
    """Add the pinyin field type and fields of search-fields.xml (once)."""
    extra = re.sub(r"<!--.*?-->", "", SEARCH_FIELDS.read_text(encoding="utf-8"), flags=re.S)
    types = "".join(_field_type_blocks(extra).values())
    fields = "".join(re.findall(r"<field [^>]*/>\s*", extra))
    if 'name="dazhou_pinyin"' not in schema:
        schema = schema.replace("</types>", types + "\n</types>", 1)
    if 'name="dazhou_py"' not in schema:
        schema = schema.replace("</fields>", fields + "</fields>", 1)
    return schema


if __name__ == "__main__":
    source, target = map(Path, sys.argv[1:3])
    schema = with_search_fields(chinese_schema(source.read_text(encoding="utf-8")))
    target.write_text(with_long_version(with_suggest_fields(schema)), encoding="utf-8")
