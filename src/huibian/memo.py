"""Results kept between the rebuilds of one live preview, each under a key of everything it was made from.

The generate step of `huibian serve` runs again on every save. Most of what it computes depends
on a few reports only: a unit's page on the listing fields of that unit's reports, a report's
statistics on its own text. `Memo.get(key, make)` returns what `make()` gave last time the same
key was asked for, so a save recomputes only what depends on what changed. A key must name every
input of `make`: report identities (`report_key`), the fields a page lists (`listing_key`), and
whatever else the value reads. What one rebuild did not ask for is forgotten by the next
(`next_round`), so the memo holds one rebuild's worth of values. A kept value may hold objects of
an earlier rebuild (a matrix cell's report, say): read from them only what the key names.

A disabled memo (`Memo(enabled=False)`, what a one-off build uses) calls `make` every time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from huibian.report import Report

T = TypeVar("T")


class Memo:
    """`get(key, make)`: make() once per key, for this rebuild and the next."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.context: Hashable = None
        self._last: dict[Hashable, object] = {}
        self._now: dict[Hashable, object] = {}

    def next_round(self, context: Hashable) -> None:
        """Start a rebuild: keep what the last one asked for, and forget everything if `context`
        (what every value depends on: collection.yml, the edition…) changed."""
        self._last = self._now if context == self.context else {}
        self._now = {}
        self.context = context

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        if not self.enabled:
            return make()
        if key in self._now:
            return self._now[key]  # type: ignore[return-value]
        value = self._last[key] if key in self._last else make()
        self._now[key] = value
        return value  # type: ignore[return-value]


OFF = Memo(enabled=False)
"""The memo of a one-off build: nothing is kept."""


def report_key(report: Report) -> tuple[str, str, str]:
    """What a report's derived values depend on: its file, the file's bytes and its duplicate suffix."""
    return report.source, report.digest, report.suffix


def listing_key(report: Report) -> tuple[object, ...]:
    """The fields an index page shows of a report (not its body); its address follows from unit, period, kind and suffix."""
    return (report.title, report.unit, report.period, report.kind, report.suffix, report.date, report.summary,
            report.status, report.classification)
