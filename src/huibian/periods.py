"""Reporting periods: a year, a half year, a quarter or a month."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(r"^([0-9]{4})(?:-(?:(H[12])|(Q[1-4])|(0[1-9]|1[0-2])))?$")
_QUARTERS = "一二三四"


@dataclass(frozen=True, order=True)
class Period:
    """A period such as `2024`, `2024-H1`, `2024-Q3` or `2024-05`.

    Ordering is chronological by start, longer periods first when they start together.
    """

    start: date
    end: date
    code: str

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def slug(self) -> str:
        """Lower-case form used in URLs: `2024-h1`."""
        return self.code.lower()

    @property
    def label(self) -> str:
        """Chinese name: 2024年度, 2024年上半年, 2024年第三季度, 2024年5月."""
        year, _, part = self.code.partition("-")
        if not part:
            return f"{year}年度"
        if part == "H1":
            return f"{year}年上半年"
        if part == "H2":
            return f"{year}年下半年"
        if part.startswith("Q"):
            return f"{year}年第{_QUARTERS[int(part[1]) - 1]}季度"
        return f"{year}年{int(part)}月"

    def label_with(self, name: str) -> str:
        """The label and a name as one phrase: 2024年上半年意识形态工作, and 2024年度工作总结, not 2024年度年度工作总结."""
        if name.startswith("年度") and self.code.isdigit():
            return f"{self.year}{name}"
        return f"{self.label}{name}"


def parse_period(value: object) -> Period | None:
    """Parse a front-matter period value; None if it is malformed."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value).strip().upper()
    match = _PATTERN.match(text)
    if not match:
        return None
    year = int(match.group(1))
    half, quarter, month = match.group(2), match.group(3), match.group(4)
    if half:
        first = 1 if half == "H1" else 7
        last = first + 5
    elif quarter:
        first = 3 * (int(quarter[1]) - 1) + 1
        last = first + 2
    elif month:
        first = last = int(month)
    else:
        first, last = 1, 12
    end = date(year, last, calendar.monthrange(year, last)[1])
    return Period(date(year, first, 1), end, text)


def sort_key(period: Period) -> tuple[date, date]:
    """Chronological, longer first: 2024, 2024-H1, 2024-Q1, 2024-01."""
    return (period.start, date.max - (period.end - date.min))
