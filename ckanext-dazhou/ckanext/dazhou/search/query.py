"""The user's query → the Solr query CKAN sends (edismax), before Solr sees it.

Each typed chunk (the user's spaces split chunks, quotes keep a phrase) is normalised
(NFKC, traditional → simplified) and cut into words; every word is required, though the
words of one chunk need not be adjacent. A word is one quoted phrase of its bigrams, or any
of its synonyms (synonyms.py). Very common words (信息, 数据, 统计, 达州市, 表 …) are
optional when the query has other words, so they never carry a query alone but still help
ranking; other single characters stay required (养老保线 must not find every 养老 record, the
pinyin retry finds 养老保险). CKAN sends q.op=AND; we send mm=100%. A Latin word is also
tried as pinyin and as initials of title words. Fielded queries (name:x, *:*) are left as CKAN has them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ckanext.dazhou.search import pinyin, segment, synonyms
from ckanext.dazhou.search.normalize import normalize

PINYIN_FIELD = "dazhou_py"  # syllables of titles, tags and their synonyms: da zhou ren kou
PINYIN_WORD_FIELD = "dazhou_pyw"  # each word's joined pinyin and initials: renkou rk
PINYIN_BOOST = 4  # they come from titles: rank like a title match

COMMON_WORDS = frozenset("""
    信息 数据 统计 资料 情况 目录 名录 名单 清单 汇总 列表 明细 一览 一览表 报表 数据库 数据集
    基本 基础 相关 查询 公开 公示 有关 全市 全县 全区 年度 年份 达州 达州市 四川 四川省
    表 库 类 年 月 日 市 县 区 局 份 项 册 单 数 量 率 版
""".split())
# Lucene counts every clause of the query (1024 at most): each alternative is one per qf field
MAX_WORDS = 32
MAX_ALTERNATIVES = 150
STOP_WORDS = frozenset("的 和 与 及 或 之 等 在 了 有 是 对 为 于 中".split())

_CHUNK = re.compile(r'([+-]?)"([^"]*)"?|(\S+)')
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PIECE = re.compile(f"[{_HAN}]+|[A-Za-z0-9][A-Za-z0-9'.]*")
_SOLR_SPECIAL = re.compile(r'([\\+\-&|!(){}\[\]^"~*?:/])')


@dataclass
class Clause:
    text: str
    latin: bool = False
    phrase: bool = False  # the user's own quotes: exact, no synonyms
    negated: bool = False
    common: bool = False
    alternatives: tuple[str, ...] = ()
    either: list["Clause"] = field(default_factory=list)  # the user's A OR B

    def solr(self, pinyin_mode: bool) -> str:
        if self.either:
            return "(" + " OR ".join(c.solr(pinyin_mode) for c in self.either) + ")"
        if self.phrase:
            return _quote(self.text)
        alts = [_quote(a) for a in self.alternatives]
        if self.latin:
            syl = pinyin.syllables(self.text)
            if syl and self.text.isalpha():
                alts.append(f'{PINYIN_FIELD}:{_quote(" ".join(syl))}^{PINYIN_BOOST}')
            if self.text.isalpha() and 2 <= len(self.text) <= 8:
                alts.append(f"{PINYIN_WORD_FIELD}:{_escape(self.text.lower())}^{PINYIN_BOOST}")
        elif pinyin_mode:
            alts.append(f'{PINYIN_FIELD}:{_quote(pinyin.full(self.text))}^{PINYIN_BOOST}')
        return alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")"


@dataclass
class Rewrite:
    q: str  # for Solr
    clauses: list[Clause] = field(default_factory=list)
    rewritten: str | None = None  # the query in the catalog's words, when synonyms changed it

    @property
    def has_han(self) -> bool:
        return any(not c.latin and not c.negated for c in self.clauses)


def is_free_text(q: str | None) -> bool:
    return bool(q and q.strip()) and ":" not in q and q.strip() not in ('""', "''")


def rewrite(q: str, pinyin_mode: bool = False) -> Rewrite | None:
    """The Solr query for a free-text q, or None when q is not one (left to CKAN)."""
    if not is_free_text(q):
        return None
    clauses = _within_budget(_operators(_clauses(normalize(q), pinyin_mode))[:MAX_WORDS])
    if not any(not c.negated for c in clauses):
        return None
    carrying = [c for c in clauses if not c.common and not c.negated]
    # CKAN forces q.op=AND, so an optional word is written as (word OR a required word):
    # always true when the rest matches, and it still ranks the records that have the word
    anchor = carrying[0].solr(pinyin_mode) if carrying else ""
    parts = []
    for clause in clauses:
        solr = clause.solr(pinyin_mode)
        if clause.negated:
            parts.append("-" + solr)
        elif clause.common and carrying:
            parts.append(f"({solr} OR {anchor})")
        else:
            parts.append("+" + solr)
    solr = " ".join(parts)
    spaced = _spaced_pinyin(clauses)
    if spaced:  # ren kou is one pinyin phrase; jiu ye API may also be words as typed
        phrase = f"{PINYIN_FIELD}:{_quote(spaced)}^{PINYIN_BOOST}"
        single = all(len(pinyin.syllables(c.text) or ()) == 1 for c in clauses)
        solr = "+" + phrase if single else f"+(({solr}) OR {phrase})"
    return Rewrite(solr, clauses, _rewritten(clauses))


def _spaced_pinyin(clauses: list[Clause]) -> str | None:
    if len(clauses) < 2 or not all(c.latin and not c.negated and not c.either and not c.phrase
                                   and c.text.isalpha() for c in clauses):
        return None
    syllables = [pinyin.syllables(c.text) for c in clauses]
    return " ".join(" ".join(s) for s in syllables) if all(syllables) else None


def _clauses(q: str, pinyin_mode: bool) -> list[Clause]:
    out: list[Clause] = []
    for sign, quoted, chunk in _CHUNK.findall(q):
        if quoted is not None and chunk == "":
            if quoted.strip():
                out.append(Clause(quoted.strip(), phrase=True, negated=sign == "-"))
            continue
        negated = chunk.startswith("-")
        for clause in _chunk_clauses(_SOLR_SPECIAL.sub(" ", chunk), pinyin_mode):
            clause.negated = negated
            out.append(clause)
    return out


def _within_budget(clauses: list[Clause]) -> list[Clause]:
    """Synonyms of later words are dropped once the query holds MAX_ALTERNATIVES of them."""
    left = MAX_ALTERNATIVES
    for clause in clauses:
        for c in clause.either or [clause]:
            c.alternatives = c.alternatives[:max(1, left)]
            left -= len(c.alternatives)
    return clauses


def _operators(clauses: list[Clause]) -> list[Clause]:
    """The user's AND (every word is required anyway), NOT x and A OR B keep their meaning."""
    out: list[Clause] = []
    pending_or = negate_next = False
    for clause in clauses:
        word = clause.text if clause.latin and not clause.negated else ""
        if word in ("AND", "OR", "NOT"):
            pending_or = word == "OR" and bool(out)
            negate_next = word == "NOT"
            continue
        clause.negated = clause.negated or negate_next
        if pending_or and not clause.negated and not out[-1].negated:
            left = out.pop()
            out.append(Clause(left.text, latin=left.latin and clause.latin,
                              either=(left.either or [left]) + [clause]))
        else:
            out.append(clause)
        pending_or = negate_next = False
    return out


def _chunk_clauses(chunk: str, pinyin_mode: bool) -> list[Clause]:
    out = []
    for piece in _PIECE.findall(chunk):
        if piece[0].isascii():
            out.append(Clause(piece, latin=True, alternatives=synonyms.alternatives(piece)))
            continue
        words = [w for w in segment.words(piece) if w not in STOP_WORDS]
        if pinyin_mode:
            words = _join_single_characters(words)
        for word in words:
            for part in ([word] if pinyin_mode else segment.parts(word, COMMON_WORDS)):
                out.append(Clause(part, common=part in COMMON_WORDS,
                                  alternatives=synonyms.alternatives(part)))
    return out


def _join_single_characters(words: list[str]) -> list[str]:
    """户/藉 → 户藉: a typo falls apart into single characters; its pinyin is read whole."""
    out: list[str] = []
    for word in words:
        if out and (len(word) == 1 or len(out[-1]) == 1) and not synonyms.lookup(out[-1]):
            out[-1] += word
        else:
            out.append(word)
    return out


def _rewritten(clauses: list[Clause]) -> str | None:
    changed = False
    words = []
    for c in clauses:
        entry = None if c.phrase or c.negated or c.common else synonyms.lookup(c.text)
        if entry and entry.pref.lower() != c.text.lower():
            changed = True
            words.append(entry.pref)
        elif not c.negated:
            words.append(c.text)
    return " ".join(words) if changed else None


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _escape(text: str) -> str:
    return _SOLR_SPECIAL.sub(r"\\\1", text)
