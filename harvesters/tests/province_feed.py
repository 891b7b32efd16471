"""A provincial DCAT-AP feed for the harvester tests, served by a real local HTTP server."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIXES = """
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
@prefix dzv: <https://data.dazhou.gov.cn/vocab/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def dataset(n: int, code: str | None = None, authoritative_item: str | None = None) -> str:
    uri = f"https://province.example.gov.cn/dataset/p-{n}"
    items = ""
    if authoritative_item:
        items = f"""dzv:dataItems ( [ a dzv:DataItem ; dzv:itemName "{authoritative_item}" ;
            dzv:itemCode "DE{n:05d}" ;
            dzv:itemDataType <https://data.dazhou.gov.cn/vocab/item_data_type/C> ;
            dzv:authoritative true ] ) ;"""
    return f"""
<https://province.example.gov.cn/catalog> dcat:dataset <{uri}> .
<{uri}> a dcat:Dataset ;
    dct:title "省级数据集{n}" ; dct:description "省级平台共享的数据集{n}。" ;
    {f'dct:identifier "{code}" ;' if code else ''}
    dct:accessRights <http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC> ;
    dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/MONTHLY> ;
    dcat:theme <https://data.dazhou.gov.cn/vocab/resource_category/departmental> ;
    dzv:shareType <https://data.dazhou.gov.cn/vocab/share_type/unconditional> ;
    dzv:securityLevel <https://data.dazhou.gov.cn/vocab/security_level/public> ;
    {items}
    dct:publisher [ a foaf:Agent ; foaf:name "四川省某厅" ; dzv:departmentCode "51000001" ] ;
    dcat:distribution <{uri}/d1> .
<{uri}/d1> a dcat:Distribution ; dct:title "文件" ;
    dcat:accessURL <https://province.example.gov.cn/files/p-{n}.csv> ;
    dzv:format <https://data.dazhou.gov.cn/vocab/format/csv> .
"""


def page(datasets: list[str], next_url: str | None = None) -> str:
    paging = ""
    if next_url:
        paging = f'[] a hydra:PagedCollection ; hydra:next "{next_url}" .'
    return PREFIXES + "".join(datasets) + paging


class FeedServer:
    """routes: path (with query) -> (status, body), or a callable(handler) that writes the
    whole raw answer itself (redirects, cut bodies, slow drips); a key ending in * matches by
    prefix; unknown paths are 404. Every requested path is kept in `requested`."""

    def __init__(self):
        self.routes: dict[str, tuple[int, str]] = {}
        self.requested: list[str] = []
        routes, requested = self.routes, self.requested

        def lookup(path):
            if path in routes:
                return routes[path]
            for key, answer in routes.items():
                if key.endswith("*") and path.startswith(key[:-1]):
                    return answer
            return (404, "not found")

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, with_body: bool):
                requested.append(self.path)
                answer = lookup(self.path)
                if callable(answer):
                    answer(self)
                    return
                status, body = answer
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "text/turtle")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if with_body:
                    self.wfile.write(data)

            def do_GET(self):  # noqa: N802
                if self.path.startswith("/slow"):
                    time.sleep(3)
                self._answer(True)

            def do_HEAD(self):  # noqa: N802
                self._answer(False)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
