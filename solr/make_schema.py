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


if __name__ == "__main__":
    source, target = map(Path, sys.argv[1:3])
    target.write_text(chinese_schema(source.read_text(encoding="utf-8")), encoding="utf-8")
