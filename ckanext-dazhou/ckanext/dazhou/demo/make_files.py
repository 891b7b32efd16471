"""Writes the demo catalog's data files (demo/files/), so previews and the data API have data.

Run `python -m ckanext.dazhou.demo.make_files` after changing catalog.json; the files are
committed. Every CSV/XLSX resource of a demo dataset gets a small table whose columns are the
dataset's data items and whose values are generated from each item's type and name: the same
input always gives the same bytes (seeded by the dataset's name, fixed XLSX timestamps).
Personal identifiers come out masked, as a desensitized sample would be.
One file is written in GB18030, as many government exports still are.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any, Callable

from openpyxl import Workbook

HERE = Path(__file__).parent
CATALOG = HERE / "catalog.json"
FILES = HERE / "files"
TABULAR = ("csv", "xlsx")
# A CSV saved by a Windows office suite, to show that GB18030 files load too.
GB18030_FILES = {"dz-cpi-monthly/0.csv"}
_FIXED_TIME = dt.datetime(2026, 1, 1)

DISTRICTS = [("511702", "通川区"), ("511703", "达川区"), ("511781", "万源市"),
             ("511722", "宣汉县"), ("511723", "开江县"), ("511724", "大竹县"), ("511725", "渠县")]
STREETS = ["朝阳东路", "通川北路", "西外大道", "凤凰大道", "南外济民路", "滨河西路", "翠屏路", "达州大道"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "建华明丽强军芳敏静伟磊洋勇艳杰娟涛超霞平刚桂英"
ORG_WORDS = ["川东", "巴山", "达兴", "通达", "凤凰山", "州河", "莲湖", "嘉陵"]
ORG_KINDS = ["有限公司", "股份有限公司", "合作社", "中心", "协会"]
CHOICES = {
    "类型": ["一类", "二类", "三类"], "类别": ["甲类", "乙类", "丙类"], "等级": ["A级", "B级", "C级"],
    "状态": ["正常", "已注销", "办理中"], "结论": ["合格", "不合格"], "性质": ["公办", "民办"],
    "学段": ["小学", "初中"], "污染物": ["PM2.5", "PM10", "臭氧"], "水质": ["Ⅱ类", "Ⅲ类", "Ⅳ类"],
    "单位": ["元/公斤", "元/斤", "元/个"], "档次": ["第一档", "第二档", "第三档"],
}


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def _organization(rng: random.Random, item: str) -> str:
    if "学校" in item:
        return f"达州市{rng.choice(ORG_WORDS)}{rng.choice(['小学', '中学', '实验学校'])}"
    if "医" in item or "接种" in item or "定点" in item:
        return f"{rng.choice(DISTRICTS)[1]}{rng.choice(['人民医院', '中医院', '社区卫生服务中心'])}"
    if "社区" in item or "村居" in item:
        return f"{rng.choice(ORG_WORDS)}社区居民委员会"
    return f"达州市{rng.choice(ORG_WORDS)}{rng.choice(['实业', '商贸', '建设', '食品'])}{rng.choice(ORG_KINDS)}"


def _text(rng: random.Random, item: str, row: int) -> str:
    """A plausible value of a character item, chosen from words in its name."""
    if "身份号码" in item:
        return f"5117**********{rng.randint(1000, 9999)}"
    if "统一社会信用代码" in item:
        return "91511700" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(10))
    if "行政区划代码" in item:
        return DISTRICTS[row % len(DISTRICTS)][0]
    if "月份" in item:
        return f"2025-{row % 12 + 1:02d}"
    if "季度" in item:
        return f"2025年第{row % 4 + 1}季度"
    if "年度" in item:
        return str(2023 + row % 3)
    if "时间" in item:
        return "06:30-21:00"
    if item.endswith(("姓名", "人", "监测员", "联系人")):
        return _person(rng)
    if item.endswith(("地址", "位置", "地点", "范围描述", "街道社区", "乡镇街道")):
        district = rng.choice(DISTRICTS)[1]
        return f"达州市{district}{rng.choice(STREETS)}{rng.randint(1, 399)}号"
    if item.endswith(("编号", "编码", "证号", "登记号", "标识码", "代码", "文号", "许可证号")):
        return f"DZ{2025}{row + 1:05d}"
    if item.endswith(("名称", "单位", "机构", "部门", "企业")) and "计价" not in item:
        return _organization(rng, item)
    for word, options in CHOICES.items():
        if word in item:
            return options[row % len(options)]
    return f"{item}{row + 1}"


def _decimal(rng: random.Random, item: str) -> float:
    if "指数" in item:
        return round(rng.uniform(98, 103), 1)
    if "增速" in item:
        return round(rng.uniform(3, 9), 1)
    if "浓度" in item:
        return round(rng.uniform(5, 80), 1)
    return round(rng.uniform(0.1, 120), 2)


def _value(rng: random.Random, item: dict[str, Any], row: int) -> Any:
    kind, name = item.get("data_type", "C"), item["name"]
    makers: dict[str, Callable[[], Any]] = {
        "I": lambda: rng.randint(1, 500),
        "Y": lambda: round(rng.uniform(10, 50000), 2),
        "F": lambda: _decimal(rng, name),
        "B": lambda: round(rng.uniform(100, 110), 6) if "经" in name else round(rng.uniform(1, 9000), 2),
        "D": lambda: (dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 364))).isoformat(),
        "L": lambda: rng.choice(["是", "否"]),
        "M": lambda: "、".join(rng.sample(["乙肝疫苗", "流感疫苗", "加装电梯", "管网改造", "外墙保温",
                                         "联合审批", "容缺受理"], 2)),
    }
    return makers.get(kind, lambda: _text(rng, name, row))()


def table(dataset: dict[str, Any], rows: int) -> tuple[list[str], list[list[Any]]]:
    items = dataset["data_items"]
    rng = random.Random(zlib.crc32(dataset["name"].encode()))
    return [i["name"] for i in items], [[_value(rng, i, r) for i in items] for r in range(rows)]


def csv_bytes(header: list[str], body: list[list[Any]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(body)
    return out.getvalue().encode(encoding)


def xlsx_bytes(header: list[str], body: list[list[Any]], sheet: str) -> bytes:
    book = Workbook()
    book.properties.created = book.properties.modified = _FIXED_TIME
    page = book.active
    page.title = sheet[:31]
    page.append(header)
    for values in body:
        page.append(values)
    saved = io.BytesIO()
    book.save(saved)
    return _with_fixed_entry_times(saved.getvalue())


def _with_fixed_entry_times(archive: bytes) -> bytes:
    """The XLSX zip again, its entries dated _FIXED_TIME (openpyxl stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=_FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":  # openpyxl sets "modified" when saving
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", content)
            target.writestr(fixed, content)
    return out.getvalue()


def files_for(dataset: dict[str, Any]) -> dict[str, bytes]:
    """Relative path (dataset name / resource index . format) → the file's bytes."""
    written: dict[str, bytes] = {}
    if not dataset.get("data_items"):
        return written
    for index, resource in enumerate(dataset.get("resources", [])):
        fmt = resource.get("format", "").lower()
        if fmt not in TABULAR:
            continue
        header, body = table(dataset, rows=24 + 12 * index)
        path = f"{dataset['name']}/{index}.{fmt}"
        if fmt == "csv":
            encoding = "gb18030" if path in GB18030_FILES else "utf-8"
            written[path] = csv_bytes(header, body, encoding)
        else:
            written[path] = xlsx_bytes(header, body, resource.get("name") or dataset["title"])
    return written


def file_path(dataset_name: str, index: int, fmt: str) -> Path:
    return FILES / dataset_name / f"{index}.{fmt.lower()}"


def main() -> None:
    catalog = json.loads(CATALOG.read_text(encoding="utf-8"))
    count = 0
    for dataset in catalog["datasets"]:
        for relative, content in files_for(dataset).items():
            target = FILES / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            count += 1
    print(f"{count} files in {FILES}")


if __name__ == "__main__":
    main()
