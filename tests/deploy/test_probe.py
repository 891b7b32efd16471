"""The images' HEALTHCHECK probes the port the container was told to listen on
(docker/ckan/probe.py), so a container moved off its default port is not reported unhealthy."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("probe", ROOT / "docker" / "ckan" / "probe.py")
probe = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(probe)


@pytest.mark.parametrize("argv, environ, url", [
    (["/api/3/action/status_show"], {}, "http://127.0.0.1:8080/api/3/action/status_show"),
    (["/api/3/action/status_show"], {"HTTP_SOCKET": "127.0.0.1:5782"}, "http://127.0.0.1:5782/api/3/action/status_show"),
    (["/api/3/action/status_show"], {"HTTP_SOCKET": ":9000"}, "http://127.0.0.1:9000/api/3/action/status_show"),
    (["/login", "ADMIN_HTTP_SOCKET", ":5050"], {}, "http://127.0.0.1:5050/login"),
    (["/login", "ADMIN_HTTP_SOCKET", ":5050"], {"ADMIN_HTTP_SOCKET": "127.0.0.1:5785"}, "http://127.0.0.1:5785/login"),
    (["http://web:8080/x"], {"HTTP_SOCKET": ":1"}, "http://web:8080/x"),
])
def test_probe_url(monkeypatch, argv, environ, url):
    for name in ("HTTP_SOCKET", "ADMIN_HTTP_SOCKET"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert probe.url(argv) == url


def test_images_probe_by_path():
    """The Containerfiles pass a path, not a fixed URL (which broke the moved ports)."""
    for containerfile in ("docker/ckan/Containerfile", "docker/admin/Containerfile"):
        text = (ROOT / containerfile).read_text(encoding="utf-8")
        assert 'probe.py", "/' in text, containerfile
