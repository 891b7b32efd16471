"""The Dazhou DCAT-AP extension: its namespace and SHACL shapes (dazhou-shapes.ttl)."""
from __future__ import annotations

from pathlib import Path

SHAPES_FILE = Path(__file__).with_name("dazhou-shapes.ttl")
