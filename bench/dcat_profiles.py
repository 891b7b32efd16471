"""In-process part of bench/dcat_export.py: stock vs ours on the same dataset dicts, and the
public feed's page time. Run by dcat_export.py as `python bench/dcat_profiles.py INI REPEATS [LIMIT]`.

Per dataset: the same pages of dicts (read once, as the site user) serialized with each
profile in alternation, REPEATS times; medians and their ratio; then ours joined from the
N-Triples cache (cold: built and stored; warm: read), and a check that the joined page has the
triples of the built one (LIMIT: only the first LIMIT
datasets, in pages of 100). Page: `/catalog.ttl?page=N`
through the Flask app (anonymous), every page once per repeat; p50/p95.
"""
from __future__ import annotations

import statistics
import sys
import time

PAGE = 100


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main(ini: str, repeats: int, limit: int = 0) -> None:
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(ini))
    flask_app = app._wsgi_app
    with flask_app.test_request_context():
        import ckan.plugins.toolkit as tk
        from ckanext.dazhou.feeds import paging
        from ckanext.dazhou.feeds.serialize import page_graph

        site = tk.get_action("get_site_user")({"ignore_auth": True}, {})
        context = {"user": site["name"], "ignore_auth": True}
        pages = list(paging.all_pages(context, PAGE))[:limit // PAGE if limit else None]
        count = sum(len(p) for p in pages)
        times: dict[str, list[float]] = {"euro_dcat_ap_3": [], "dazhou_dcat_ap": []}
        triples = {}
        for _repeat in range(repeats):
            for profile in times:
                started = time.process_time()
                total = 0
                for page in pages:
                    graph = page_graph(page, describe_catalog=False, profiles=[profile])
                    graph.serialize(format="nt")
                    total += len(graph)
                times[profile].append(time.process_time() - started)
                triples[profile] = total
        for profile, values in times.items():
            print(f"{profile}: median {1000 * statistics.median(values) / count:.2f} ms CPU per "
                  f"dataset over {count} datasets ({repeats} repeats), {triples[profile]} triples")
        ratio = statistics.median(times["dazhou_dcat_ap"]) / statistics.median(
            times["euro_dcat_ap_3"])
        print(f"ratio ours/stock per dataset (no cache): {ratio:.2f}")
        # the N-Triples cache (profiles/graph_cache.py, pages joined as text by
        # feeds/serialize.py): one cold pass fills it, then warm passes; the same triples
        tk.config["ckanext.dazhou.dcat_cache_seconds"] = 3600
        _flush_cache()
        cold = _joined(pages, "dazhou_dcat_ap")
        warm = [_joined(pages, "dazhou_dcat_ap") for _repeat in range(repeats)]
        stock = statistics.median(times["euro_dcat_ap_3"])
        print(f"dazhou_dcat_ap joined from the cache: cold {1000 * cold / count:.2f} ms "
              f"(ratio {cold / stock:.2f}), warm median "
              f"{1000 * statistics.median(warm) / count:.2f} ms CPU per dataset; ratio warm "
              f"ours/stock {statistics.median(warm) / stock:.2f}")
        _same_triples(pages)

    for cache_seconds in (0, 3600):
        with flask_app.test_request_context():
            import ckan.plugins.toolkit as tk
            tk.config["ckanext.dazhou.dcat_cache_seconds"] = cache_seconds
            _flush_cache()
        _pages(flask_app, repeats, f"cache {cache_seconds} s", limit)


def _flush_cache() -> None:
    from ckan.lib.redis import connect_to_redis
    from ckanext.dazhou.profiles import graph_cache

    redis = connect_to_redis()
    for key in redis.scan_iter(graph_cache.PREFIX + "*"):
        redis.delete(key)


def _joined(pages, profile: str) -> float:
    from ckanext.dazhou.feeds.serialize import joined_page

    started = time.process_time()
    for page in pages:
        joined_page(page, "nt", None, describe_catalog=False, profiles=[profile])
    return time.process_time() - started


def _same_triples(pages) -> None:
    """Every triple kept: the joined page is the graph built without the cache."""
    from ckanext.dazhou.feeds.serialize import joined_page, page_graph
    from rdflib import Graph
    from rdflib.compare import isomorphic

    page = pages[0]
    joined = Graph().parse(data=joined_page(page, "nt", None, False, ["dazhou_dcat_ap"]),
                           format="nt")
    built = page_graph(page, describe_catalog=False, profiles=["dazhou_dcat_ap"])
    print(f"first page: joined {len(joined)} triples, built {len(built)}, "
          f"isomorphic {isomorphic(joined, Graph() + built)}")


def _pages(flask_app, repeats: int, label: str, limit: int) -> None:
    client = flask_app.test_client()
    public = client.get("/catalog.ttl?page=1")
    assert public.status_code == 200, public.status_code
    last = 1
    for line in public.get_data(as_text=True).splitlines():
        if "hydra:lastPage" in line and "page=" in line:
            last = int(line.split("page=")[1].split('"')[0].split(">")[0].split("&")[0])
    last = min(last, max(1, limit // PAGE)) if limit else last
    page_times = []
    for _repeat in range(repeats):
        for number in range(1, last + 1):
            started = time.perf_counter()
            response = client.get(f"/catalog.ttl?page={number}")
            page_times.append(time.perf_counter() - started)
            assert response.status_code == 200
    print(f"/catalog.ttl ({last} pages of {PAGE}, anonymous, {repeats} repeats, {label}; "
          "the first pass fills the cache): "
          f"p50 {1000 * statistics.median(page_times):.0f} ms, "
          f"p95 {1000 * _percentile(page_times, 0.95):.0f} ms")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5,
         int(sys.argv[3]) if len(sys.argv) > 3 else 0)
