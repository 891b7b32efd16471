"""The official DCAT-AP 3.0.1 files in ../shared/reference (read-only project inputs)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REFERENCE = Path(__file__).resolve().parents[5] / ".." / "shared" / "reference" / "dcat-ap-3.0.1"
SOURCE = "SEMICeu/DCAT-AP releases/3.0.1 (see ../shared/reference/README.md)"


def reference_file(relative: str) -> Path:
    """The file, or fail in CI / skip elsewhere when the reference folder is missing."""
    path = (REFERENCE / relative).resolve()
    if not path.exists():
        message = f"{path} missing: the official DCAT-AP 3.0.1 files come from {SOURCE}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path
