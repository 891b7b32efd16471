"""A requests session whose every call has a timeout (ckanext-dcat's downloads have none)."""
from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter

DEFAULT_TIMEOUT = 30.0


class _TimeoutAdapter(HTTPAdapter):
    def __init__(self, timeout: float, *args, **kwargs):
        self.timeout = timeout
        super().__init__(*args, **kwargs)

    def send(self, request, **kwargs):
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


def with_timeout(session: requests.Session, timeout: float = DEFAULT_TIMEOUT) -> requests.Session:
    adapter = _TimeoutAdapter(timeout)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
