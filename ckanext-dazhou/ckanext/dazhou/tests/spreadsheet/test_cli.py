"""`ckan dazhou catalog export|import`."""
from __future__ import annotations

import openpyxl
import pytest
from ckan.cli.cli import ckan

from ckanext.dazhou.tests.spreadsheet.sample import catalog


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestCommands:
    def test_export_then_import_unchanged_then_rejected(self, cli, tmp_path):
        catalog()
        path = tmp_path / "catalog.xlsx"
        result = cli.invoke(ckan, ["dazhou", "catalog", "export", "--format", "xlsx",
                                   "--output", str(path)])
        assert result.exit_code == 0, result.output
        assert "3" in result.output
        result = cli.invoke(ckan, ["dazhou", "catalog", "import", str(path)])
        assert result.exit_code == 0, result.output
        book = openpyxl.load_workbook(path)
        book["信息资源目录"]["I2"] = "偶尔共享"  # 共享类型
        book.save(path)
        result = cli.invoke(ckan, ["dazhou", "catalog", "import", str(path)])
        assert result.exit_code == 1
        assert "信息资源目录\t2\t共享类型\t“偶尔共享”不是代码表" in result.output

    def test_department_csv(self, cli, tmp_path):
        orgs = catalog()
        path = tmp_path / "health.csv"
        result = cli.invoke(ckan, ["dazhou", "catalog", "export", "--org", orgs["health"]["name"],
                                   "--format", "csv", "--output", str(path)])
        assert result.exit_code == 0, result.output
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
