"""Every module that looks for Chinese characters (汉字) agrees on which characters they are."""

from __future__ import annotations

import re

import pytest

from huibian.han import HAN
from huibian.pinyin import sort_key
from huibian.search import key_set
from huibian.stats import han_characters
from huibian.terms import is_term

from conftest import REPO

HAN_EDGES = ["\u3400", "\u4dbf", "\u4e00", "\u9fff", "\uf900", "\ufaff"]  # first and last of each block
NOT_HAN = ["\u33ff", "\u4dc0", "\u3000", "\u3007", "\u2f00", "\uff01", "\ufb00"]  # ㏿ ䷀ 　 〇 ⼀ ！ ﬀ


@pytest.mark.parametrize("char", HAN_EDGES + NOT_HAN)
def test_statistics_terms_pinyin_and_search_count_the_same_characters(char: str) -> None:
    han = char in HAN_EDGES
    pair = char * 2
    assert han_characters(pair) == (2 if han else 0)
    assert is_term(pair) is han
    assert (pair in key_set(pair)) is han
    assert (" " in sort_key(pair)) is han  # a Han character is sorted syllable by syllable


def test_the_search_box_uses_the_same_class() -> None:
    script = (REPO / "docs" / "javascripts" / "hb-search.js").read_text(encoding="utf-8")
    found = re.search(r'var HAN = "([^"]*)";', script)
    assert found and found.group(1) == HAN
