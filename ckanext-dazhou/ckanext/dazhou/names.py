"""Readable Latin dataset names (URL slugs) from Chinese titles.

CKAN's munge_title_to_name drops every Han character, so `达州市人口基础信息库` became `__`
and then `__-1` … `__-139`. Here a title becomes its pinyin (`da-zhou-shi-ren-kou-...`),
cut at a syllable boundary to ckanext.dazhou.name_max_length, with `-2`, `-3` … when taken.
"""
from __future__ import annotations

import re

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model

from ckanext.dazhou.search import pinyin

FALLBACK = "dataset"
_NOT_NAME = re.compile(r"[^a-z0-9]+")
# a name CKAN's munge made of a title without Latin letters: only _, - and digits
_MUNGED = re.compile(r"^[_\-0-9]*$")


def _max_length() -> int:
    return max(int(tk.config.get("ckanext.dazhou.name_max_length") or 60), 10)


def slug(text: str, max_length: int | None = None) -> str:
    """`达州市 人口（2024）` -> `da-zhou-shi-ren-kou-2024`, cut at a `-` boundary."""
    limit = max_length or _max_length()
    words = [w for w in _NOT_NAME.split(pinyin.full(text or "").lower()) if w]
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    if not out and words:  # one word longer than the limit
        out = words[0][:limit]
    return out if len(out) >= 2 else FALLBACK


def latin_slug(value: str | None, max_length: int | None = None) -> str | None:
    """A source's own Latin slug or identifier (`population-base`, `ABC_123`), lower-cased,
    or None when it holds no Latin word (then the title's pinyin is used)."""
    if not value:
        return None
    last = str(value).strip().rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    if not re.fullmatch(r"[A-Za-z0-9_.\-]+", last) or not re.search(r"[A-Za-z]", last):
        return None
    limit = max_length or _max_length()
    name = re.sub(r"[^a-z0-9_\-]+", "-", last.lower()).strip("-_")[:limit].strip("-_")
    return name if len(name) >= 2 else None


def is_munged(name: str | None) -> bool:
    """True for the `__`, `__-12` names CKAN made of Chinese titles."""
    return bool(name) and bool(_MUNGED.match(name)) and "_" in name


def unique_name(title: str, excluding_id: str | None = None, base: str | None = None,
                taken: set[str] | None = None) -> str:
    """`base` (or the title's pinyin) made unique among stored datasets (every state: the
    database keeps names unique) and the names in `taken` (e.g. one harvest's)."""
    base = base or slug(title)
    query = sa.select(model.Package.name).where(
        sa.or_(model.Package.name == base, model.Package.name.like(f"{base}-%")))
    if excluding_id:
        query = query.where(model.Package.id != excluding_id)
    used = set(model.Session.execute(query).scalars()) | (taken or set())
    if base not in used:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = f"{base[:100 - len(suffix)]}{suffix}"
        if candidate not in used:
            return candidate
        n += 1
