"""Statistics of an edition: reports per unit, period and kind, characters written, open placeholders.

Computed from the reports the edition shows (the public edition: published reports only), so a
count never reveals an internal or draft report.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from huibian.report import Report

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def han_characters(text: str) -> int:
    """Chinese characters (汉字) in a text: the usual measure of how much a report says."""
    return sum(map(len, _HAN_RUN.findall(text)))  # runs, not one string per character


def placeholder_counter() -> Callable[[Report], int] | None:
    """A function counting a report's unfilled template placeholders (`XX`, `X次`, `××`, `20XX`…).

    Uses the linter's `huibian.placeholders.find_placeholders(line)`, line by line outside code
    blocks; None (no placeholder column) if that module is not there.
    """
    try:
        module = importlib.import_module("huibian.placeholders")
    except ImportError:
        return None
    finder = getattr(module, "find_placeholders", None)
    if not callable(finder):
        return None

    def count(report: Report) -> int:
        found, fence = 0, False
        for line in report.body.split("\n"):
            if _FENCE.match(line):
                fence = not fence
            elif not fence:
                found += len(finder(line))
        return found

    return count


@dataclass
class Tally:
    reports: int = 0
    characters: int = 0
    placeholders: int = 0
    with_placeholders: list[Report] = field(default_factory=list)

    def add(self, report: Report, characters: int, placeholders: int) -> None:
        self.reports += 1
        self.characters += characters
        self.placeholders += placeholders
        if placeholders:
            self.with_placeholders.append(report)


@dataclass
class Statistics:
    total: Tally
    by_unit: dict[str, Tally]
    by_period: dict[str, Tally]
    by_kind: dict[str, Tally]
    placeholders_known: bool


def statistics(reports: list[Report], count_placeholders: Callable[[Report], int] | None = None) -> Statistics:
    """Tally `reports` per unit, per period code and per kind."""
    total = Tally()
    by_unit: dict[str, Tally] = {}
    by_period: dict[str, Tally] = {}
    by_kind: dict[str, Tally] = {}
    for report in reports:
        characters = han_characters(report.body)
        placeholders = count_placeholders(report) if count_placeholders else 0
        for table, key in ((by_unit, report.unit), (by_period, report.period.code), (by_kind, report.kind)):
            table.setdefault(key, Tally()).add(report, characters, placeholders)
        total.add(report, characters, placeholders)
    return Statistics(total, by_unit, by_period, by_kind, count_placeholders is not None)
