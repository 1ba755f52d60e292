"""Wording rules (W): wrong formulations (提法), misspellings (错别字), doubled words, missing characters.

The four tables are data files in `huibian/data/` (formulations.yml, misspellings.yml, doubled.yml,
missing.yml), loaded safely once per process. Every wrong form in them is an error in any context,
so a finding is never a guess: a false alarm on a leader's report costs more than a miss.

`find_wording(line)` returns every wrong form on one line, left to right, without overlaps, with its
1-based column, its correction and the rule code. The wrong forms are compiled into one regular
expression shaped like a trie, so a line is scanned once whatever the size of the tables.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from huibian import rules, safeyaml
from huibian.han import HAN

DATA = Path(__file__).resolve().parent / "data"

DOUBLED = rules.DOUBLED_WORD.code
TABLE_FILES = {
    rules.WRONG_FORMULATION.code: "formulations.yml",
    rules.MISSPELLING.code: "misspellings.yml",
    DOUBLED: "doubled.yml",
    rules.MISSING_CHARACTER.code: "missing.yml",
}
"""The data file of each rule, in huibian/data/."""

WILDCARD = "…"
"""In a wrong form, up to `WILDCARD_SPAN` Chinese characters (将就…艺术); the right form repeats them."""
WILDCARD_SPAN = 6


@dataclass(frozen=True)
class Entry:
    """One wrong form and its correction."""

    code: str
    wrong: str
    right: str
    note: str = ""
    not_after: str = ""
    """Characters that may not stand right before the wrong form."""
    not_before: str = ""
    """Characters that may not follow the wrong form."""
    after: tuple[str, ...] = ()
    """When given, the wrong form counts only right after one of these strings."""
    before: tuple[str, ...] = ()
    """When given, the wrong form counts only right before one of these strings."""

    def fits(self, line: str, start: int, end: int) -> bool:
        """Whether the context around `line[start:end]` allows this entry."""
        if self.not_after and start and line[start - 1] in self.not_after:
            return False
        if self.not_before and end < len(line) and line[end] in self.not_before:
            return False
        if self.before and not any(line.startswith(b, end) for b in self.before):
            return False
        return not self.after or any(line.endswith(a, 0, start) for a in self.after)


@dataclass(frozen=True)
class Hit:
    col: int
    """1-based column of the first character."""
    wrong: str
    right: str
    note: str
    code: str


class TableError(ValueError):
    """A malformed data file: a developer's error, reported with file and line."""


def _as_text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TableError(f"{where}: expected a non-empty string, got {value!r}")
    return value.strip()


def _entries(code: str, items: Any, name: str) -> list[Entry]:
    """The entries of one list of items: [wrong, right(, note)] or {wrong, right, note, context keys}."""
    if not isinstance(items, list):
        raise TableError(f"{name}: expected a list of entries")
    lines = getattr(items, "item_lines", [0] * len(items))
    found: list[Entry] = []
    for item, line in zip(items, lines, strict=True):
        where = f"{name}:{line}"
        if isinstance(item, list) and len(item) in (2, 3):
            wrongs, right, note, context = item[0], item[1], item[2] if len(item) == 3 else "", {}
        elif isinstance(item, dict):
            unknown = set(item) - {"wrong", "right", "note", "not_after", "not_before", "after", "before"}
            if unknown:
                raise TableError(f"{where}: unknown keys {sorted(unknown)}")
            wrongs, right, note = item.get("wrong"), item.get("right"), item.get("note", "")
            context = {k: item[k] for k in ("not_after", "not_before", "after", "before") if k in item}
        else:
            raise TableError(f"{where}: expected [wrong, right, note] or a mapping")
        right = _as_text(right, where)
        after, before = context.get("after", []), context.get("before", [])
        if not isinstance(after, list) or not isinstance(before, list):
            raise TableError(f"{where}: after and before must be lists of strings")
        for wrong in wrongs if isinstance(wrongs, list) else [wrongs]:
            wrong = _as_text(wrong, where)
            if len(wrong) < 2:
                raise TableError(f"{where}: a wrong form of one character ({wrong!r}) is never a certain error")
            if wrong == right or (WILDCARD in wrong) != (WILDCARD in right):
                raise TableError(f"{where}: wrong form {wrong!r} and right form {right!r} do not make a correction")
            found.append(Entry(
                code, wrong, right, str(note or ""), str(context.get("not_after", "")),
                str(context.get("not_before", "")), tuple(_as_text(a, where) for a in after),
                tuple(_as_text(b, where) for b in before),
            ))
    return found


def _doubled_entries(data: Any, name: str) -> list[Entry]:
    if not isinstance(data, dict) or set(data) - {"words", "entries"}:
        raise TableError(f"{name}: expected the keys words and entries")
    words = data.get("words", [])
    if not isinstance(words, list):
        raise TableError(f"{name}: words must be a list")
    lines = getattr(words, "item_lines", [0] * len(words))
    found = []
    for item, line in zip(words, lines, strict=True):
        word, not_before = (item.get("word"), item.get("not_before", "")) if isinstance(item, dict) else (item, "")
        word = _as_text(word, f"{name}:{line}")
        found.append(Entry(DOUBLED, word * 2, word, "", "", str(not_before)))
    return found + _entries(DOUBLED, data.get("entries", []), name)


def parse_table(code: str, text: str, name: str) -> list[Entry]:
    """The entries of one data file's `text` for rule `code`; `TableError` names `name` and the line."""
    try:
        data = safeyaml.load(text)
    except safeyaml.YamlProblem as exc:
        raise TableError(f"{name}:{exc.line}: {exc.message}") from None
    return _doubled_entries(data, name) if code == DOUBLED else _entries(code, data, name)


@functools.cache
def load_tables() -> dict[str, list[Entry]]:
    """Every rule's entries, read from the data files (once per process)."""
    return {
        code: parse_table(code, (DATA / file_name).read_text(encoding="utf-8"), file_name)
        for code, file_name in TABLE_FILES.items()
    }


_FAN = 48
"""A trie node with more children than this tests them in groups, each behind a character-class lookahead."""


def _trie_pattern(words: list[str]) -> str:
    """A regular expression matching any of `words` (each of two characters or more), the longest at a position.

    Shaped like a trie, behind a lookahead on the first two characters: Python's `re` tries the branches of an
    alternation one by one, so the lookahead and the grouped branches keep it from trying hundreds at every
    position (three times faster than a plain trie on report text).
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict[str, Any]) -> str:
        children = [(ch, child) for ch, child in sorted(node.items()) if ch]
        if not children:
            return ""
        branches = [re.escape(ch) + walk(child) for ch, child in children]
        if len(branches) > _FAN:
            branches = [
                f"(?=[{re.escape(''.join(ch for ch, _ in children[i : i + _FAN]))}])(?:{'|'.join(branches[i : i + _FAN])})"
                for i in range(0, len(branches), _FAN)
            ]
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    first = re.escape("".join(sorted({w[0] for w in words})))
    second = re.escape("".join(sorted({w[1] for w in words})))
    return f"(?=[{first}][{second}])" + walk(trie)


class Matcher:
    """All tables compiled for scanning lines."""

    def __init__(self, tables: dict[str, list[Entry]]) -> None:
        self.by_wrong: dict[str, list[Entry]] = {}
        self.wildcards: list[tuple[re.Pattern[str], Entry]] = []
        for entries in tables.values():
            for entry in entries:
                if WILDCARD in entry.wrong:
                    head, _, tail = entry.wrong.partition(WILDCARD)
                    pattern = re.compile(f"{re.escape(head)}([{HAN}]{{0,{WILDCARD_SPAN}}}?){re.escape(tail)}")
                    self.wildcards.append((pattern, entry))
                else:
                    self.by_wrong.setdefault(entry.wrong, []).append(entry)
        self.pattern = re.compile(_trie_pattern(list(self.by_wrong)))

    def find(self, line: str) -> list[Hit]:
        """Every wrong form on `line`, left to right, without overlaps."""
        spans: list[tuple[int, int, Hit]] = []
        pos = 0
        while (m := self.pattern.search(line, pos)) is not None:
            start = m.start()
            hit = self._at(line, start, m.group(0))
            if hit is None:
                pos = start + 1
                continue
            spans.append((start, start + len(hit.wrong), hit))
            pos = start + len(hit.wrong)
        for pattern, entry in self.wildcards:
            for w in pattern.finditer(line):
                if entry.fits(line, w.start(), w.end()):
                    right = entry.right.replace(WILDCARD, w.group(1))
                    spans.append((w.start(), w.end(), Hit(w.start() + 1, w.group(0), right, entry.note, entry.code)))
        if self.wildcards and len(spans) > 1:
            spans.sort(key=lambda s: (s[0], -s[1]))
            kept: list[tuple[int, int, Hit]] = []
            for span in spans:
                if not kept or span[0] >= kept[-1][1]:
                    kept.append(span)
            spans = kept
        return [hit for _, _, hit in spans]

    def _at(self, line: str, start: int, longest: str) -> Hit | None:
        """The longest wrong form starting at `start` whose context allows it."""
        for end in range(len(longest), 0, -1):
            for entry in self.by_wrong.get(longest[:end], ()):
                if entry.fits(line, start, start + end):
                    return Hit(start + 1, entry.wrong, entry.right, entry.note, entry.code)
        return None


@functools.cache
def matcher() -> Matcher:
    """The tables compiled once per process."""
    return Matcher(load_tables())


def find_wording(line: str) -> list[Hit]:
    """Every wrong formulation, misspelling, doubled word and missing character on one line."""
    return matcher().find(line)
