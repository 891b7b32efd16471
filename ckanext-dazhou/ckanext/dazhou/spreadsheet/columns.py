"""The catalog spreadsheet layout, in one place: sheets, columns and the fields they hold.

The first fifteen columns are the tabular layout of the national catalog guide
(政务信息资源目录编制指南); the others carry the rest of our dataset schema so that
export → import gives back the same catalog. Headers are part of the file format, so they
stay Chinese in every UI language; the messages that name them are translated.
"""
from __future__ import annotations

from dataclasses import dataclass

MAIN_SHEET = "信息资源目录"
ITEMS_SHEET = "信息项"
RESOURCES_SHEET = "资源"

# Kinds of cell (how cells.py writes and reads them).
TEXT = "text"          # free text, kept as typed
CODE = "code"          # one vocabulary concept: label on export; label, key or notation on import
CODES = "codes"        # several concepts, separated by 、
CHOICE = "choice"      # a select field whose choices live in the scheming schema
BOOL = "bool"          # 是 / 否
DATE = "date"          # YYYY-MM-DD
LIST = "list"          # several plain values, separated by 、
# Main-sheet columns computed from several fields (encode.py / decode.py).
PROVIDER = "provider"            # owner_org as the department's title
PROVIDER_CODE = "provider_code"  # the department's department_code
FORMATS = "formats"              # the formats of the resources (summary of sheet 资源)
ITEM_NAMES = "item_names"        # the data items' names (summary of sheet 信息项)
ITEM_LINES = "item_lines"        # CSV: one line per data item
RESOURCE_LINES = "resource_lines"  # CSV: one line per resource
SHARE_TEXT = "share_text"        # share_conditions or non_share_basis, by share type


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: str = TEXT
    scheme: str | None = None  # vocabulary of CODE/CODES/FORMATS columns
    level: str | None = None   # "top" or "narrower": which concepts of the scheme


GUIDE_COLUMNS = (
    Column("信息资源分类", "resource_category", CODE, "resource_category", "top"),
    Column("名称", "title"),
    Column("代码", "resource_code"),
    Column("提供方", "owner_org", PROVIDER),
    Column("提供方代码", "owner_org", PROVIDER_CODE),
    Column("摘要", "notes"),
    Column("格式", "resources", FORMATS, "format", "narrower"),
    Column("信息项", "data_items", ITEM_NAMES),
    Column("共享类型", "share_type", CODE, "share_type"),
    Column("共享条件/不予共享依据", "share_conditions", SHARE_TEXT),
    Column("共享方式", "share_methods", CODES, "share_method"),
    Column("开放属性", "open_type", CODE, "open_type"),
    Column("更新周期", "update_cycle", CODE, "update_cycle"),
    Column("发布日期", "published_date", DATE),
    Column("关联资源代码", "related_resource_codes", LIST),
)

SCHEMA_COLUMNS = (
    Column("网址名称", "name"),
    Column("资源子类", "resource_subcategory", CODE, "resource_category", "narrower"),
    Column("不予共享依据类型", "non_share_basis_type", CODE, "non_share_basis_type"),
    Column("接口说明", "api_description"),
    Column("接口地址", "api_endpoint"),
    Column("开放条件", "open_conditions"),
    Column("跨部门并联审批", "cross_department_approval", BOOL),
    Column("密级", "security_level", CODE, "security_level"),
    Column("保密审查", "confidentiality_review", CHOICE),
    Column("保密审查人", "confidentiality_reviewer"),
    Column("保密审查日期", "confidentiality_review_date", DATE),
    Column("采集目的", "collection_purpose"),
    Column("采集范围", "collection_scope"),
    Column("采集方式", "collection_method"),
    Column("采集依据", "collection_legal_basis"),
    Column("关键词", "tags", LIST),
)

MAIN_COLUMNS = GUIDE_COLUMNS + SCHEMA_COLUMNS

# Rows of the detail sheets belong to the main row with the same 代码, else the same 网址名称.
LINK_CODE = Column("代码", "resource_code")
LINK_NAME = Column("网址名称", "name")

ITEM_FIELDS = (
    Column("信息项名称", "name"),
    Column("数据元代码", "code"),
    Column("数据类型", "data_type", CODE, "item_data_type"),
    Column("数据长度", "length"),
    Column("描述", "description"),
    Column("权威来源", "authoritative", BOOL),
    Column("引用权威信息项", "reference"),  # resource code of the authoritative dataset (Art. 14)
)
RESOURCE_FIELDS = (
    Column("资源名称", "name"),
    Column("地址", "url"),
    Column("格式", "format", CODE, "format", "narrower"),
    Column("描述", "description"),
    Column("采集格式样本", "collection_sample", BOOL),
)
ITEM_COLUMNS = (LINK_CODE, LINK_NAME) + ITEM_FIELDS
RESOURCE_COLUMNS = (LINK_CODE, LINK_NAME) + RESOURCE_FIELDS

SHEETS = {MAIN_SHEET: MAIN_COLUMNS, ITEMS_SHEET: ITEM_COLUMNS, RESOURCES_SHEET: RESOURCE_COLUMNS}

# CSV holds one table: data items and resources go into cells, one line each.
CSV_COLUMNS = tuple(
    Column(c.header, c.field, ITEM_LINES) if c.kind == ITEM_NAMES else c for c in MAIN_COLUMNS
) + (Column("资源", "resources", RESOURCE_LINES),)
CSV_PART_SEPARATOR = " | "

# The share text column holds one of these two fields; labelled when it must hold both.
SHARE_TEXT_FIELDS = {"share_conditions": "共享条件", "non_share_basis": "不予共享依据"}


def of_kind(kind: str) -> Column:
    """The main-sheet column of a computed kind (provider, share text, …)."""
    return next(column for column in MAIN_COLUMNS if column.kind == kind)


def main_column_of(field: str) -> Column | None:
    """The main-sheet column that shows a dataset field (for error reports)."""
    if field in SHARE_TEXT_FIELDS:
        field = "share_conditions"
    if field == "tag_string":
        field = "tags"
    for column in MAIN_COLUMNS:
        if column.field == field and column.kind != PROVIDER_CODE:
            return column
    return None


def covered_fields() -> set[str]:
    """Every dataset field the layout carries (the round trip keeps these)."""
    return {c.field for c in MAIN_COLUMNS} | set(SHARE_TEXT_FIELDS) | {"tag_string"}
