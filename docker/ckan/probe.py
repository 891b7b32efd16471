"""Container health check without curl: exit 0 when the server answers 2xx within 5 s.

Usage: probe.py URL, or probe.py PATH [SOCKET_VARIABLE [DEFAULT]]: PATH on the HTTP socket the
container was told to listen on (HTTP_SOCKET, :8080 by default), so a moved port is probed too.
"""
import os
import sys
import urllib.request


def url(argv: list[str]) -> str:
    if not argv[0].startswith("/"):
        return argv[0]
    socket = os.environ.get(argv[1] if len(argv) > 1 else "HTTP_SOCKET") or (argv[2] if len(argv) > 2 else ":8080")
    host, _, port = socket.rpartition(":")
    return f"http://{host or '127.0.0.1'}:{port}{argv[0]}"


if __name__ == "__main__":
    try:
        with urllib.request.urlopen(url(sys.argv[1:]), timeout=5) as answer:
            sys.exit(0 if 200 <= answer.status < 300 else 1)
    except Exception as error:  # any failure is "unhealthy", with its cause in the log
        print(f"probe: {error}", file=sys.stderr)
        sys.exit(1)
