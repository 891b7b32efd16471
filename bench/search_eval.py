"""Search evaluation of issue 12 (tests/search/): recall, precision and MRR per query kind,
before (the plugin's search work switched off) and after, through package_search.

Runs tests/search/test_search_eval.py in a private test environment (its own database and
Solr core, see scripts/test-env.sh), which loads the 66-dataset corpus and prints the figures.
Usage (services running):  .venv/bin/python bench/search_eval.py [ENV_NAME]   (default searcheval)
The environment's core is first given the current schema (scripts/solr.sh refresh).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    name = sys.argv[1] if len(sys.argv) > 1 else "searcheval"
    ini = subprocess.run([str(ROOT / "scripts" / "test-env.sh"), name], check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    # the environment's core is a copy of ckan_test's conf: bring it to the current schema
    subprocess.run([str(ROOT / "scripts" / "solr.sh"), "refresh", f"ckan_{name}"], check=True)
    return subprocess.call([str(ROOT / ".venv" / "bin" / "pytest"), f"--ckan-ini={ini}",
                            "-p", "no:cacheprovider", "-q", "-s", "--no-header",
                            str(ROOT / "tests" / "search" / "test_search_eval.py")], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
