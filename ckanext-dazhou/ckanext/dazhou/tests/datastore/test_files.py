"""Reading files before they are loaded (datastore/files.py): encodings, headers, rows."""
from __future__ import annotations

import csv

import pytest

from ckanext.dazhou.datastore import files


def read(tmp_path, data: bytes, fmt: str = "csv") -> tuple[files.Table, list[list[str]]]:
    path = tmp_path / f"in.{fmt}"
    path.write_bytes(data)
    table = files.read(str(path), fmt)
    with open(table.path, encoding="utf-8", newline="") as handle:
        return table, list(csv.reader(handle))


class TestEncodings:
    TEXT = "区县,人口（万人）,备注\n通川区,56.2,主城区\n达川区,43.8,\n"

    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
    def test_chinese_csv_is_written_again_as_utf8(self, tmp_path, encoding):
        table, rows = read(tmp_path, self.TEXT.encode(encoding))
        assert rows[0] == ["区县", "人口（万人）", "备注"]  # no BOM left in the first name
        assert rows[1:] == [["通川区", "56.2", "主城区"], ["达川区", "43.8", ""]]
        assert table.encoding == ("gb18030" if encoding.startswith("gb") else "utf-8")

    def test_a_character_only_gb18030_has(self, tmp_path):
        # 䶮 (U+4DAE) is outside GBK: a file that has it decodes only as GB18030
        table, rows = read(tmp_path, "姓名,字\n刘䶮,䶮\n".encode("gb18030"))
        assert rows[1] == ["刘䶮", "䶮"]

    def test_a_multibyte_character_cut_by_the_sample_is_not_an_error(self):
        sample = "通川区".encode("utf-8")[:-1]
        assert files.detect_encoding(sample, truncated=True) == "utf-8-sig"

    def test_tab_and_semicolon_separated_files(self, tmp_path):
        _, rows = read(tmp_path, "a\tb\n1\t2\n".encode())
        assert rows == [["a", "b"], ["1", "2"]]
        _, rows = read(tmp_path, "a;b\n1;2\n".encode())
        assert rows == [["a", "b"], ["1", "2"]]


class TestRefusals:
    @pytest.mark.parametrize("data, says", [
        (b"", "empty"),
        ("区县,人口\n通川区,1,2\n".encode(), "Row 2 has 3 values"),
        ("区县,人口\n通川区\n".encode(), "Row 2 has 1 values"),
        ("区县,,人口\n".encode(), "Column 2 has no name"),
        ("区县,区县\n".encode(), "appears twice"),
        ("_id,x\n".encode(), "is not allowed"),
        (b"PK\x03\x04rest", "Excel workbook"),
        (b"a,b\n\x00\x01,2\n", "binary"),
    ])
    def test_each_problem_is_named(self, tmp_path, data, says):
        with pytest.raises(files.FileRefused) as refused:
            read(tmp_path, data)
        assert says in str(refused.value)

    def test_the_message_is_translated_where_shown(self, tmp_path):
        with pytest.raises(files.FileRefused) as refused:
            read(tmp_path, "区县,人口\n通川区,1,2\n".encode())
        assert refused.value.values == {"line": "2", "count": "3", "width": "2"}

    def test_trailing_empty_cells_of_spreadsheet_exports_are_dropped(self, tmp_path):
        table, rows = read(tmp_path, "a,b,,\n1,2,,\n\n3,4\n".encode())
        assert rows == [["a", "b"], ["1", "2"], ["3", "4"]] and table.rows == 2


class TestXlsx:
    def test_first_sheet_with_dates_and_numbers(self, tmp_path):
        import datetime as dt

        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(["日期", "数量", "单位"])
        sheet.append([dt.date(2026, 3, 1), 12, "市人社局"])
        sheet.append([dt.datetime(2026, 3, 2, 8, 30), 1.5, None])
        book.save(tmp_path / "in.xlsx")
        table = files.read(str(tmp_path / "in.xlsx"), "xlsx")
        with open(table.path, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows == [["日期", "数量", "单位"], ["2026-03-01", "12", "市人社局"],
                        ["2026-03-02 08:30:00", "1.5", ""]]

    def test_a_damaged_workbook(self, tmp_path):
        (tmp_path / "in.xlsx").write_bytes(b"PK\x03\x04 not really")
        with pytest.raises(files.FileRefused) as refused:
            files.read(str(tmp_path / "in.xlsx"), "xlsx")
        assert "not a readable Excel workbook" in str(refused.value)
