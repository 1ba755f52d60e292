"""One report: its front matter, validated against the schema and the collection, and its body."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

from huibian import rules, safeyaml, schema
from huibian.body_limits import body_problem
from huibian.collection import Collection, did_you_mean
from huibian.findings import Finding, Severity
from huibian.periods import Period, parse_period
from huibian.sources import MAX_BYTES, DecodeProblem, decode
from huibian.structure import Outline, parse_structure

_FENCE_LINE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# A report written long before its period began, or years after it ended, is probably mislabelled.
_EARLY = timedelta(days=31)
_LATE = timedelta(days=366)
MAX_FRONT_MATTER = 20_000
"""Characters between the two `---` lines: a few short fields; the limit keeps YAML's memory bounded."""


@dataclass
class Report:
    """A parsed report. `source` is the path shown to users (relative to the project)."""

    source: str
    title: str
    unit: str
    period: Period
    kind: str
    body: str
    body_line: int
    """File line number of the body's first line."""
    date: date | None = None
    classification: str = "internal"
    status: str = "final"
    tags: tuple[str, ...] = ()
    author: str = ""
    summary: str = ""
    ignore: tuple[str, ...] = ()
    index: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)
    suffix: str = ""
    """Set when the (unit, period, kind) slot is taken by another report, to keep URLs unique."""
    digest: str = ""
    """SHA-256 of the file's bytes: what caches of per-report results are keyed by."""

    @property
    def id(self) -> str:
        return f"{self.unit}/{self.period.slug}-{self.kind}{self.suffix}"

    @property
    def url(self) -> str:
        """Page URL relative to the site root."""
        return f"reports/{self.id}/"

    @property
    def src_uri(self) -> str:
        """The virtual Markdown path of the report page in the site."""
        return f"reports/{self.id}.md"

    @property
    def is_public(self) -> bool:
        return self.classification == "public" and self.status == "final"

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, 1)

    @cached_property
    def outline(self) -> Outline:
        """Headings, sections and enumerations of the body (file line numbers), parsed once for lint and page."""
        return parse_structure(self.body, self.body_line)

    @cached_property
    def run_in_heads(self) -> tuple[str, ...]:
        """Paragraph headings and the heading sentences of run-in ones (“（一）加强组织领导。正文……”), in order.

        The report's page sets them in bold after Markdown (huibian.html_blocks.wrap): as `**…**`
        in the Markdown they cost a fifth of the conversion of a report.
        """
        lines = self.body.split("\n")
        heads = []
        for heading in self.outline.headings:
            if heading.md_depth is not None:
                continue
            line = lines[heading.line - self.body_line]
            start = heading.col - 1
            head = heading.marker + heading.text
            if line[start : start + len(head)] == head and "*" not in head and "**" not in line[:start]:
                heads.append(head)
        return tuple(heads)

    def __getstate__(self) -> dict[str, Any]:
        """Without the outline: check's worker processes send reports back to the parent, as small as they can."""
        state = self.__dict__.copy()
        state.pop("outline", None)
        return state


def read_report(path: Path, source: str, collection: Collection | None) -> tuple[Report | None, list[Finding]]:
    """Read and validate one report file. Never raises for bad content."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [rules.TOO_LARGE.finding(source, size=size, limit=MAX_BYTES)]
        data = path.read_bytes()
    except OSError as exc:
        return None, [rules.UNREADABLE.finding(source, problem=exc.strerror or str(exc))]
    return parse_report(data, source, collection)


def parse_report(data: bytes, source: str, collection: Collection | None) -> tuple[Report | None, list[Finding]]:
    """Parse report bytes; return the report (None if unusable) and all findings."""
    try:
        text = decode(data).text
    except DecodeProblem as problem:
        return None, [rules.NOT_UTF8.finding(source, problem.line, encoding=problem.guess, file=source)]
    if not text.strip():
        return None, [rules.EMPTY_FILE.finding(source)]
    # Found without splitting the whole file into lines: a huge report costs its size, not 10 times it.
    first_end = text.find("\n")
    first_end = len(text) if first_end == -1 else first_end
    if not _FENCE_LINE.match(text, 0, first_end) or text.startswith("..."):
        return None, [rules.NO_FRONT_MATTER.finding(source)]
    closing = _FENCE_LINE.search(text, first_end + 1) if first_end < len(text) else None
    if closing is None:
        return None, [
            rules.FRONT_MATTER_YAML.finding(source, 1, 1, problem="元数据没有结束：请在字段之后加一行 ---")
        ]
    end = text.count("\n", 0, closing.start())  # the closing fence's line index
    front = text[first_end + 1 : max(first_end + 1, closing.start() - 1)]
    if len(front) > MAX_FRONT_MATTER:  # parsed with line numbers, YAML takes ~70 times its size in memory
        return None, [rules.FRONT_MATTER_TOO_LARGE.finding(source, 2, 1, size=len(front), limit=MAX_FRONT_MATTER)]
    try:
        meta = safeyaml.load(front)
    except safeyaml.YamlProblem as problem:
        code = rules.UNSAFE_YAML if problem.unsafe else rules.FRONT_MATTER_YAML
        return None, [code.finding(source, problem.line + 1, problem.col, problem=problem.message)]
    if not isinstance(meta, dict):
        found = "空的" if meta is None else ("列表" if isinstance(meta, list) else f"“{meta}”")
        return None, [rules.FRONT_MATTER_SHAPE.finding(source, 2, 1, found=found)]
    body = text[closing.end() + 1 :]
    unconvertible = body_problem(body, end + 2, source)
    report, findings = _Validator(source, meta, collection).report(body, end + 2)
    if unconvertible:  # never handed to the Markdown converter
        return None, [*findings, unconvertible]
    if report is not None:
        report.digest = hashlib.sha256(data).hexdigest()
    return report, findings


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    if isinstance(value, str):
        return f"文字“{value}”"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "“字段: 值”映射"
    return "空值"


class _Validator:
    def __init__(self, source: str, meta: dict[str, Any], collection: Collection | None) -> None:
        self.source = source
        self.meta = meta
        self.collection = collection
        self.findings: list[Finding] = []
        self.lines = {key: safeyaml.key_position(meta, key)[0] + 1 for key in meta}

    def add(self, rule: rules.Rule, key: str, **values: Any) -> None:
        line = self.lines.get(key, 1)
        col = safeyaml.key_position(self.meta, key)[1] if key in self.lines else 1
        self.findings.append(rule.finding(self.source, line, col, **values))

    def text(self, key: str) -> str | None:
        value = self.meta.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            hint = "：请写成一段文字" if key != "title" else "：标题请写成一行文字"
            self.add(rules.WRONG_TYPE, key, field=key, expected="一段文字", found=_describe(value), hint=hint)
            return None
        return str(value).strip()

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.meta.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            example = f"：请写成列表，例如 {key}: [{value}]" if isinstance(value, str) else ""
            self.add(rules.WRONG_TYPE, key, field=key, expected="列表", found=_describe(value), hint=example)
            return ()
        bad = [item for item in value if isinstance(item, (list, dict)) or item is None]
        if bad:
            self.add(rules.WRONG_TYPE, key, field=key, expected="文字的列表", found="嵌套的列表或映射", hint="")
            return ()
        return tuple(str(item).strip() for item in value)

    def report(self, body: str, body_line: int) -> tuple[Report | None, list[Finding]]:
        for key in self.meta:
            if key not in schema.BY_NAME:
                self.add(rules.UNKNOWN_KEY, key, field=key, hint=did_you_mean(key, list(schema.FIELD_NAMES)))
        for spec in schema.FIELDS:
            if spec.required and self.meta.get(spec.name) in (None, ""):
                where = spec.name if spec.name in self.lines else ""
                line = self.lines.get(where, 1)
                self.findings.append(
                    rules.MISSING_FIELD.finding(
                        self.source, line, 1, field=spec.name, meaning=spec.title, example=f"{spec.name}: {spec.example}"
                    )
                )
        title = self.text("title")
        unit = self.check_id("unit", rules.UNKNOWN_UNIT, self.collection.units if self.collection else None)
        kind = self.check_id("kind", rules.UNKNOWN_KIND, self.collection.kinds if self.collection else None)
        period = self.check_period()
        report_date = self.check_date(period)
        classification = self.check_choice("classification", "internal")
        status = self.check_choice("status", "final")
        tags = self.check_tags(self.text_list("tags"))
        author, summary = self.text("author") or "", self.text("summary") or ""
        ignore = self.text_list("ignore")
        index = self.text_list("index")
        if any(f.severity is Severity.ERROR for f in self.findings) or not (title and unit and kind and period):
            return None, self.findings
        report = Report(
            self.source, title, unit, period, kind, body, body_line, report_date, classification, status, tags,
            author, summary, ignore, index, dict(self.meta), dict(self.lines),
        )
        return report, self.findings

    def check_id(self, key: str, rule: rules.Rule, known: Mapping[str, object] | None) -> str | None:
        value = self.text(key)
        if value is None or value == "":
            return None
        if known is not None and value not in known:
            self.add(rule, key, value=value, hint=did_you_mean(value, list(known)))
            return None
        return value

    def check_tags(self, tags: tuple[str, ...]) -> tuple[str, ...]:
        """Keep the tags collection.yml allows; each other tag is a finding (not a silent new tag)."""
        if self.collection is None or not self.collection.tags:
            return tags
        allowed = list(self.collection.tags)
        for tag in tags:
            if tag not in allowed:
                self.add(rules.UNKNOWN_TAG, "tags", value=tag, hint=did_you_mean(tag, allowed))
        return tuple(t for t in tags if t in allowed)

    def check_period(self) -> Period | None:
        value = self.meta.get("period")
        if value in (None, ""):
            return None
        period = parse_period(value)
        if period is None:
            self.add(rules.BAD_PERIOD, "period", value=value)
        return period

    def check_date(self, period: Period | None) -> date | None:
        value = self.meta.get("date")
        if value in (None, ""):
            return None
        match = _DATE.match(str(value).strip()) if isinstance(value, str) else None
        if not match:
            self.add(rules.BAD_DATE, "date", value=value, problem="格式不对")
            return None
        try:
            parsed = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            self.add(rules.BAD_DATE, "date", value=value, problem="不存在")
            return None
        if period and not (period.start - _EARLY <= parsed <= period.end + _LATE):
            self.add(
                rules.DATE_OUTSIDE_PERIOD, "date", date=parsed.isoformat(), period=period.label,
                start=period.start.isoformat(), end=period.end.isoformat(),
            )
        return parsed

    def check_choice(self, key: str, default: str) -> str:
        value = self.text(key)
        if value is None:
            return default
        choices = schema.BY_NAME[key].choices
        if value not in choices:
            self.add(rules.BAD_VALUE, key, field=key, value=value, allowed="、".join(choices))
            return default
        return value
