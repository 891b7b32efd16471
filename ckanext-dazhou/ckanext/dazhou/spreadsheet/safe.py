"""Cells that a spreadsheet program shows as text, never runs as formulas (every export uses it).

CSV has no cell types: Excel and WPS run a cell starting with = + - @ (or a tab/CR before them)
as a formula, so such text gets a leading apostrophe. XLSX has types: openpyxl writes a string
starting with '=' as a formula unless the cell is typed as a string; other text stays text.
Numbers and dates pass unchanged.
"""
from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_WRAP = Alignment(wrap_text=True, vertical="top")


def csv_value(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def xlsx_value(sheet, value: Any) -> Any:
    """The value for a write-only sheet's append: text typed as text, multi-line text wrapped."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith("=") or "\n" in value:
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        if "\n" in value:
            cell.alignment = _WRAP
        return cell
    return value or None
