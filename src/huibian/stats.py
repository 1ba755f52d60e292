"""Statistics of an edition: reports per unit, period and kind, characters written, open placeholders.

Computed from the reports the edition shows (the public edition: published reports only), so a
count never reveals an internal or draft report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from huibian.han import HAN
from huibian.memo import OFF, Memo
from huibian.placeholders import find_placeholders
from huibian.report import Report
from huibian.structure import outside_code

_HAN_RUN = re.compile(rf"[{HAN}]+")


def han_characters(text: str) -> int:
    """Chinese characters (汉字) in a text: the usual measure of how much a report says."""
    return sum(map(len, _HAN_RUN.findall(text)))  # runs, not one string per character


def open_placeholders(report: Report) -> int:
    """Unfilled template placeholders (`XX`, `X次`, `××`, `20XX`…) in a report, outside code blocks."""
    lines = report.body.split("\n")
    return sum(len(find_placeholders(lines[index])) for index in outside_code(lines))


def _counts(report: Report) -> tuple[int, int]:
    return han_characters(report.body), open_placeholders(report)


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


def statistics(reports: list[Report], memo: Memo = OFF) -> Statistics:
    """Tally `reports` per unit, per period code and per kind (each report's counts from `memo` when unchanged)."""
    total = Tally()
    by_unit: dict[str, Tally] = {}
    by_period: dict[str, Tally] = {}
    by_kind: dict[str, Tally] = {}
    for report in reports:
        characters, placeholders = memo.get(("stats", report.digest), partial(_counts, report))
        for table, key in ((by_unit, report.unit), (by_period, report.period.code), (by_kind, report.kind)):
            table.setdefault(key, Tally()).add(report, characters, placeholders)
        total.add(report, characters, placeholders)
    return Statistics(total, by_unit, by_period, by_kind)
