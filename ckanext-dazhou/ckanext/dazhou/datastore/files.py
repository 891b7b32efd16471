"""Reading a CSV or XLSX file whole before anything is loaded (issue 15).

A file is checked completely and written again as a UTF-8 CSV; only a file that passes is
handed to the loader, so a malformed one leaves the table loaded before untouched. Government
CSVs are often GBK/GB18030 (Excel's "CSV" on a Chinese Windows): UTF-8 is tried first, then
GB18030 (a superset of GB2312 and GBK).
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
import zipfile
from dataclasses import dataclass, field

import ckan.plugins.toolkit as tk

from ckanext.dazhou.datastore.column_types import NumericColumns

ENCODINGS = ("utf-8-sig", "gb18030")
DELIMITERS = ",\t;|"
MAX_COLUMN_NAME = 63  # PostgreSQL's identifier length


class FileRefused(Exception):
    """The file cannot be loaded: message is an English msgid with {placeholders}, kept
    untranslated in the task status and translated where it is shown (load.status)."""

    def __init__(self, message: str, **values):
        self.message, self.values = message, {k: str(v) for k, v in values.items()}
        super().__init__(message.format(**self.values))

    def translated(self) -> str:
        return tk._(self.message).format(**self.values)


@dataclass
class Table:
    path: str  # a UTF-8 CSV, comma-separated, header first
    headers: list[str]
    rows: int
    encoding: str
    numeric: list[str] = field(default_factory=list)  # columns of plain numbers only


def _err(message: str, **values) -> FileRefused:
    return FileRefused(message, **values)


def detect_encoding(sample: bytes, truncated: bool) -> str:
    """The first of ENCODINGS that decodes the sample (which may end inside a character
    when it is only the file's beginning)."""
    for encoding in ENCODINGS:
        try:
            sample.decode(encoding)
            return encoding
        except UnicodeDecodeError as error:
            if truncated and error.start >= len(sample) - 4:
                return encoding
    raise _err("The file is neither UTF-8 nor GBK/GB18030 text; save it as UTF-8 CSV")


def check_headers(headers: list[str]) -> list[str]:
    names = [(h or "").strip() for h in headers]
    while names and not names[-1]:
        names.pop()  # trailing empty header cells (spreadsheet exports)
    if not names:
        raise _err("The first row must hold the column names")
    seen: set[str] = set()
    for number, name in enumerate(names, 1):
        if not name:
            raise _err("Column {number} has no name in the first row", number=number)
        if name.startswith("_") or '"' in name or len(name) > MAX_COLUMN_NAME:
            raise _err('Column name "{name}" is not allowed (no leading _, no ", at most 63 '
                       'characters)', name=name[:80])
        if name in seen:
            raise _err('Column name "{name}" appears twice', name=name)
        seen.add(name)
    return names


def _fit(row: list[str], width: int, line: int) -> list[str]:
    """The row cut or padded to the header's width; real data beyond it is an error."""
    if len(row) > width:
        if any((c or "").strip() for c in row[width:]):
            raise _err("Row {line} has {count} values, the header has {width} columns",
                       line=line, count=len(row), width=width)
        row = row[:width]
    elif len(row) < width:
        if len(row) <= 1 and not any((c or "").strip() for c in row):
            return []  # a blank line
        raise _err("Row {line} has {count} values, the header has {width} columns",
                   line=line, count=len(row), width=width)
    return row


def _write(rows_in, headers: list[str], first_line: int) -> tuple[str, int, list[str]]:
    out = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", suffix=".csv",
                                      delete=False)
    count, numeric = 0, NumericColumns(headers)
    try:
        writer = csv.writer(out)
        writer.writerow(headers)
        for line, row in enumerate(rows_in, first_line):
            row = _fit(row, len(headers), line)
            if row:
                writer.writerow(row)
                numeric.see(row)
                count += 1
    except BaseException:
        out.close()
        os.unlink(out.name)
        raise
    out.close()
    return out.name, count, numeric.names()


def read_csv(path: str) -> Table:
    with open(path, "rb") as raw:
        sample = raw.read(256 * 1024)
    if not sample.strip():
        raise _err("The file is empty")
    if b"\x00" in sample:
        raise _err("The file holds binary data, not CSV text")
    encoding = detect_encoding(sample, truncated=len(sample) == 256 * 1024)
    text = sample.decode(encoding, errors="ignore")
    try:
        delimiter = csv.Sniffer().sniff(text.split("\n", 20)[0] + "\n", DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    try:
        with open(path, encoding=encoding, newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter, strict=True)
            headers = check_headers(next(reader, []))
            out, count, numeric = _write(reader, headers, 2)
    except UnicodeDecodeError:
        raise _err("The file is neither UTF-8 nor GBK/GB18030 text; save it as UTF-8 CSV")
    except csv.Error as error:
        raise _err("The CSV is malformed near row {line}: {error}",
                   line=reader.line_num, error=str(error))
    return Table(out, headers, count, encoding.replace("-sig", ""), numeric)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(path: str) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    with open(path, "rb") as handle:  # a stored upload has no .xlsx name openpyxl would want
        try:
            book = load_workbook(handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError,
                TypeError):
            raise _err("The file is not a readable Excel workbook (.xlsx)")
        try:
            sheet = book.worksheets[0]
            rows = ([_cell(v) for v in row] for row in sheet.iter_rows(values_only=True))
            headers = check_headers(next(rows, []))
            out, count, numeric = _write(rows, headers, 2)
        finally:
            book.close()
    return Table(out, headers, count, "xlsx", numeric)


def read(path: str, file_format: str) -> Table:
    """The file as a checked UTF-8 CSV, or FileRefused with the reason."""
    if (file_format or "").lower() == "xlsx":
        return read_xlsx(path)
    with open(path, "rb") as raw:
        if raw.read(4) == b"PK\x03\x04":
            raise _err("The file is an Excel workbook: set its format to XLSX")
    return read_csv(path)
