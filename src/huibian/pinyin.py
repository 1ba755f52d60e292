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

from huibian.han import HAN

_HAN_OR_OTHER = re.compile(rf"[{HAN}]|[^{HAN}]+")


class PinyinTableMissing(RuntimeError):
    """pypinyin's character table cannot be read (a broken installation); the message is for the user."""


@cache
def _readings() -> dict[str, str]:
    """pypinyin's table: decimal code point → readings with tone marks, most common first ("zhōng,zhòng")."""
    spec = importlib.util.find_spec("pypinyin")  # finds the package without running its __init__
    folders = list(spec.submodule_search_locations or []) if spec else []
    path = Path(folders[0]) / "pinyin_dict.json" if folders else None
    try:
        if path is None:
            raise FileNotFoundError("没有安装 pypinyin")
        table: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as problem:
        raise PinyinTableMissing(
            f"索引页需要 pypinyin 的拼音字表 pinyin_dict.json，读取失败（{path or 'pypinyin'}：{problem}）。"
            "安装可能不完整，请运行 make install（或 pip install -e .）重新安装。"
        ) from problem
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
