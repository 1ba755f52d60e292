"""`reports/collection.yml`: the collection's title, units, kinds of report and expectations."""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from huibian import rules, safeyaml
from huibian.displayed_text import markup_in
from huibian.findings import Finding, Severity
from huibian.periods import Period, parse_period

COLLECTION_FILE = "collection.yml"
SAFE_ID = re.compile(r"[a-z0-9_-]+\Z")
"""What a unit's or kind's id may hold: it becomes part of URLs and of file names under site/."""


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    short: str
    order: int
    parent: str | None = None


@dataclass(frozen=True)
class SectionRule:
    """A section a kind of report must have, found by any of its synonyms."""

    id: str
    name: str
    synonyms: tuple[str, ...]
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class Kind:
    id: str
    name: str
    title: str
    sections: tuple[SectionRule, ...] = ()


@dataclass(frozen=True)
class Expectation:
    kind: str
    units: tuple[str, ...]
    periods: tuple[Period, ...]


@dataclass
class Collection:
    title: str
    issuer: str
    units: dict[str, Unit]
    kinds: dict[str, Kind]
    expectations: list[Expectation] = field(default_factory=list)
    tags: tuple[str, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    """Further top-level sections (`pdf`, `import`, `lint`, …) for the modules that read them."""
    path: str = "reports/collection.yml"
    digest: str = ""
    """SHA-256 of collection.yml's text, for caches whose results depend on the collection."""

    def units_in_order(self) -> list[Unit]:
        return sorted(self.units.values(), key=lambda u: (u.order, u.id))

    def children(self, unit_id: str) -> list[Unit]:
        return [u for u in self.units_in_order() if u.parent == unit_id]

    def owed(self) -> set[tuple[str, Period, str]]:
        """Every (unit, period, kind) some unit owes."""
        return {(u, p, e.kind) for e in self.expectations for u in e.units for p in e.periods}


def did_you_mean(value: object, choices: list[str]) -> str:
    """A Chinese hint naming the closest choice, or listing the choices."""
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
    if close:
        return f"，是不是“{close[0]}”？"
    if len(choices) <= 12:
        return "，可选：" + "、".join(choices)
    return ""


KNOWN_SECTIONS = {"title", "issuer", "units", "kinds", "expectations", "tags"}


def load_collection(reports_dir: Path, display: str | None = None) -> tuple[Collection | None, list[Finding]]:
    """Load and validate `collection.yml` in `reports_dir`.

    Returns the collection (None when it is unusable) and every finding, each naming the key.
    """
    path = reports_dir / COLLECTION_FILE
    shown = display or path.as_posix()
    if not path.is_file():
        return None, [rules.COLLECTION_MISSING.finding(shown, file=shown)]
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [rules.NOT_UTF8.finding(shown, encoding="非 UTF-8", file=shown)]
    try:
        data = safeyaml.load(text, allow_aliases=True, max_nodes=200_000)
    except safeyaml.YamlProblem as problem:
        code = rules.COLLECTION_YAML
        return None, [code.finding(shown, problem.line, problem.col, problem=problem.message)]
    collection, findings = _Reader(shown).read(data)
    if collection is not None:
        collection.digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return collection, findings


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []
        self.markup: list[Finding] = []
        """C006: markup in a displayed name. The pages escape it, so the collection stays usable."""

    def problem(self, node: Any, key: str, problem: str, where: str | None = None) -> None:
        line, col = safeyaml.key_position(node, key)
        self.findings.append(rules.COLLECTION_FIELD.finding(self.path, line, col, key=where or key, problem=problem))

    def text(self, node: Any, key: str, where: str, required: bool = True) -> str | None:
        value = node.get(key)
        if value is None:
            if required:
                line = getattr(node, "line", 1)
                self.findings.append(
                    rules.COLLECTION_FIELD.finding(self.path, line, 1, key=where, problem="缺失，这是必填项")
                )
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.problem(node, key, "应为一段文字", where)
            return None
        return str(value).strip()

    def displayed(self, node: Any, key: str, where: str, required: bool = True) -> str | None:
        """`text` for a name the site and PDFs show: markup in it is a finding (C006)."""
        value = self.text(node, key, where, required)
        markup = markup_in(value) if value else None
        if markup:
            line, col = safeyaml.key_position(node, key)
            self.markup.append(rules.COLLECTION_MARKUP.finding(self.path, line, col, key=where, markup=markup))
        return value

    def identifier(self, node: Any, where: str) -> str | None:
        """`text` for an `id`, which must be safe in URLs and file names (C007)."""
        value = self.text(node, "id", where)
        if value is not None and not SAFE_ID.match(value):
            line, col = safeyaml.key_position(node, "id")
            self.findings.append(rules.UNSAFE_ID.finding(self.path, line, col, key=where, value=value))
            return None
        return value

    def items(self, node: Any, key: str) -> list[Any]:
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(node, key, "应为列表（每项以“- ”开头）")
            return []
        return value

    def read(self, data: Any) -> tuple[Collection | None, list[Finding]]:
        if not isinstance(data, dict):
            self.findings.append(
                rules.COLLECTION_FIELD.finding(self.path, 1, 1, key="（整个文件）", problem="应为“字段: 值”的映射")
            )
            return None, self.findings
        title = self.displayed(data, "title", "title") or ""
        issuer = self.displayed(data, "issuer", "issuer") or ""
        units = self.read_units(data)
        kinds = self.read_kinds(data)
        expectations = self.read_expectations(data, units, kinds)
        tags = self.read_tags(data)
        settings = {k: v for k, v in data.items() if k not in KNOWN_SECTIONS}
        collection = Collection(title, issuer, units, kinds, expectations, tags, settings, self.path)
        usable = not any(f.severity is Severity.ERROR for f in self.findings)
        return (collection if usable else None), self.findings + self.markup

    def read_tags(self, data: Any) -> tuple[str, ...]:
        raw = self.items(data, "tags")
        tags = tuple(str(t) for t in raw)
        for position, tag in enumerate(tags):
            markup = markup_in(tag)
            if markup:
                line = raw.item_lines[position] if isinstance(raw, safeyaml.Sequence) else 1
                self.markup.append(rules.COLLECTION_MARKUP.finding(self.path, line, 1, key="tags", markup=markup))
        return tags

    def read_units(self, data: Any) -> dict[str, Unit]:
        units: dict[str, Unit] = {}
        raw = self.items(data, "units")
        if not raw:
            self.problem(data, "units", "缺失或为空：至少要列出一个报送单位")
        for index, item in enumerate(raw):
            where = f"units[{index}]"
            if not isinstance(item, dict):
                self.problem(data, "units", "的每一项应包含 id、name 等字段", where)
                continue
            uid = self.identifier(item, f"{where}.id")
            name = self.displayed(item, "name", f"{where}.name")
            if uid is None or name is None:
                continue
            if uid in units:
                line, col = safeyaml.key_position(item, "id")
                self.findings.append(rules.COLLECTION_DUPLICATE.finding(self.path, line, col, what="单位", value=uid))
                continue
            order = item.get("order", (index + 1) * 10)
            if isinstance(order, bool) or not isinstance(order, int):
                self.problem(item, "order", "应为整数", f"{where}.order")
                order = (index + 1) * 10
            short = self.displayed(item, "short", f"{where}.short", required=False) or name
            parent = self.text(item, "parent", f"{where}.parent", required=False)
            units[uid] = Unit(uid, name, short, order, parent)
        for index, unit in enumerate(units.values()):
            if unit.parent is not None and unit.parent not in units:
                item = raw[index] if index < len(raw) else data
                line, col = safeyaml.key_position(item, "parent")
                self.findings.append(
                    rules.COLLECTION_REFERENCE.finding(
                        self.path, line, col, key=f"units[{index}].parent", what="上级单位", value=unit.parent,
                        hint=did_you_mean(unit.parent, list(units)),
                    )
                )
        self.check_cycles(units, raw)
        return units

    def check_cycles(self, units: dict[str, Unit], raw: list[Any]) -> None:
        """C008 once per `parent:` cycle, at the first unit of the cycle in the file."""
        nodes = {str(item.get("id")).strip(): (index, item) for index, item in enumerate(raw) if isinstance(item, dict)}
        reported: set[str] = set()
        for uid in units:
            chain = [uid]
            parent = units[uid].parent
            while parent in units and parent not in chain:
                chain.append(parent)
                parent = units[parent].parent
            if parent is None or parent not in units or parent != uid or uid in reported:
                continue
            reported.update(chain)
            index, item = nodes[uid]
            line, col = safeyaml.key_position(item, "parent")
            self.findings.append(rules.PARENT_CYCLE.finding(
                self.path, line, col, key=f"units[{index}].parent", cycle=" → ".join([*chain, uid]),
            ))

    def read_kinds(self, data: Any) -> dict[str, Kind]:
        kinds: dict[str, Kind] = {}
        raw = self.items(data, "kinds")
        if not raw:
            self.problem(data, "kinds", "缺失或为空：至少要定义一种报告类别")
        for index, item in enumerate(raw):
            where = f"kinds[{index}]"
            if not isinstance(item, dict):
                self.problem(data, "kinds", "的每一项应包含 id、name 等字段", where)
                continue
            kid = self.identifier(item, f"{where}.id")
            name = self.displayed(item, "name", f"{where}.name")
            if kid is None or name is None:
                continue
            if kid in kinds:
                line, col = safeyaml.key_position(item, "id")
                self.findings.append(rules.COLLECTION_DUPLICATE.finding(self.path, line, col, what="类别", value=kid))
                continue
            title = self.displayed(item, "title", f"{where}.title", required=False) or name
            sections = tuple(self.read_sections(item, where))
            kinds[kid] = Kind(kid, name, title, sections)
        return kinds

    def read_sections(self, kind: Any, where: str) -> list[SectionRule]:
        sections = []
        for index, item in enumerate(self.items(kind, "sections")):
            here = f"{where}.sections[{index}]"
            if not isinstance(item, dict):
                self.problem(kind, "sections", "的每一项应包含 id、name、synonyms", here)
                continue
            sid = self.text(item, "id", f"{here}.id")
            name = self.text(item, "name", f"{here}.name")
            if sid is None or name is None:
                continue
            synonyms = tuple(str(s) for s in self.items(item, "synonyms")) or (name,)
            severity_text = str(item.get("severity", "error"))
            if severity_text not in ("error", "warning"):
                self.problem(item, "severity", "应为 error 或 warning", f"{here}.severity")
                severity_text = "error"
            sections.append(SectionRule(sid, name, synonyms, Severity(severity_text)))
        return sections

    def read_expectations(self, data: Any, units: dict[str, Unit], kinds: dict[str, Kind]) -> list[Expectation]:
        expectations = []
        for index, item in enumerate(self.items(data, "expectations")):
            where = f"expectations[{index}]"
            if not isinstance(item, dict):
                self.problem(data, "expectations", "的每一项应包含 kind、units、periods", where)
                continue
            kind = self.text(item, "kind", f"{where}.kind")
            if kind is not None and kind not in kinds:
                line, col = safeyaml.key_position(item, "kind")
                self.findings.append(
                    rules.COLLECTION_REFERENCE.finding(
                        self.path, line, col, key=f"{where}.kind", what="类别", value=kind,
                        hint=did_you_mean(kind, list(kinds)),
                    )
                )
                kind = None
            raw_units = item.get("units", "all")
            if raw_units == "all":
                unit_ids = tuple(u.id for u in sorted(units.values(), key=lambda u: (u.order, u.id)))
            elif isinstance(raw_units, list):
                unit_ids = tuple(str(u) for u in raw_units)
                for position, uid in enumerate(unit_ids):
                    if uid not in units:
                        line = raw_units.item_lines[position] if isinstance(raw_units, safeyaml.Sequence) else 1
                        self.findings.append(
                            rules.COLLECTION_REFERENCE.finding(
                                self.path, line, 1, key=f"{where}.units", what="单位", value=uid,
                                hint=did_you_mean(uid, list(units)),
                            )
                        )
                unit_ids = tuple(u for u in unit_ids if u in units)
            else:
                self.problem(item, "units", "应为单位编号列表或 all", f"{where}.units")
                unit_ids = ()
            periods = []
            for position, raw in enumerate(self.items(item, "periods")):
                period = parse_period(raw)
                if period is None:
                    periods_node = item.get("periods")
                    line = periods_node.item_lines[position] if isinstance(periods_node, safeyaml.Sequence) else 1
                    self.findings.append(
                        rules.COLLECTION_FIELD.finding(
                            self.path, line, 1, key=f"{where}.periods",
                            problem=f"中的期间“{raw}”格式不对，应写作 2024、2024-H1、2024-Q3 或 2024-05",
                        )
                    )
                else:
                    periods.append(period)
            if kind is not None:
                expectations.append(Expectation(kind, unit_ids, tuple(periods)))
        return expectations
