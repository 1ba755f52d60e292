"""Traditional → Simplified Chinese on import, with OpenCC's `t2s` dictionaries (bundled in its wheel).

Only lines written in Traditional characters are converted: a Simplified line that holds one
Traditional character (a name, a quotation) is left as it is. Every converted line is returned
with its original text for the import log.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from huibian.importer.docx_package import DocxPackage
from huibian.importer.docx_reader import body_blocks
from huibian.importer.model import Change

_HAN = re.compile(r"[\u4e00-\u9fff]")
_MIN_SHARE = 0.1
"""A line is Traditional when at least this share of its Han characters has a Simplified form."""


@dataclass(frozen=True)
class Conversion:
    text: str
    changes: list[Change]
    characters: int
    """How many characters were converted."""


@functools.cache
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def simplified(line: str) -> tuple[str, int] | None:
    """The line in Simplified characters and how many changed, if it is written in Traditional ones."""
    if not _HAN.search(line):
        return None
    converted = _converter().convert(line)  # type: ignore[attr-defined]
    if converted == line or len(converted) != len(line):
        return None  # a conversion that is not character for character is not trusted
    changed = sum(1 for a, b in zip(line, converted, strict=True) if a != b)
    if changed < _MIN_SHARE * len(_HAN.findall(line)):
        return None
    return converted, changed


def to_simplified(text: str) -> Conversion:
    """Convert the Traditional lines of `text`; line count and lengths are unchanged."""
    lines = text.split("\n")
    changes: list[Change] = []
    total = 0
    for index, line in enumerate(lines):
        found = simplified(line)
        if found is None:
            continue
        lines[index], changed = found
        total += changed
        changes.append(Change(index + 1, line, f"繁体字转为简体（{changed} 个字）"))
    return Conversion("\n".join(lines), changes, total)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_PARTS = re.compile(r"word/(?:document|footnotes|endnotes|comments|header\d*|footer\d*)\.xml")


def simplify_package(package: DocxPackage) -> Conversion:
    """Convert the Traditional paragraphs of a Word package in place, before anything reads it.

    The reader and the independent inventory then both read the converted text; each converted
    paragraph's original goes to the import log, numbered as the reader numbers paragraphs.
    """
    changes: list[Change] = []
    total = 0
    for name in sorted(n for n in package.parts if _TEXT_PARTS.fullmatch(n)):
        root = package.xml(name)
        body = root.find(f"{_W}body")
        numbers = {block: n for n, block in enumerate(body_blocks(body), start=1)} if body is not None else {}
        for paragraph in root.iter(f"{_W}p"):
            runs = list(paragraph.iter(f"{_W}t"))
            original = "".join(run.text or "" for run in runs)
            found = simplified(original)
            if found is None:
                continue
            # The paragraph is converted as a whole (a phrase may span runs: 乾|隆 is 乾隆, not 干隆) and
            # given back run by run; simplified() keeps the length, so every run keeps its own characters.
            converted, start = found[0], 0
            for run in runs:
                length = len(run.text or "")
                if length:
                    run.text = converted[start : start + length]
                start += length
            total += found[1]
            number = _body_number(paragraph, numbers)
            place = "" if number else "脚注、页眉页脚或批注中"
            changes.append(Change(number, original, f"繁体字转为简体（{found[1]} 个字）", place))
    return Conversion("", changes, total)


def _body_number(element: Any, numbers: dict[Any, int]) -> int:
    """The number of the body block holding `element` (0 outside the body)."""
    while element is not None and element not in numbers:
        element = element.getparent()
    return numbers.get(element, 0) if element is not None else 0
