"""Limits on an uploaded workbook, checked before openpyxl reads it (a zip bomb or a huge
shared-string table must not take the server's memory: a 410 KB XLSX once took 700 MB).

XLSX is a zip: its members' declared sizes are checked first; Python's zipfile never inflates
a member beyond its declared size (a lying header ends in BadZipFile), so the declared sizes
bound what parsing can cost. The shared strings are held in memory by openpyxl, so they have
their own, lower limit. Rows are counted while reading (the sheet's dimension may lie).
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import IO

import ckan.plugins.toolkit as tk
from ckan.common import _

SHARED_STRINGS = "xl/sharedStrings.xml"
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    upload_bytes: int
    unzipped_bytes: int
    shared_strings_bytes: int
    rows: int          # datasets in 信息资源目录
    detail_rows: int   # rows of 信息项 and of 资源, each

    @classmethod
    def from_config(cls) -> Limits:
        get = tk.config.get
        return cls(get("ckanext.dazhou.import_max_mb") * MB,
                   get("ckanext.dazhou.import_max_unzipped_mb") * MB,
                   get("ckanext.dazhou.import_max_shared_strings_mb") * MB,
                   get("ckanext.dazhou.import_max_rows"),
                   get("ckanext.dazhou.import_max_detail_rows"))


def _mb(size: int) -> str:
    return f"{size / MB:.0f}"


def read_within(file: IO[bytes], limits: Limits) -> tuple[io.BytesIO | None, str | None]:
    """(the upload in memory, None), or (None, why it is refused)."""
    data = file.read(limits.upload_bytes + 1)
    if len(data) > limits.upload_bytes:
        return None, _("The file is larger than {limit} MB").format(
            limit=_mb(limits.upload_bytes))
    buffer = io.BytesIO(data)
    try:
        members = zipfile.ZipFile(buffer).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return buffer, None  # not a zip: the reader says it is no XLSX workbook
    if sum(m.file_size for m in members) > limits.unzipped_bytes:
        return None, _("The workbook unpacks to more than {limit} MB").format(
            limit=_mb(limits.unzipped_bytes))
    shared = sum(m.file_size for m in members if m.filename == SHARED_STRINGS)
    if shared > limits.shared_strings_bytes:
        return None, _("The workbook's text table is larger than {limit} MB").format(
            limit=_mb(limits.shared_strings_bytes))
    buffer.seek(0)
    return buffer, None
