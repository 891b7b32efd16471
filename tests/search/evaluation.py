"""Search evaluation of issue 12: a corpus of county-level datasets and queries of each kind,
run through package_search; recall, precision and MRR per kind.

Relevance is judged by meaning in queries.json. Precision of a query without results is 0.
`baseline()` switches the plugin's search work off (query rewrite, pinyin retry, index fields)
to measure what the catalog did before it.
"""
from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

HERE = Path(__file__).parent
ROWS = 100


def corpus() -> list[dict]:
    return json.loads((HERE / "corpus.json").read_text(encoding="utf-8"))


def queries() -> dict[str, list[tuple[str, set[str]]]]:
    raw = json.loads((HERE / "queries.json").read_text(encoding="utf-8"))
    return {kind: [(q, set(rel)) for q, rel in items]
            for kind, items in raw.items() if not kind.startswith("_")}


def load(create: Callable[..., dict]) -> dict[str, str]:
    """Create the corpus with create(title=, notes=, tags=); dataset id → corpus key."""
    keys = {}
    for row in corpus():
        dataset = create(title=row["title"], notes=row["notes"],
                         tags=[{"name": t} for t in row["tags"]])
        keys[dataset["id"]] = row["key"]
    return keys


@dataclass
class Figures:
    kind: str
    queries: int
    recall: float
    precision: float
    mrr: float
    empty: int

    def line(self) -> str:
        return (f"{self.kind:<12} {self.queries:>3}  recall {self.recall:.2f}  "
                f"precision {self.precision:.2f}  MRR {self.mrr:.2f}  no result {self.empty}")


def evaluate(search: Callable[[str], list[str]], keys: dict[str, str],
             misses: list | None = None) -> list[Figures]:
    """search(q) → ranked dataset ids. Per kind, then "all"."""
    out, total = [], []
    for kind, items in queries().items():
        rows = []
        for q, relevant in items:
            found = [keys.get(i, i) for i in search(q)]
            hits = [k for k in found if k in relevant]
            rank = next((n for n, k in enumerate(found, 1) if k in relevant), None)
            rows.append((len(hits) / len(relevant), len(hits) / len(found) if found else 0.0,
                         1 / rank if rank else 0.0, not found))
            if misses is not None and (len(hits) < len(relevant) or len(hits) < len(found)):
                misses.append((kind, q, sorted(relevant - set(hits)), sorted(set(found) - relevant)))
        out.append(_figures(kind, rows))
        total += rows
    out.append(_figures("all", total))
    return out


def _figures(kind: str, rows: list[tuple]) -> Figures:
    n = len(rows)
    return Figures(kind, n, sum(r[0] for r in rows) / n, sum(r[1] for r in rows) / n,
                   sum(r[2] for r in rows) / n, sum(1 for r in rows if r[3]))


@contextlib.contextmanager
def baseline() -> Iterator[None]:
    """The catalog as it was before issue 12: CKAN's query as typed, no retry, no index fields."""
    from ckanext.dazhou.search import fallback, hooks

    saved = (hooks.before_search, hooks.after_search, hooks.before_index, fallback.package_search)
    hooks.before_search = lambda params: params
    hooks.after_search = lambda results, params: results
    hooks.before_index = lambda pkg_dict: pkg_dict
    fallback.package_search = lambda original, context, data_dict: original(context, data_dict)
    try:
        yield
    finally:
        hooks.before_search, hooks.after_search, hooks.before_index, fallback.package_search = saved
