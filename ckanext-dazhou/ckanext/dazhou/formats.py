"""Resource formats as CKAN clients send them -> one key of the format vocabulary.

Clients send `CSV`, `csv`, `.csv`, `text/csv; charset=utf-8` or the EU file-type URI; all
of them name the concept `csv`. Everything is read from vocab/schemes/format.ttl (key,
labels, dzv:mediaType, skos:exactMatch), so a new format needs no code here.
"""
from __future__ import annotations

import functools

from dazhou_vocab import loader

# file extensions whose usual spelling is not the vocabulary key or the EU table's
_EXTENSIONS = {"jpeg": "jpg", "tif": "tiff", "htm": "html"}


@functools.lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    found: dict[str, str] = {}
    for concept in loader.scheme("format").concepts:
        if concept.broader is None:  # categories (电子文件, …) are no file format
            continue
        names = [concept.key, concept.label_zh, concept.label_en, *concept.exact_match]
        names += [uri.rstrip("/").rsplit("/", 1)[-1] for uri in concept.exact_match]
        if concept.properties.get("mediaType"):
            names.append(str(concept.properties["mediaType"]))
        for name in names:
            found.setdefault(name.strip().lower(), concept.key)
    for extension, key in _EXTENSIONS.items():
        if key in found.values():
            found.setdefault(extension, key)
    return found


def canonical(value: object) -> str | None:
    """The vocabulary key a client's format value names; None when it names none."""
    if value is None:
        return None
    text = str(value).strip().lower()
    if "/assignments/media-types/" in text:  # the IANA IRI of a media type
        text = text.split("/assignments/media-types/", 1)[1]
    aliases = _aliases()
    last = text.rstrip("/").rsplit("/", 1)[-1]  # an unknown table's URI ending in CSV
    for candidate in (text, text.split(";", 1)[0].strip(), text.lstrip("."), last):
        if candidate in aliases:
            return aliases[candidate]
    return None


def media_type(key: str | None) -> str | None:
    """The IANA media type of a format key (dzv:mediaType), where one is registered."""
    concept = loader.scheme("format").by_key.get(key or "")
    value = concept.properties.get("mediaType") if concept else None
    return str(value) if value else None
