"""Pinyin to group and sort index entries (索引), from the character table pypinyin ships.

Importing pypinyin loads its phrase dictionary and word segmenter: about 0.17 s, a tenth of a
100-report site build. Grouping needs only the first character's reading and sorting is good
enough with each character's most common reading, so this reads pypinyin's `pinyin_dict.json`
(one reading list per character, about 20 ms) once, when the first term is sorted.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from functools import cache
from pathlib import Path

_HAN_OR_OTHER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]|[^\u3400-\u4dbf\u4e00-\u9fff]+")


@cache
def _readings() -> dict[str, str]:
    """pypinyin's table: decimal code point → readings with tone marks, most common first ("zhōng,zhòng")."""
    spec = importlib.util.find_spec("pypinyin")  # finds the package without running its __init__
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders:
        raise ModuleNotFoundError("pypinyin")
    table: dict[str, str] = json.loads((Path(folders[0]) / "pinyin_dict.json").read_text(encoding="utf-8"))
    return table


def reading(char: str) -> str:
    """The most common reading of one Han character, toneless, ü as v (绿 → lv); "" when unknown."""
    readings = _readings().get(str(ord(char)))
    if not readings:
        return ""
    decomposed = unicodedata.normalize("NFD", readings.split(",", 1)[0]).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def initial(term: str) -> str:
    """The group letter of a term: the pinyin initial of its first character, A–Z, or #."""
    first = term[:1]
    letter = first.upper() if first.isascii() else reading(first)[:1].upper() if first else ""
    return letter if "A" <= letter <= "Z" else "#"


def sort_key(term: str) -> str:
    """Toneless pinyin of a term, Han characters one syllable each, other runs kept as they are."""
    return " ".join(reading(part) or part if len(part) == 1 else part for part in _HAN_OR_OTHER.findall(term))
