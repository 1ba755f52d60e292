"""The submission matrix: for every (unit, period, kind) that is owed or has a report, its state.

Owed slots come from `collection.yml` expectations (`Collection.owed()`); the reports are the
ones an edition shows. The internal edition tells 已报送 / 草稿 / 未报送 apart. The public edition
is built from published reports only, so it cannot tell "not submitted" from "submitted but not
public": there a slot is 已公开 or 未公开, which reveals nothing about internal or draft reports.

Framework-free: the site's index pages and `huibian status` both read this model.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import Enum

from huibian.collection import Collection, Kind, Unit
from huibian.periods import Period
from huibian.report import Report


def due_order(period: Period) -> tuple[object, object]:
    """Order periods by when their reports fall due (their end): 2024-H1, then 2024, then 2025-H1."""
    return (period.end, period.start)


class State(Enum):
    """The state of one slot; `value` is what users read, `css` the class suffix in the site."""

    SUBMITTED = "已报送"
    DRAFT = "草稿"
    MISSING = "未报送"
    PUBLISHED = "已公开"
    UNPUBLISHED = "未公开"

    @property
    def css(self) -> str:
        return {
            State.SUBMITTED: "ok",
            State.PUBLISHED: "ok",
            State.DRAFT: "draft",
            State.MISSING: "missing",
            State.UNPUBLISHED: "unpublished",
        }[self]

    @property
    def symbol(self) -> str:
        """A one-character mark for the terminal."""
        return {State.SUBMITTED: "✓", State.PUBLISHED: "✓", State.DRAFT: "…"}.get(self, "✗")

    @property
    def mark(self) -> str:
        """A one-character label for a large matrix in the site (colour tells the rest)."""
        return {State.SUBMITTED: "✓", State.PUBLISHED: "✓", State.DRAFT: "稿", State.MISSING: "✗"}.get(self, "○")


INTERNAL_STATES = (State.SUBMITTED, State.DRAFT, State.MISSING)
PUBLIC_STATES = (State.PUBLISHED, State.UNPUBLISHED)


@dataclass(frozen=True)
class Cell:
    unit: str
    period: Period
    kind: str
    state: State
    owed: bool
    reports: tuple[Report, ...] = ()


class Matrix:
    """Units × periods × kinds of one edition."""

    def __init__(self, collection: Collection, reports: list[Report], audience: str = "internal") -> None:
        self.collection = collection
        self.audience = audience
        self.public = audience == "public"
        found: dict[tuple[str, Period, str], list[Report]] = {}
        for report in reports:
            found.setdefault((report.unit, report.period, report.kind), []).append(report)
        owed = collection.owed()
        self.cells: dict[tuple[str, Period, str], Cell] = {}
        for slot in owed | set(found):
            unit, period, kind = slot
            if unit not in collection.units or kind not in collection.kinds:
                continue
            slot_reports = tuple(sorted(found.get(slot, []), key=lambda r: r.id))
            self.cells[slot] = Cell(unit, period, kind, self._state(slot_reports), slot in owed, slot_reports)

    def _state(self, reports: tuple[Report, ...]) -> State:
        if self.public:
            return State.PUBLISHED if reports else State.UNPUBLISHED
        if not reports:
            return State.MISSING
        return State.SUBMITTED if any(not r.is_draft for r in reports) else State.DRAFT

    @property
    def states(self) -> tuple[State, ...]:
        """The states this edition can show, in legend order."""
        return PUBLIC_STATES if self.public else INTERNAL_STATES

    def cell(self, unit: str, period: Period, kind: str) -> Cell | None:
        return self.cells.get((unit, period, kind))

    def kinds(self) -> list[Kind]:
        """Kinds with at least one slot, in collection order."""
        used = {kind for _, _, kind in self.cells}
        return [k for k in self.collection.kinds.values() if k.id in used]

    def periods(self, kind: str | None = None) -> list[Period]:
        """Periods with a slot (of `kind`), in the order they are due: by end, 2024-H1 before 2024."""
        found = {p for (_, p, k) in self.cells if kind is None or k == kind}
        return sorted(found, key=due_order)

    def units(self, kind: str | None = None, period: Period | None = None) -> list[Unit]:
        """Units with a slot (of `kind`, in `period`), in the collection's unit order."""
        found = {u for (u, p, k) in self.cells if (kind is None or k == kind) and (period is None or p == period)}
        return [u for u in self.collection.units_in_order() if u.id in found]

    def kinds_in(self, period: Period) -> list[Kind]:
        used = {k for (_, p, k) in self.cells if p == period}
        return [k for k in self.collection.kinds.values() if k.id in used]

    def owed_cells(self, period: Period | None = None, kind: str | None = None) -> list[Cell]:
        return [
            c for c in self.cells.values()
            if c.owed and (period is None or c.period == period) and (kind is None or c.kind == kind)
        ]

    def counts(self, period: Period | None = None, kind: str | None = None) -> Counter[State]:
        """How many owed slots are in each state."""
        return Counter(c.state for c in self.owed_cells(period, kind))

    def summary(self, period: Period | None = None, kind: str | None = None) -> str:
        """`应报 9 份：已报送 7，草稿 1，未报送 1` (or 已公开/未公开 in the public edition)."""
        counts = self.counts(period, kind)
        total = sum(counts.values())
        parts = "，".join(f"{state.value} {counts.get(state, 0)}" for state in self.states)
        return f"应报 {total} 份：{parts}"

    def missing(self, period: Period | None = None) -> list[Cell]:
        """Owed slots without a report, in unit order."""
        order = {u.id: i for i, u in enumerate(self.collection.units_in_order())}
        cells = [c for c in self.owed_cells(period) if c.state in (State.MISSING, State.UNPUBLISHED)]
        return sorted(cells, key=lambda c: (due_order(c.period), order.get(c.unit, 0), c.kind))
