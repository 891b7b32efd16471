"""The harvest's requests session: a timeout on every call (ckanext-dcat's downloads have
none), and every connection checked where it lands.

safe_urls.check resolves a URL's host before the request; the connection pools here check
the address the socket actually connected to, so a name that resolves to a public address
for the check and to a private one for the connection (DNS rebinding) is refused too.
"""
from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError

from dazhou_harvesters import safe_urls

DEFAULT_TIMEOUT = 30.0


class RefusedPeer(NewConnectionError):
    """The socket connected to an address harvests may not open."""

    def __init__(self, conn, refusal: safe_urls.UnsafeURL):
        self.refusal = refusal
        super().__init__(conn, str(refusal))


def _checked(sock, conn):
    try:
        safe_urls.check_peer(conn.host, conn.port, sock.getpeername()[0])
    except safe_urls.UnsafeURL as refusal:
        sock.close()
        raise RefusedPeer(conn, refusal) from None
    return sock


class _CheckedHTTPConnection(HTTPConnection):
    def _new_conn(self):
        return _checked(super()._new_conn(), self)


class _CheckedHTTPSConnection(HTTPSConnection):
    def _new_conn(self):
        return _checked(super()._new_conn(), self)


class _CheckedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _CheckedHTTPConnection


class _CheckedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _CheckedHTTPSConnection


class _TimeoutAdapter(HTTPAdapter):
    def __init__(self, timeout: float, *args, **kwargs):
        self.timeout = timeout
        super().__init__(*args, **kwargs)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _CheckedHTTPPool,
                                                   "https": _CheckedHTTPSPool}

    def send(self, request, **kwargs):
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


def with_timeout(session: requests.Session, timeout: float = DEFAULT_TIMEOUT) -> requests.Session:
    adapter = _TimeoutAdapter(timeout)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def refusal_in(error: BaseException) -> safe_urls.UnsafeURL | None:
    """The peer refusal somewhere inside a requests/urllib3 exception, if any."""
    seen, pending = set(), [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, RefusedPeer):
            return current.refusal
        pending += [arg for arg in getattr(current, "args", ()) if isinstance(arg, BaseException)]
        pending += [e for e in (getattr(current, "reason", None), current.__cause__,
                                current.__context__) if isinstance(e, BaseException)]
    return None
