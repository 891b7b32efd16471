"""Workbooks of many generated rows (for limits and the one-transaction import of 10,000 rows)."""
from __future__ import annotations

import io

import openpyxl

from ckanext.dazhou.tests.factories import create_dataset, create_department
from ckanext.dazhou.tests.spreadsheet.sample import exported_xlsx

MAIN = "信息资源目录"


def template() -> dict:
    """One department and one stored dataset whose exported row the generated rows copy."""
    department = create_department("51170009", title="达州市生成局")
    create_dataset(owner_org=department["id"], name="dz-template", title="模板数据集")
    return department


def new_rows(count: int, prefix: str = "dz-gen") -> io.BytesIO:
    """The exported template row repeated `count` times as new datasets (no 代码)."""
    book = openpyxl.load_workbook(exported_xlsx())
    sheet = book[MAIN]
    headers = [cell.value for cell in sheet[1]]
    template_row = [cell.value for cell in sheet[2]]
    sheet.delete_rows(2, sheet.max_row)
    for name in ("信息项", "资源"):
        book[name].delete_rows(2, book[name].max_row)
    for n in range(count):
        row = dict(zip(headers, template_row))
        row.update({"名称": f"生成数据集{n}", "网址名称": f"{prefix}-{n}", "代码": None})
        sheet.append([row[h] for h in headers])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out
