"""Which URLs a harvest may open (issue 11 §4: no local files, no SSRF).

Only http(s); the host is resolved and every address it resolves to must be public: loopback,
link-local, private, unspecified, multicast and reserved addresses (IPv4, IPv6 and IPv4
mapped into IPv6; decimal and octal host forms resolve to the same addresses) are refused
unless `ckanext.dazhou.harvest.allowed_hosts` lists the host, host:port or a network.
Checked when a source is saved and again on every hop of a harvest (redirects, next pages).
"""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import ckan.plugins.toolkit as tk

ALLOWED_HOSTS = "ckanext.dazhou.harvest.allowed_hosts"


def N_(message: str) -> str:
    """Marks a msgid for extraction; UnsafeURL.translated() translates it when shown."""
    return message


class UnsafeURL(ValueError):
    """The URL may not be opened by a harvest; str() says why, without any fetched content.

    reason is an English msgid with {placeholders}; translated() gives the UI's wording."""

    def __init__(self, reason: str, **values: str):
        self.reason, self.values = reason, values
        super().__init__(reason.format(**values))

    def translated(self) -> str:
        return tk._(self.reason).format(**self.values)


def _allowlist() -> list[str]:
    return [entry.lower() for entry in tk.aslist(tk.config.get(ALLOWED_HOSTS) or [])]


def _networks(entries: list[str]) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
        except ValueError:
            continue  # a host name or host:port entry
    return networks


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (
            address.teredo[1] if address.teredo else None)
        if embedded is not None and not _public(embedded):
            return False
    return address.is_global and not address.is_multicast


def _resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as error:
        raise UnsafeURL(N_("the host {host} does not resolve"), host=host) from None
    return [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]


def check(url: str) -> None:
    """Raise UnsafeURL unless a harvest may open url."""
    try:
        parts = urlsplit(url or "")
        port = parts.port
    except ValueError:
        raise UnsafeURL(N_("not a valid URL")) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise UnsafeURL(N_("only http and https URLs can be harvested"))
    host = (parts.hostname or "").lower()
    if not host:
        raise UnsafeURL(N_("the URL has no host"))
    if parts.username or parts.password:
        raise UnsafeURL(N_("the URL may not carry a user name or password"))
    port = port or (443 if parts.scheme.lower() == "https" else 80)
    if _host_allowed(host, port):
        return
    for address in _resolve(host, port):
        check_peer(host, port, str(address))


def _host_allowed(host: str, port: int) -> bool:
    allowed = _allowlist()
    return host in allowed or f"{host}:{port}" in allowed or f"[{host}]:{port}" in allowed


def check_peer(host: str, port: int, address: str) -> None:
    """Raise UnsafeURL unless a harvest may talk to address, reached for host:port (checked
    again on the connected socket: a name may resolve differently the second time)."""
    host = (host or "").strip("[]").lower()
    if _host_allowed(host, port):
        return
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if _public(ip) or any(ip in network for network in _networks(_allowlist())):
        return
    raise UnsafeURL(N_("{host} is a loopback, link-local or private address ({address}), "
                       "which harvests may not open"), host=host, address=str(ip))
