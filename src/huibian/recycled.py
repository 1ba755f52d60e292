"""Recycled text (重复率): how much of a report also stands in its unit's earlier reports or in other units' reports.

A report's prose is cut into passages of about a clause (split at 。！？；，： and line ends, short
clauses joined to the next so each passage has at least `MIN_PASSAGE` characters). Each passage
is compared by an exact hash of its normalised text: Han characters only, every run of digits,
Chinese numerals or template placeholders (XX, ××) written as one `#`, punctuation, spaces and
Latin letters dropped. So a changed year, changed figures, a reordered sentence or a reordered
paragraph still match; a rewritten clause does not.

Not compared at all (neither recycled nor counted in the share): headings (Markdown and run-in),
quoted terms and titles (“…”, 《…》), lines that are not prose (a signature, a date), and passages
that many units share (standard formulations): a passage standing in reports of at least
`common_units` distinct units (default max(5, 10 % of the units with reports)) is never recycled
but still counts as text of the report: the share is recycled characters / characters of prose,
so a report made mostly of standard formulations is not flagged for one copied sentence.

Passages are matched through one hash table over all reports (no pair of reports is ever compared
as such), so the time grows with the amount of text. Each report's passages (its "fingerprint")
depend only on its file, and are cached by `RecycledCache` under the file's digest.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate, chain
from pathlib import Path
from typing import Any

from huibian import rules, safeyaml
from huibian.cache_file import read_entries, write_entries
from huibian.code_version import code_digest
from huibian.collection import Collection
from huibian.findings import Finding
from huibian.han import HAN
from huibian.report import Report
from huibian.structure import outside_code

SHOWN_FROM = 0.1
"""A report page shows its recycled share from this share on (the review page lists the same reports)."""
MIN_PASSAGE = 10
"""Normalised characters a passage needs: shorter clauses are joined to the next one."""
PROSE_MIN = 20
"""A line without clause punctuation and shorter than this is not prose (a signature, a date)."""

_QUOTED = re.compile(r"“[^”\n]*”|《[^》\n]*》|「[^」\n]*」|『[^』\n]*』")
_SENTENCE_END = frozenset("。！？；!?;")
_PIECE = re.compile(r"[^。！？；!?;，,：:]+[。！？；!?;，,：:]*")
_NUMBER = re.compile(r"[0-9０-９〇零一二三四五六七八九十百千万亿两XxＸｘ×Ⅹⅹ.．%％‰]+")
_NOT_TEXT = re.compile(rf"[^{HAN}#]+")
_FIGURES = re.compile("##+")  # figures that only punctuation separated: 1、2、3
_HEAD_SENTENCE = re.compile(r"[^。！？；!?;]*[。！？；!?;]?")
_PUNCTUATED = re.compile(r"[。！？；!?;，,：:]")


def normalise(text: str) -> str:
    """The text passages are compared by: Han characters, each run of figures or placeholders as `#`."""
    return _FIGURES.sub("#", _NOT_TEXT.sub("", _NUMBER.sub("#", text)))


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


@dataclass
class Fingerprint:
    """A report's passages: their hashes, where they stand in the body (offsets) and their normalised sizes."""

    hashes: array[int] = field(default_factory=lambda: array("Q"))
    starts: array[int] = field(default_factory=lambda: array("I"))
    ends: array[int] = field(default_factory=lambda: array("I"))
    sizes: array[int] = field(default_factory=lambda: array("H"))

    def add(self, text: str, start: int, end: int) -> None:
        self.hashes.append(_hash(text))
        self.starts.append(start)
        self.ends.append(end)
        self.sizes.append(min(len(text), 65535))

    def pack(self) -> str:
        return base64.b64encode(b"".join(a.tobytes() for a in (self.hashes, self.starts, self.ends, self.sizes))).decode()

    @classmethod
    def unpack(cls, text: object) -> Fingerprint | None:
        if not isinstance(text, str):
            return None
        try:
            data = base64.b64decode(text, validate=True)
        except ValueError:
            return None
        if len(data) % 18:  # 8 + 4 + 4 + 2 bytes a passage
            return None
        n = len(data) // 18
        fprint = cls()
        parts = ((fprint.hashes, 0, 8 * n), (fprint.starts, 8 * n, 12 * n), (fprint.ends, 12 * n, 16 * n),
                 (fprint.sizes, 16 * n, 18 * n))
        for target, begin, finish in parts:
            target.frombytes(data[begin:finish])
        return fprint


def fingerprint(report: Report) -> Fingerprint:
    """The passages of a report's prose, headings, quotations and non-prose lines left out."""
    lines = report.body.split("\n")
    heads = set(report.run_in_heads)  # paragraph and run-in headings (cached with the lint results)
    result = Fingerprint()
    line_starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
    for index in outside_code(lines):
        line = lines[index]
        start_of_line = line_starts[index]
        stripped = line.lstrip()
        if stripped.startswith(("#", "{:", "<!--", "|---", "|:--")):
            continue
        head = _HEAD_SENTENCE.match(stripped)
        if head and head.group() in heads:
            skip = len(line) - len(stripped) + head.end()
            line = " " * skip + line[skip:]
        if not _PUNCTUATED.search(line) and len(line.strip()) < PROSE_MIN:
            continue
        masked = _QUOTED.sub(lambda m: " " * len(m.group()), line)
        _add_passages(result, masked, start_of_line)
    return result


def _add_passages(result: Fingerprint, line: str, line_start: int) -> None:
    """Cut one line into passages: clauses joined until each has MIN_PASSAGE characters, within a sentence."""
    group_text, group_start = "", -1
    last: tuple[str, int, int] | None = None  # the sentence's previous passage, not yet added
    for match in _PIECE.finditer(line):
        text = normalise(match.group())
        if text and group_start < 0:
            piece = match.group()
            group_start = match.start() + len(piece) - len(piece.lstrip())
        group_text += text
        if len(group_text) >= MIN_PASSAGE:
            if last is not None:
                result.add(last[0], line_start + last[1], line_start + last[2])
            last = (group_text, group_start, match.end())
            group_text, group_start = "", -1
        if match.group()[-1] in _SENTENCE_END:
            if group_text and last is not None:  # a short tail joins the sentence's last passage
                last = (last[0] + group_text, last[1], match.end())
            if last is not None:
                result.add(last[0], line_start + last[1], line_start + last[2])
            last, group_text, group_start = None, "", -1
    if group_text and last is not None:
        last = (last[0] + group_text, last[1], len(line))
    if last is not None:
        result.add(last[0], line_start + last[1], line_start + last[2])


# -- settings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RecycledSettings:
    """`review: recycled:` in collection.yml."""

    threshold: float = 0.5
    """Warn (R001–R003) when a report's recycled share is above this."""
    common_units: int | None = None
    """A passage in reports of at least this many units is a standard formulation; None: max(5, 10 % of units)."""
    min_chars: int = 100
    """No share is shown or warned about for a report with less compared text than this."""

    def common_for(self, units: int) -> int:
        return self.common_units or max(5, math.ceil(units * 0.1))


def recycled_settings(collection: Collection) -> tuple[RecycledSettings, list[Finding]]:
    """Read `review: recycled:`; problems are findings on collection.yml (C003), and the defaults stay."""
    review: Any = collection.settings.get("review")
    found: list[Finding] = []

    def problem(node: Any, key: str, text: str) -> None:
        line, col = safeyaml.key_position(node, key) if isinstance(node, dict) else (1, 1)
        found.append(rules.COLLECTION_FIELD.finding(collection.path, line, col, key=f"review.recycled.{key}", problem=text))

    if review is None:
        return RecycledSettings(), found
    section = review.get("recycled") if isinstance(review, dict) else None
    if not isinstance(section, dict):
        if isinstance(review, dict) and section is None:
            return RecycledSettings(), found
        line, col = safeyaml.key_position(review, "recycled") if isinstance(review, dict) else (1, 1)
        found.append(rules.COLLECTION_FIELD.finding(collection.path, line, col, key="review.recycled",
                                                    problem="应为“字段: 值”的映射，例如 {threshold: 0.5, common_units: 5}"))
        return RecycledSettings(), found
    values: dict[str, Any] = {}
    for key, value in section.items():
        if key == "threshold":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
                problem(section, key, "应为 0 到 1 之间的小数，例如 0.5 表示 50%")
            else:
                values[key] = float(value)
        elif key in ("common_units", "min_chars"):
            smallest = 2 if key == "common_units" else 1
            if isinstance(value, bool) or not isinstance(value, int) or value < smallest:
                problem(section, key, f"应为不小于 {smallest} 的整数")
            else:
                values[key] = value
        else:
            problem(section, key, "是未知设置：review.recycled 下只支持 threshold、common_units 和 min_chars")
    return RecycledSettings(**values), found


# -- matching -------------------------------------------------------------------------------------

EARLIER, OTHER = "earlier", "other"


@dataclass(frozen=True)
class Match:
    """A passage of the report found in a source report (at the source's passage `index`)."""

    source: Report
    index: int


@dataclass
class Passage:
    """A recycled passage of the report: its body offsets and the sources it stands in."""

    start: int
    end: int
    size: int
    category: str
    """EARLIER (the same unit's earlier reports) or OTHER (other units' reports)."""
    matches: list[Match]


@dataclass
class SourceShare:
    report: Report
    chars: int
    share: float


@dataclass
class Recycled:
    """What of one report is recycled, and from where."""

    report: Report
    compared: int
    """Normalised characters of the report's prose (headings and quotations excluded, standard formulations
    included: they are never recycled, but they are text of the report)."""
    passages: list[Passage]
    earlier: list[SourceShare]
    others: list[SourceShare]
    earlier_share: float
    other_share: float
    share: float
    """Either kind together."""

    def first(self, category: str | None = None) -> Passage | None:
        return next((p for p in self.passages if category is None or p.category == category), None)


@dataclass
class Analysis:
    """The recycled text of every report of a set (one edition, or the whole collection for `huibian check`)."""

    by_source: dict[str, Recycled]
    fingerprints: dict[str, Fingerprint]
    common_units: int
    settings: RecycledSettings
    reports: list[Report] = field(default_factory=list)
    """The reports compared, in order: what `postings` number."""
    postings: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    """Hash of a passage that stands in several reports -> (report number, passage number) of each."""

    def of(self, report: Report) -> Recycled | None:
        return self.by_source.get(report.source)

    def shown(self, report: Report) -> Recycled | None:
        """The result to show for `report`: None when nothing is recycled or too little text was compared."""
        found = self.of(report)
        if found is None or found.share < SHOWN_FROM or found.compared < self.settings.min_chars:
            return None
        return found

    def marked(self, report: Report) -> tuple[str, ...]:
        """The recycled text of a shown report as written in its body, neighbouring passages of a line joined."""
        found = self.shown(report)
        if found is None:
            return ()
        spans: list[list[int]] = []
        for passage in found.passages:
            gap = report.body[spans[-1][1] : passage.start] if spans else "\n"
            if spans and not normalise(gap) and "\n" not in gap:
                spans[-1][1] = passage.end
            else:
                spans.append([passage.start, passage.end])
        return tuple(report.body[start:end] for start, end in spans)

    def text(self, report: Report, passage_index: int) -> str:
        """The text of a report's passage `passage_index` as written in its body."""
        fprint = self.fingerprints[report.source]
        return report.body[fprint.starts[passage_index] : fprint.ends[passage_index]]


def analyse(reports: list[Report], fingerprints: dict[str, Fingerprint], settings: RecycledSettings,
            previous: Analysis | None = None) -> Analysis:
    """Every report's recycled passages among `reports`, from their fingerprints (by report source).

    With the `previous` analysis of the same reports in the same order (a live preview's rebuild), a
    report's result is taken over unless it, or a report sharing a passage with it, changed.
    """
    prints = [fingerprints[r.source] for r in reports]
    # Set operations in C do the counting: most passages stand in one report only, and the standard
    # formulations stand in thousands; neither needs a posting list.
    seen: set[int] = set()
    repeated: set[int] = set()
    by_unit: dict[str, set[int]] = {}
    for report, fprint in zip(reports, prints, strict=True):
        mine = set(fprint.hashes)
        repeated |= seen & mine
        seen |= mine
        by_unit.setdefault(report.unit, set()).update(mine)
    del seen
    common_units = settings.common_for(len(by_unit))
    units_of = Counter(chain.from_iterable(by_unit.values()))
    common = {h for h in repeated if units_of[h] >= common_units}
    wanted = repeated - common
    postings: dict[int, list[tuple[int, int]]] = {}
    for r, fprint in enumerate(prints):
        for j, h in enumerate(fprint.hashes):
            if h in wanted:
                postings.setdefault(h, []).append((r, j))
    redo = _affected(previous, reports, fingerprints, settings, postings)
    results: dict[str, Recycled] = {}
    for r, (report, fprint) in enumerate(zip(reports, prints, strict=True)):
        if redo is None or r in redo:
            results[report.source] = _recycled(r, report, fprint, reports, postings, common)
        else:
            assert previous is not None
            results[report.source] = previous.by_source[report.source]
    return Analysis(results, fingerprints, common_units, settings, list(reports), postings)


def _affected(previous: Analysis | None, reports: list[Report], fingerprints: dict[str, Fingerprint],
              settings: RecycledSettings, postings: dict[int, list[tuple[int, int]]]) -> set[int] | None:
    """The numbers of the reports whose result may differ from `previous`; None: all of them.

    A result depends on the report itself, on the reports its passages stand in (their unit and
    period) and on which passages are standard formulations. With the same reports in the same
    order, a passage can change in either respect only if a changed report had or has it; so only
    the changed reports and those sharing such a passage can change.
    """
    if previous is None or previous.settings != settings or len(previous.reports) != len(reports):
        return None
    changed: set[int] = set()
    for r, (before, now) in enumerate(zip(previous.reports, reports, strict=True)):
        if before.source != now.source or before.unit != now.unit or before.period != now.period:
            return None
        if before is not now or previous.fingerprints[before.source] is not fingerprints[now.source]:
            changed.add(r)
    touched: set[int] = set()
    for r in changed:
        touched.update(previous.fingerprints[reports[r].source].hashes)
        touched.update(fingerprints[reports[r].source].hashes)
    redo = set(changed)
    for h in touched:
        redo.update(s for s, _ in previous.postings.get(h, ()))
        redo.update(s for s, _ in postings.get(h, ()))
    return redo


def _recycled(
    r: int, report: Report, fprint: Fingerprint, reports: list[Report], postings: dict[int, list[tuple[int, int]]],
    common: set[int],
) -> Recycled:
    compared = 0
    passages: list[Passage] = []
    chars: dict[tuple[str, str], int] = {}
    named: dict[str, Report] = {}
    earlier_chars = other_chars = 0
    end = report.period.end
    for j, h in enumerate(fprint.hashes):
        size = fprint.sizes[j]
        compared += size
        if h in common:
            continue
        places = postings.get(h)
        if not places:
            continue
        own: list[Match] = []
        other: list[Match] = []
        for s, index in places:
            source = reports[s]
            if s == r:
                continue
            if source.unit == report.unit:
                if source.period.end < end:
                    own.append(Match(source, index))
            elif source.period.end <= end:
                other.append(Match(source, index))
        if not own and not other:
            continue
        category = EARLIER if own else OTHER
        matches = own or other
        passages.append(Passage(fprint.starts[j], fprint.ends[j], size, category, matches))
        if own:
            earlier_chars += size
        else:
            other_chars += size
        for source in {m.source.source: m.source for m in matches}.values():
            chars[(category, source.source)] = chars.get((category, source.source), 0) + size
            named[source.source] = source
    shares: dict[str, list[SourceShare]] = {EARLIER: [], OTHER: []}
    for (category, source_path), count in chars.items():
        shares[category].append(SourceShare(named[source_path], count, count / compared if compared else 0.0))
    for listed in shares.values():
        listed.sort(key=lambda s: (-s.chars, s.report.source))
    total = compared or 1
    return Recycled(report, compared, passages, shares[EARLIER], shares[OTHER], earlier_chars / total,
                    other_chars / total, (earlier_chars + other_chars) / total)


# -- findings -------------------------------------------------------------------------------------

def line_col(report: Report, offset: int) -> tuple[int, int]:
    """File line and column of a body offset."""
    line = report.body.count("\n", 0, offset)
    col = offset - (report.body.rfind("\n", 0, offset) + 1) + 1
    return report.body_line + line, col


def percent(share: float) -> str:
    """A share as users read it: 62%, or <1% for a little that would round to nothing."""
    return "<1%" if 0 < share < 0.005 else f"{math.floor(share * 100 + 0.5)}%"


def source_label(source: Report, collection: Collection, report: Report | None = None) -> str:
    """How a source is named to users: 2023年度意识形态工作 (same unit) or the unit's short name first."""
    kind = collection.kinds[source.kind].name if source.kind in collection.kinds else source.kind
    unit = collection.units[source.unit].short if source.unit in collection.units else source.unit
    label = source.period.label_with(kind)
    return label if report is not None and report.unit == source.unit else f"{unit}{label}"


def findings(analysis: Analysis, collection: Collection) -> list[Finding]:
    """R001–R003 for every report above the threshold, at the first recycled passage."""
    found = []
    threshold = analysis.settings.threshold
    for result in analysis.by_source.values():
        report = result.report
        if result.compared < analysis.settings.min_chars or result.share <= threshold:
            continue
        if result.earlier_share > threshold:
            rule, share, category, sources = rules.RECYCLED_EARLIER, result.earlier_share, EARLIER, result.earlier
        elif result.other_share > threshold:
            rule, share, category, sources = rules.RECYCLED_OTHER, result.other_share, OTHER, result.others
        else:
            rule, share, category, sources = rules.RECYCLED_MIXED, result.share, None, result.earlier + result.others
        first = result.first(category)
        assert first is not None  # a share above zero has a passage
        line, col = line_col(report, first.start)
        named = "、".join(f"{source_label(s.report, collection, report)}（{s.report.source}，{percent(s.share)}）"
                         for s in sources[:3])
        found.append(rule.finding(report.source, line, col, share=percent(share), threshold=percent(threshold),
                                  sources=named))
    return found


def _key(report: Report) -> str:
    return f"{report.source}\0{report.digest}"


# -- cache ----------------------------------------------------------------------------------------

CACHE_FILE = Path(".cache") / "huibian" / "recycled" / "fingerprints.json"
_FORMAT = 1


class RecycledCache:
    """Fingerprints of unchanged reports, kept between runs under each report's path and file digest
    (no file: every fingerprint is cut, nothing is kept)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.context = code_digest()
        self._previous = read_entries(path, _FORMAT, self.context) if path is not None else {}
        self._current: dict[str, str] = {}
        self.reused = 0

    def lookup(self, report: Report) -> Fingerprint:
        """The report's fingerprint: from the cache when its file is unchanged, else cut now (in any process)."""
        stored = Fingerprint.unpack(self._previous.get(_key(report))) if report.digest else None
        return stored if stored is not None else fingerprint(report)

    def keep(self, report: Report, fprint: Fingerprint) -> None:
        """Remember a report's fingerprint (from `lookup`, in this process or a worker) for the next run."""
        if report.digest and self.path is not None:
            packed = fprint.pack()
            self.reused += self._previous.get(_key(report)) == packed
            self._current[_key(report)] = packed

    def fingerprints(self, reports: Iterable[Report]) -> dict[str, Fingerprint]:
        """`lookup` and `keep` every report's fingerprint, by report source."""
        prints = {}
        for report in reports:
            prints[report.source] = self.lookup(report)
            self.keep(report, prints[report.source])
        return prints

    def save(self) -> None:
        if self.path is not None:
            write_entries(self.path, _FORMAT, self.context, self._current)
