"""Traditional → Simplified Chinese on import, with OpenCC's `t2s` dictionaries (bundled in its wheel).

Only lines written in Traditional characters are converted: a Simplified line that holds one
Traditional character (a name, a quotation) is left as it is. Every converted line is returned
with its original text for the import log.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

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


def to_simplified(text: str) -> Conversion:
    """Convert the Traditional lines of `text`; line count and lengths are unchanged."""
    convert = _converter().convert  # type: ignore[attr-defined]
    lines = text.split("\n")
    changes: list[Change] = []
    total = 0
    for index, line in enumerate(lines):
        if not _HAN.search(line):
            continue
        converted = convert(line)
        if converted == line or len(converted) != len(line):
            continue  # a conversion that is not character for character is not trusted
        changed = sum(1 for a, b in zip(line, converted, strict=True) if a != b)
        if changed < _MIN_SHARE * len(_HAN.findall(line)):
            continue
        lines[index] = converted
        total += changed
        changes.append(Change(index + 1, line, f"繁体字转为简体（{changed} 个字）"))
    return Conversion("\n".join(lines), changes, total)
