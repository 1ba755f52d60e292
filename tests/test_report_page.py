"""The front matter of a generated report page reads back as what was written, whatever the title."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

from huibian.report_page import front_matter

NASTY = [
    "县交通运输局2024年上半年意识形态工作情况汇报",
    '标题: "引号" #井号 - 减号 [方括号] {花括号} & * ! | > \' % @ `',
    "行一\n行二\r\n\t制表\x00\x07\x1b\x7f\x85\u2028\u2029\ufeff\ufffe\uffff",
    "null", "yes", "1e3", "~", "", " 前后空格 ", "😀 表情 𠀀",
]


def test_front_matter_reads_back_for_hostile_titles() -> None:
    for title in NASTY:
        fields: dict[str, str | list[str]] = {"title": title, "huibian_report": "jtj-2024-h1", "tags": [title, "宣传"]}
        assert yaml.safe_load(front_matter(fields)) == fields


@given(st.text(), st.lists(st.text(), max_size=3))
def test_front_matter_reads_back_for_any_text(title: str, tags: list[str]) -> None:
    fields: dict[str, str | list[str]] = {"title": title, "huibian_report": "u1-2024", "tags": tags}
    assert yaml.safe_load(front_matter(fields)) == fields
