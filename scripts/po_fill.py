"""Fill zh_Hans_CN translations of ckanext-dazhou from JSON files of {msgid: msgstr}.

Usage: .venv/bin/python scripts/po_fill.py FILE.json [FILE.json ...]
Run `scripts/i18n.sh extract` first so the .po has every msgid; prints what is left untranslated.
"""
import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parent.parent / "ckanext-dazhou/ckanext/dazhou/i18n/zh_Hans_CN/LC_MESSAGES/ckanext-dazhou.po"


def main(paths):
    translations = {}
    for path in paths:
        translations.update(json.loads(Path(path).read_text(encoding="utf-8")))
    with PO.open("rb") as f:
        catalog = read_po(f, locale="zh_Hans_CN")
    missing = []
    for message in catalog:
        if not message.id:
            continue
        if message.id in translations:
            message.string = translations[message.id]
            message.flags.discard("fuzzy")
        elif not message.string or "fuzzy" in message.flags:
            missing.append(message.id)
    with PO.open("wb") as f:
        write_po(f, catalog, width=0)
    print(f"untranslated: {len(missing)}")
    for msgid in missing:
        print(f"  {msgid}")


if __name__ == "__main__":
    main(sys.argv[1:])
