"""The report linter: sections, numbering, placeholders, junk and front-matter consistency.

`lint_report(report, collection)` returns every finding for one valid report; `check_collection`
runs it for every report and then drops what the report's front matter (`ignore: [CODE]`) or the
collection's `lint: {ignore: {GLOB: [CODE]}}` section silences (`LintSettings.ignored`).

Codes are declared in `huibian.rules` (S structure, N numbering, T template placeholders,
J junk, K consistency, W wording); docs/rules.md is generated from there.
"""

from __future__ import annotations

import bisect
import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from huibian import rules, safeyaml
from huibian.collection import Collection, did_you_mean
from huibian.escaping import markdown_text
from huibian.findings import Finding, Severity
from huibian.junk import Junk, classify_junk
from huibian.placeholders import KIND_NOTE, KIND_STARS, KIND_YEAR, find_placeholders
from huibian.report import Report
from huibian.structure import Heading, Outline, PlainHeading, chinese_numeral, outside_code
from huibian.wording import find_wording

_LEVEL_NAMES = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
_QUOTE = re.compile(r"^[ \t]*>")
_HASHES = re.compile(r"^(#{1,6})(?:[ \t]*$|(?=[^#\s]))")
_INDENT = re.compile(r"^[ \t]*(?:>[ \t]*)*(\u3000+)")
# The first character of every line _QUOTE, _HASHES or _INDENT can match.
_ARTEFACT_START = frozenset(" \t>#\u3000")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年(度|上半年|下半年|第?[一二三四1-4]季度|[0-9]{1,2}月)?")
_EARLY = timedelta(days=31)


def number_marker(level: int, number: int, like: str = "") -> str:
    """The marker for `number` at `level`, e.g. (2, 3) → "（三）"; `like` keeps a "1、" style."""
    if level in (1, 2):
        numeral = chinese_numeral(number)
        return f"{numeral}、" if level == 1 else f"（{numeral}）"
    if level == 3:
        return f"{number}{like[-1] if like else '.'}"
    return f"（{number}）"


# -- settings ---------------------------------------------------------------------------------


@dataclass
class LintSettings:
    """The collection's `lint:` section.

    `ignore`: per-path ignores, like ruff's `per-file-ignores`; `kinds`: per kind of report,
    codes to ignore and severities to change (`{"summary": {"ignore": ("K003",), "severity": {...}}}`).
    """

    ignore: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    kind_ignore: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kind_severity: dict[str, dict[str, Severity]] = field(default_factory=dict)

    def ignored(self, finding: Finding, report: Report | None = None) -> bool:
        """True if `finding` is silenced by the report's `ignore:` or by the collection."""
        codes: list[str] = list(report.ignore) if report is not None else []
        if report is not None:
            codes.extend(self.kind_ignore.get(report.kind, ()))
        for pattern, extra in self.ignore:
            if _path_matches(finding.path, pattern):
                codes.extend(extra)
        return any(_code_matches(finding.code, code) for code in codes)

    def apply(self, findings: list[Finding], report: Report) -> list[Finding]:
        """Drop the silenced findings of `report` and apply its kind's severity changes."""
        kept = [f for f in findings if not self.ignored(f, report)]
        changes = self.kind_severity.get(report.kind)
        if not changes:
            return kept
        return [replace(f, severity=changes[f.code]) if f.code in changes else f for f in kept]


def _code_matches(code: str, wanted: str) -> bool:
    """`T001` silences T001; a prefix such as `T` or `N00` silences the whole group."""
    wanted = wanted.strip().upper()
    return bool(wanted) and (code == wanted or (len(wanted) < len(code) and code.startswith(wanted)))


def _path_matches(path: str, pattern: str) -> bool:
    candidates = [path]
    if path.startswith("reports/"):
        candidates.append(path[len("reports/") :])
    return any(fnmatch.fnmatchcase(c, pattern) or fnmatch.fnmatchcase(c, pattern.rstrip("/") + "/*") for c in candidates)


def lint_settings(collection: Collection) -> tuple[LintSettings, list[Finding]]:
    """Read `lint:` from collection.yml; problems are findings on collection.yml."""
    settings = LintSettings()
    found: list[Finding] = []
    section: Any = collection.settings.get("lint")
    if section is None:
        return settings, found

    def problem(node: Any, key: str, where: str, text: str) -> None:
        line, col = safeyaml.key_position(node, key) if isinstance(node, dict) else (1, 1)
        found.append(rules.COLLECTION_FIELD.finding(collection.path, line, col, key=where, problem=text))

    if not isinstance(section, dict):
        found.append(rules.COLLECTION_FIELD.finding(collection.path, 1, 1, key="lint", problem="应为“字段: 值”的映射"))
        return settings, found
    for key in section:
        if key not in ("ignore", "kinds"):
            problem(section, key, f"lint.{key}", "是未知设置：lint 下只支持 ignore 和 kinds")

    def codes_of(node: Any, key: str, where: str) -> tuple[str, ...] | None:
        codes = node.get(key)
        if isinstance(codes, str):
            codes = [codes]
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            problem(node, key, where, "应为规则代码的列表，例如 [T001, N004]")
            return None
        unknown = [c for c in codes if not any(_code_matches(code, c) for code in rules.RULES)]
        if unknown:
            problem(node, key, where, f"中的规则代码“{'、'.join(unknown)}”不存在，见 docs/rules.md")
        return tuple(str(c) for c in codes)

    ignore = section.get("ignore")
    if ignore is not None and not isinstance(ignore, dict):
        problem(section, "ignore", "lint.ignore", "应为“路径模式: [规则代码, …]”的映射，例如 \"reports/kfq/*\": [T001]")
    elif ignore is not None:
        for pattern in ignore:
            codes = codes_of(ignore, pattern, f"lint.ignore.{pattern}")
            if codes is not None:
                settings.ignore.append((str(pattern), codes))
    kinds = section.get("kinds")
    if kinds is not None and not isinstance(kinds, dict):
        problem(section, "kinds", "lint.kinds", "应为“报告类别: {ignore: [...], severity: {...}}”的映射")
    elif kinds is not None:
        for kind, spec in kinds.items():
            where = f"lint.kinds.{kind}"
            if kind not in collection.kinds:
                problem(kinds, kind, where, f"中的报告类别“{kind}”不存在{did_you_mean(kind, list(collection.kinds))}")
                continue
            if not isinstance(spec, dict):
                problem(kinds, kind, where, "应包含 ignore 或 severity")
                continue
            for key in spec:
                if key not in ("ignore", "severity"):
                    problem(spec, key, f"{where}.{key}", "是未知设置：只支持 ignore 和 severity")
            if "ignore" in spec:
                codes = codes_of(spec, "ignore", f"{where}.ignore")
                if codes is not None:
                    settings.kind_ignore[str(kind)] = codes
            severity = spec.get("severity")
            if severity is None:
                continue
            if not isinstance(severity, dict):
                problem(spec, "severity", f"{where}.severity", "应为“规则代码: error 或 warning”的映射")
                continue
            for code, level in severity.items():
                if code not in rules.RULES or level not in ("error", "warning"):
                    problem(severity, code, f"{where}.severity.{code}", "应为已有的规则代码，值为 error 或 warning")
                    continue
                settings.kind_severity.setdefault(str(kind), {})[str(code)] = Severity(level)
    return settings, found


# -- the linter -------------------------------------------------------------------------------


def lint_report(report: Report, collection: Collection) -> list[Finding]:
    """Every linter finding for one report (before ignores are applied)."""
    outline = report.outline
    linter = _Linter(report, collection, outline)
    linter.sections()
    linter.numbering()
    linter.lines()
    linter.consistency()
    return linter.findings


class _Linter:
    def __init__(self, report: Report, collection: Collection, outline: Outline) -> None:
        self.report = report
        self.collection = collection
        self.outline = outline
        self.path = report.source
        self.findings: list[Finding] = []
        title = report.title.strip()
        # A "# 标题" repeating the report title is not a section.
        self.plain = [p for p in outline.plain if not (p.depth == 1 and (p.text == title or title in p.text))]

    def add(self, rule: rules.Rule, line: int, col: int, **values: object) -> None:
        self.findings.append(rule.finding(self.path, line, col, None, **values))

    # -- sections ---------------------------------------------------------------------------
    def sections(self) -> None:
        titles = [h.text for h in self.outline.headings] + [p.text for p in self.plain]
        body = self.report.body
        text = body.lstrip()
        first = body.count("\n", 0, len(body) - len(text)) if text else 0  # the first non-blank line
        start = self.report.body_line + first
        if not titles:
            self.add(rules.NO_SECTIONS, start, 1)
        kind = self.collection.kinds.get(self.report.kind)
        for section in kind.sections if kind else ():
            if not any(s and s in text for s in section.synonyms for text in titles):
                others = "、".join(f"“{s}”" for s in section.synonyms if s != section.name)
                self.findings.append(
                    rules.MISSING_SECTION.finding(
                        self.path, start, 1, section.severity, name=section.name,
                        kind=kind.name if kind else "", synonyms=others or "同义的标题",
                    )
                )
        items: list[Heading | PlainHeading] = [*self.outline.headings, *self.plain]
        items.sort(key=lambda h: h.line)
        for index, item in enumerate(items):
            nxt = items[index + 1] if index + 1 < len(items) else None
            if isinstance(item, Heading):
                if item.run_in or item.has_content or item.children:
                    continue
                if isinstance(nxt, PlainHeading) and (item.md_depth is None or nxt.depth > item.md_depth):
                    continue  # an unnumbered sub-heading ("### 小结") is content of this section
                if item.md_depth is None and item.level > 2:
                    continue  # a bare "1.加强学习。" line is a short list item, not a section
                self.add(rules.EMPTY_SECTION, item.line, item.col, marker=item.marker, text=item.text)
            else:
                if item.has_content:
                    continue
                child = nxt is not None and (
                    (isinstance(nxt, PlainHeading) and nxt.depth > item.depth)
                    or (isinstance(nxt, Heading) and (nxt.md_depth is None or nxt.md_depth > item.depth))
                )
                if not child:
                    self.add(rules.EMPTY_SECTION, item.line, item.col, marker="", text=item.text)

    # -- numbering --------------------------------------------------------------------------
    def numbering(self) -> None:
        self._siblings(self.outline.roots, None)
        depths: dict[int, Heading] = {}
        for heading in self.outline.headings:
            if heading.md_depth is None:
                continue
            first = depths.setdefault(heading.level, heading)
            if first.md_depth != heading.md_depth:
                self.add(
                    rules.DEPTH_MIXED, heading.line, heading.col, marker=heading.marker, depth=heading.md_depth,
                    other=first.marker, other_line=first.line, other_depth=first.md_depth,
                )
        parens = [h for h in self.outline.headings if h.level in (2, 4)]
        if any(not h.halfwidth for h in parens):
            for heading in parens:
                if heading.halfwidth:
                    fixed = heading.marker.replace("(", "（").replace(")", "）")
                    self.add(rules.HALFWIDTH_MARKER, heading.line, heading.col, marker=heading.marker, fixed=fixed)
        self._enumerations()

    def _siblings(self, siblings: list[Heading], parent: Heading | None) -> None:
        by_level: dict[int, list[Heading]] = {}
        for heading in siblings:
            by_level.setdefault(heading.level, []).append(heading)
        for level, group in by_level.items():
            self._sequence(level, group)
            self._skipped_level(level, group[0], parent)
        for heading in siblings:
            self._siblings(heading.children, heading)

    def _sequence(self, level: int, group: list[Heading]) -> None:
        seen: dict[int, Heading] = {}
        previous = 0
        for index, heading in enumerate(group):
            number = heading.number
            expected = previous + 1
            if index == 0 and number != 1:
                self.add(
                    rules.NUMBER_START, heading.line, heading.col, marker=heading.marker,
                    first=number_marker(level, 1, heading.marker),
                )
            elif number == 1 and index > 0 and level >= 3:
                seen = {}  # a new list under the same parent restarts at 1
            elif number in seen:
                self.add(
                    rules.NUMBER_DUPLICATE, heading.line, heading.col, marker=heading.marker,
                    first=seen[number].line, expected=number_marker(level, expected, heading.marker),
                )
            elif index > 0 and number > expected:
                skipped = [f"“{number_marker(level, n, heading.marker)}”" for n in range(expected, number)]
                missing = "、".join(skipped) if len(skipped) <= 5 else "、".join(skipped[:3]) + f"等 {len(skipped)} 项"
                self.add(
                    rules.NUMBER_GAP, heading.line, heading.col, marker=heading.marker,
                    expected=number_marker(level, expected, heading.marker), missing=missing,
                )
            seen.setdefault(number, heading)
            previous = number

    def _skipped_level(self, level: int, heading: Heading, parent: Heading | None) -> None:
        parent_level = parent.level if parent else 0
        if level <= parent_level + 1:
            return
        if parent is not None and level - parent_level < 3:
            return  # "1." directly under "一、" is common practice; only "（1）" under "一、" is flagged
        if parent is None and any(p.line < heading.line for p in self.plain):
            return  # under an unnumbered Markdown heading the level is the author's choice
        where = f"“{parent.marker}{parent.text[:12]}”" if parent else "报告标题"
        missing = "”“".join(_LEVEL_NAMES[n] for n in range(parent_level + 1, level))
        self.add(rules.LEVEL_SKIPPED, heading.line, heading.col, marker=heading.marker, level=level, parent=where,
                 missing=missing)

    def _enumerations(self) -> None:
        starts = sorted([h.line for h in self.outline.headings] + [p.line for p in self.outline.plain])
        previous = 0
        section = -1
        for enum in self.outline.enumerations:
            current = bisect.bisect_right(starts, enum.line)
            if current != section:
                section, previous = current, 0
            if enum.ordinal != 1 and enum.ordinal != previous + 1:
                self.add(
                    rules.ENUMERATION_GAP, enum.line, enum.col, found=chinese_numeral(enum.ordinal),
                    expected=chinese_numeral(previous + 1),
                )
            previous = enum.ordinal

    # -- line rules: placeholders, junk and wording ------------------------------------------
    def lines(self) -> None:
        body = self.report.body.split("\n")
        for index in outside_code(body):
            line = body[index].rstrip("\r")
            line_no = self.report.body_line + index
            if not line.strip():
                continue
            self._placeholders(line, line_no)
            self._junk(line, line_no)
            self._wording(line, line_no)

    def _placeholders(self, line: str, line_no: int) -> None:
        for item in find_placeholders(line):
            rule = {
                KIND_STARS: rules.PLACEHOLDER_STARS, KIND_YEAR: rules.PLACEHOLDER_YEAR, KIND_NOTE: rules.EDITORIAL_NOTE,
            }.get(item.kind, rules.PLACEHOLDER_X)
            self.add(rule, line_no, item.col, text=item.text)

    def _wording(self, line: str, line_no: int) -> None:
        for hit in find_wording(line):
            note = f"（{hit.note}）" if hit.note else ""
            self.add(rules.RULES[hit.code], line_no, hit.col, wrong=hit.wrong, right=hit.right, note=note)

    def _junk(self, line: str, line_no: int) -> None:
        content = line.lstrip(" \t>")
        junk = classify_junk(content)
        if junk:
            rule = rules.rule(junk.kind.code)
            severity = None if junk.certain else Severity.WARNING
            col = len(line) - len(content) + junk.start + 1
            self.findings.append(rule.finding(
                self.path, line_no, col, severity, reason=junk.reason, text=junk.text[:40], advice=_junk_advice(junk)
            ))
        if line[0] not in _ARTEFACT_START:
            return
        quote = _QUOTE.match(line)
        if quote:
            self.add(rules.QUOTE_ARTEFACT, line_no, quote.end())
        hashes = _HASHES.match(line)
        if hashes:
            problem = "是一个空标题" if not line[hashes.end() :].strip() else "后面缺少空格，会原样显示在正文里"
            self.add(rules.HASH_ARTEFACT, line_no, 1, hashes=hashes.group(1), problem=problem)
        indent = _INDENT.match(line)
        if indent:
            self.add(rules.FULLWIDTH_INDENT, line_no, indent.start(1) + 1, count=len(indent.group(1)))

    # -- consistency between front matter and text -------------------------------------------
    def consistency(self) -> None:
        report = self.report
        title_line = report.line_of("title")
        unit = self.collection.units.get(report.unit)
        if unit is not None:
            own = _unit_forms(self.collection, report.unit)
            if not any(form in report.title for form in own):
                for other in self.collection.units_in_order():
                    if other.id == report.unit:
                        continue
                    named = next((f for f in (other.name, other.short) if f and f in report.title and f not in own), None)
                    if named and not any(named in form for form in own):
                        self.add(rules.TITLE_OTHER_UNIT, title_line, 1, named=named, unit=unit.id, name=unit.name)
                        break
        named_period = _period_conflict(report)
        if named_period:
            self.add(
                rules.TITLE_OTHER_PERIOD, title_line, 1, named=named_period, period=report.period.code,
                label=report.period.label,
            )
        for code in report.ignore:
            if not any(_code_matches(known, code) for known in rules.RULES):
                hint = did_you_mean(code.upper(), list(rules.RULES)) if len(code) > 1 else ""
                self.add(rules.UNKNOWN_IGNORE, report.line_of("ignore"), 1, code=code, hint=hint)
        when = report.date
        period = report.period
        if when is not None and period.start - _EARLY <= when < period.end:
            self.add(
                rules.DATE_BEFORE_END, report.line_of("date"), 1, date=when.isoformat(), label=period.label,
                end=period.end.isoformat(),
            )


def _junk_advice(junk: Junk) -> str:
    if not junk.certain:
        return f"如果不是报告的内容请删除；确是正文的，可在元数据中写 ignore: [{junk.kind.code}]"
    return "请删除这一部分，保留这一行的正文" if junk.partial else "请删除这一行"


def _unit_forms(collection: Collection, unit_id: str) -> list[str]:
    """Names a title may use for the unit: its own and its ancestors'."""
    forms: list[str] = []
    seen: set[str] = set()
    current = collection.units.get(unit_id)
    while current is not None and current.id not in seen:
        seen.add(current.id)
        forms.extend(f for f in (current.name, current.short) if f)
        current = collection.units.get(current.parent) if current.parent else None
    return forms


def _period_conflict(report: Report) -> str | None:
    """The period named in the title when it contradicts the front matter, else None."""
    m = _YEAR_IN_TITLE.search(report.title)
    if not m:
        return None
    year, part = int(m.group(1)), m.group(2) or ""
    period = report.period
    code_part = period.code.partition("-")[2]
    if year != period.year:
        return m.group(0)
    if not part:
        return None
    if part == "度":
        ok = code_part == ""
    elif part == "上半年":
        ok = code_part == "H1"
    elif part == "下半年":
        ok = code_part == "H2"
    elif part.endswith("季度"):
        digit = part.lstrip("第")[0]
        quarter = "一二三四".index(digit) + 1 if digit in "一二三四" else int(digit)
        ok = code_part == f"Q{quarter}"
    else:
        ok = code_part == f"{int(part[:-1]):02d}"
    return None if ok else m.group(0)


# -- the preview box ----------------------------------------------------------------------------

MAX_BOX_FINDINGS = 100
"""The preview box lists at most this many findings; `huibian check` lists them all."""
_HEADING_LINE = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")


def findings_admonition(report: Report, findings: list[Finding], slugify: Callable[[str], str]) -> str:
    """A Chinese admonition listing `findings` of `report`, each linked to its section's anchor.

    `slugify` turns heading text into the anchor the page's table of contents uses.
    """
    if not findings:
        return ""
    body_lines = report.body.split("\n")
    anchors: list[tuple[int, str, str]] = []
    seen: dict[str, int] = {}
    for index, line in enumerate(body_lines):
        m = _HEADING_LINE.match(line)
        if m and m.group(1).strip():
            text = m.group(1).replace("**", "").strip()
            slug = slugify(text)
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            anchors.append((report.body_line + index, text, slug if not count else f"{slug}_{count}"))
    errors = sum(f.severity is Severity.ERROR for f in findings)
    kind = "danger" if errors else "warning"
    head = f"检查发现 {len(findings)} 个问题（{errors} 个错误，{len(findings) - errors} 个警告），请作者修改"
    lines = [f'!!! {kind} "{head}"', ""]
    starts = [a[0] for a in anchors]
    ordered = sorted(findings, key=lambda f: (f.line, f.col, f.code))
    for finding in ordered[:MAX_BOX_FINDINGS]:
        where = f"第 {finding.line} 行第 {finding.col} 列"
        position = bisect.bisect_right(starts, finding.line)
        section = anchors[position - 1] if position else None
        if finding.line < report.body_line:
            where += "（元数据）"
        elif section is not None:
            where += f"，见 [{markdown_text(section[1], code_spans=True)}](#{section[2]})"
        message = markdown_text(finding.message, code_spans=True)
        lines.append(f"    - **{finding.severity.label} {finding.code}** {where}：{message}")
    if len(ordered) > MAX_BOX_FINDINGS:
        lines.append(f"    - ……另有 {len(ordered) - MAX_BOX_FINDINGS} 个问题，请运行 `huibian check {report.source}` 查看全部")
    lines.append("")
    return "\n".join(lines) + "\n"

