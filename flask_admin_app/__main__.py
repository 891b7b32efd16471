"""`python -m flask_admin_app [--host H] [--port P]`: the development server."""
from __future__ import annotations

import argparse

from flask_admin_app.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description="达州市大数据局 admin app")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5050)
    args = parser.parse_args()
    create_app().run(host=args.host, port=args.port, debug=False, use_reloader=False)


if __name__ == "__main__":
    main()
