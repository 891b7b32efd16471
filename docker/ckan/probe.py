"""Container health check without curl: exit 0 when URL answers 2xx within 5 s."""
import sys
import urllib.request

try:
    with urllib.request.urlopen(sys.argv[1], timeout=5) as answer:
        sys.exit(0 if 200 <= answer.status < 300 else 1)
except Exception as error:  # any failure is "unhealthy", with its cause in the log
    print(f"probe: {error}", file=sys.stderr)
    sys.exit(1)
