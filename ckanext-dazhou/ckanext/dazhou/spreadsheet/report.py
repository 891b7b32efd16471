"""The import report: every problem with its sheet, row and column, or what was stored."""
from __future__ import annotations

from dataclasses import dataclass, field

from ckan.common import _

from ckanext.dazhou.spreadsheet.columns import SHEETS


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None  # the spreadsheet's row number (1 = header); None for the whole sheet
    column: str      # the column header, or the field name when no column shows it
    message: str     # translated; names the rule (and its article) that is broken


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)  # e.g. the search index could not be updated
    _seen: set[Problem] = field(default_factory=set, repr=False, compare=False)

    @property
    def accepted(self) -> bool:
        return not self.problems

    def add(self, sheet: str, row: int | None, column: str, message: str) -> None:
        problem = Problem(sheet, row, column, message)
        if problem not in self._seen:  # the same cell can be found twice by different checks
            self._seen.add(problem)
            self.problems.append(problem)

    def sorted_problems(self) -> list[Problem]:
        order = list(SHEETS)
        return sorted(self.problems, key=lambda p: (
            order.index(p.sheet) if p.sheet in order else -1, p.row or 0))

    def summary(self) -> str:
        if not self.accepted:
            return _("Import rejected: {count} problem(s); nothing was stored").format(
                count=len(self.problems))
        return _("Import done: {created} created, {updated} updated, {unchanged} unchanged").format(
            created=self.created, updated=self.updated, unchanged=self.unchanged)

    def lines(self) -> list[str]:
        """The report as tab-separated text lines (for the command line)."""
        lines = [self.summary()]
        if self.problems:
            lines.append("\t".join((_("Sheet"), _("Row"), _("Column"), _("Problem"))))
            lines += ["\t".join((p.sheet, str(p.row or ""), p.column, p.message))
                      for p in self.sorted_problems()]
        return lines + self.notes
