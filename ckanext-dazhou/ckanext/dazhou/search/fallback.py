"""A Chinese query that found nothing is tried once more by its pinyin syllables, which
catches the input method's homophone typos (户藉 → 户籍, 养老保线 → 养老保险)."""
from __future__ import annotations

from typing import Any, Callable

from ckanext.dazhou.search import hooks, notes, pinyin, query
from ckanext.dazhou.search.normalize import normalize


def package_search(original: Callable, context, data_dict) -> dict[str, Any]:
    result = original(context, data_dict)
    has_han = result.pop("_dazhou_han", False)
    # count is the whole result's, so every page of a retried query is retried alike
    if result.get("count") or not has_han or hooks.pinyin_mode.get():
        notes.remember(data_dict.get("q"), result)
        return result
    token = hooks.pinyin_mode.set(True)
    try:
        retry = original(dict(context), dict(data_dict))
    finally:
        hooks.pinyin_mode.reset(token)
    retry.pop("_dazhou_han", None)
    if not retry.get("count"):
        notes.remember(data_dict.get("q"), result)
        return result
    retry["dazhou_fallback"] = "pinyin"
    retry["dazhou_rewritten_query"] = _heard_as(data_dict.get("q") or "", retry.get("results") or [])
    notes.remember(data_dict.get("q"), retry)
    return retry


def _heard_as(q: str, results: list[dict[str, Any]]) -> str:
    """The typed query with each misheard word replaced by what the best result's title says."""
    titles = [normalize(r.get("title") or "") for r in results[:3] if isinstance(r, dict)]
    words = []
    rewrite = query.rewrite(q, pinyin_mode=True)
    for clause in rewrite.clauses if rewrite else []:
        words.append(_sounding_like(clause.text, titles) if not clause.latin else clause.text)
    return " ".join(words)


def _sounding_like(word: str, titles: list[str]) -> str:
    sound = pinyin.full(word)
    for title in titles:
        for start in range(len(title) - len(word) + 1):
            window = title[start:start + len(word)]
            if pinyin.full(window) == sound:
                return window
    return word


def chained(inner: Callable) -> Callable:
    """A chained package_search running inner (the plugin's own wrapper) inside the fallback."""
    import ckan.plugins.toolkit as tk

    @tk.chained_action
    @tk.side_effect_free
    def package_search_with_fallback(original, context, data_dict):
        return package_search(lambda c, d: inner(original, c, d), context, data_dict)

    package_search_with_fallback.__name__ = "package_search"
    return package_search_with_fallback
