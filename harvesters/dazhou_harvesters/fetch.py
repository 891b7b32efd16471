"""Downloads one harvest page safely (issue 11 §4).

Every hop (the URL and each redirect) passes safe_urls.check; the body is read with a size
limit and a deadline; a body shorter than its Content-Length, a broken chunked encoding or a
connection closed mid-body is an error, never a page. Errors say what failed (status,
content type, size, exception class), never what was received: summaries are readable by
the source's department.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

import requests
import urllib3

from dazhou_harvesters import http, safe_urls

MAX_REDIRECTS = 5
CHUNK_SIZE = 64 * 1024


class FetchError(Exception):
    """A page could not be fetched; the message names the failure, not the content."""


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    content: str
    content_type: str | None


def _open(session: requests.Session, url: str, timeout: float) -> requests.Response:
    for _hop in range(MAX_REDIRECTS + 1):
        try:
            safe_urls.check(url)
        except safe_urls.UnsafeURL as error:
            raise FetchError(f"refused {url}: {error}") from None
        response = session.get(url, stream=True, allow_redirects=False, timeout=timeout,
                               headers={"Accept-Encoding": "identity"})
        if not response.is_redirect:
            return response
        location = response.headers.get("location", "")
        response.close()
        url = urljoin(url, location)
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def _read(response: requests.Response, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"response of {declared} bytes is above the limit of {max_bytes}")
    body = bytearray()
    # read1 returns what has arrived (iter_content waits for whole chunks), so a slow drip
    # meets the deadline between reads
    while chunk := response.raw.read1(CHUNK_SIZE, decode_content=True):
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(f"response is above the limit of {max_bytes} bytes")
        if time.monotonic() > deadline:
            raise FetchError(f"response not complete within the time limit "
                             f"({len(body)} bytes received)")
    if declared and declared.isdigit() and len(body) < int(declared):
        raise FetchError(f"incomplete response: {len(body)} of {declared} bytes")
    return bytes(body)


def get(session: requests.Session, url: str, *, max_bytes: int, timeout: float,
        deadline: float) -> Page:
    """The page at url, or FetchError. timeout: per connect/read; deadline: monotonic end."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError("the harvest's time limit was reached before this page")
    effective = min(timeout, remaining)
    try:
        response = _open(session, url, effective)
        with response:
            content_type = (response.headers.get("content-type") or "").split(";", 1)[0] or None
            if not response.ok:
                raise FetchError(f"{url} answered HTTP {response.status_code} "
                                 f"({content_type or 'no content type'})")
            body = _read(response, max_bytes, deadline)
            final_url = url if not response.url else response.url
    except FetchError:
        raise
    except (requests.exceptions.Timeout, urllib3.exceptions.TimeoutError, TimeoutError):
        if effective < timeout:
            raise FetchError(f"the time limit was reached waiting for {url}") from None
        raise FetchError(f"{url} did not answer within {timeout:g} s") from None
    except Exception as error:  # noqa: BLE001 - any failure is a failed page, never a crash
        refusal = http.refusal_in(error)
        if refusal is not None:
            raise FetchError(f"refused {url}: {refusal}") from None
        raise FetchError(f"could not fetch {url} ({type(error).__name__})") from None
    try:
        content = body.decode("utf-8")
    except UnicodeDecodeError:
        raise FetchError(f"{url}: body of {len(body)} bytes ({content_type}) is not UTF-8") \
            from None
    return Page(final_url, content, content_type)
