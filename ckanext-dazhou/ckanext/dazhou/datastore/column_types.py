"""Which columns of a loaded table are numbers, so the data API sorts, filters and sums them as
numbers (text sorts "100" before "98").

A column is numeric when every non-empty value is a plain decimal number; anything else, and any
value with a leading zero (codes such as 行政区划代码 or postal codes keep their zeros), a
thousands separator, a unit or more than 15 integer digits (ID numbers), keeps the column text.
The file is loaded as text first (xloader's COPY), then the numeric columns are converted in one
statement; a department can still set a type by hand in the Data Dictionary.
"""
from __future__ import annotations

import csv
import re

import sqlalchemy as sa

NUMBER = re.compile(r"-?(0|[1-9][0-9]{0,14})(\.[0-9]+)?")


def numeric_columns(path: str) -> list[str]:
    """The header names of the columns of a clean UTF-8 CSV (files.Table) that are numeric."""
    with open(path, encoding="utf-8", newline="") as source:
        reader = csv.reader(source)
        headers = next(reader, [])
        numeric, filled = [True] * len(headers), [False] * len(headers)
        for row in reader:
            for index, cell in enumerate(row[:len(headers)]):
                cell = cell.strip()
                if cell and numeric[index]:
                    filled[index] = True
                    numeric[index] = bool(NUMBER.fullmatch(cell))
    return [name for name, is_number, has_value in zip(headers, numeric, filled)
            if is_number and has_value]


def convert(connection, resource_id: str, columns: list[str]) -> None:
    """ALTER the loaded table's text columns to numeric (names were checked by files.py)."""
    if not columns:
        return
    changes = ", ".join(
        f'ALTER COLUMN "{name}" TYPE numeric USING NULLIF(btrim("{name}"), \'\')::numeric'
        for name in columns)
    connection.execute(sa.text(f'ALTER TABLE "{resource_id}" {changes}'))
