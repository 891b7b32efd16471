"""Which columns of a loaded table are numbers, so the data API sorts, filters and sums them as
numbers (text sorts "100" before "98").

A column is numeric when every non-empty value is a plain decimal number; anything else, and any
value with a leading zero (codes such as 行政区划代码 or postal codes keep their zeros), a
thousands separator, a unit or more than 15 integer digits (ID numbers), keeps the column text.
The file is loaded as text first (xloader's COPY), then the numeric columns are converted in one
statement; a department can still set a type by hand in the Data Dictionary.
"""
from __future__ import annotations

import re

import sqlalchemy as sa

NUMBER = re.compile(r"-?(0|[1-9][0-9]{0,14})(\.[0-9]+)?")


class NumericColumns:
    """Fed every data row while the clean CSV is written (files.py), so the file is read once."""

    def __init__(self, headers: list[str]):
        self.headers = headers
        self.numeric = [True] * len(headers)
        self.filled = [False] * len(headers)

    def see(self, row: list[str]) -> None:
        for index, cell in enumerate(row):
            if self.numeric[index]:
                cell = (cell or "").strip()
                if cell:
                    self.filled[index] = True
                    self.numeric[index] = bool(NUMBER.fullmatch(cell))

    def names(self) -> list[str]:
        return [name for name, is_number, has_value in zip(self.headers, self.numeric, self.filled)
                if is_number and has_value]


def convert(connection, resource_id: str, columns: list[str]) -> None:
    """ALTER the loaded table's text columns to numeric (names were checked by files.py)."""
    if not columns:
        return
    changes = ", ".join(
        f'ALTER COLUMN "{name}" TYPE numeric USING NULLIF(btrim("{name}"), \'\')::numeric'
        for name in columns)
    connection.execute(sa.text(f'ALTER TABLE "{resource_id}" {changes}'))
