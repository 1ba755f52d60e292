"""Titles broken by meaning: between unit, period, topic and 文种, never inside a name or word."""

from __future__ import annotations

import pytest

from huibian.titles import break_title, title_parts

NAMES = ["桐溪县交通运输局", "中共桐溪经济开发区工作委员会", "开发区党工委", "意识形态工作"]


def test_a_title_is_cut_into_its_parts() -> None:
    assert title_parts("桐溪县交通运输局2024年上半年意识形态工作情况汇报", NAMES) == [
        "桐溪县交通运输局", "2024年上半年", "意识形态工作", "情况汇报"]
    assert title_parts("中共桐溪经济开发区工作委员会2024年度工作总结", NAMES) == [
        "中共桐溪经济开发区工作委员会", "2024年度", "工作", "总结"]


@pytest.mark.parametrize(("title", "per_line", "lines"), [
    # The demo title used to break as ……意识形态工 / 作情况汇报.
    ("桐溪县交通运输局2024年上半年意识形态工作情况汇报", 20, ["桐溪县交通运输局2024年上半年", "意识形态工作情况汇报"]),
    ("桐溪县交通运输局2024年上半年意识形态工作情况汇报", 30, ["桐溪县交通运输局2024年上半年意识形态工作情况汇报"]),
    # A unit name with 工作 inside it stays whole.
    ("中共桐溪经济开发区工作委员会2024年上半年意识形态工作自查报告", 20,
     ["中共桐溪经济开发区工作委员会2024年上半年", "意识形态工作自查报告"]),
    # Three lines, none longer than the one above (a trapezoid).
    ("中共桐溪经济开发区工作委员会2024年上半年意识形态工作自查报告", 14,
     ["中共桐溪经济开发区工作委员会", "2024年上半年意识形态工作", "自查报告"]),
])
def test_titles_break_between_parts_and_keep_lines_balanced(title: str, per_line: float, lines: list[str]) -> None:
    assert break_title(title, per_line, NAMES) == lines


def test_a_part_longer_than_a_line_breaks_between_words() -> None:
    lines = break_title("桐溪县交通运输局关于党风廉政建设责任制落实情况的专项自查报告", 12, NAMES)
    assert "".join(lines) == "桐溪县交通运输局关于党风廉政建设责任制落实情况的专项自查报告"
    assert all(len(line) <= 12 for line in lines)
    for word in ("桐溪县交通运输局", "党风廉政", "责任制", "情况", "专项", "自查报告"):
        assert any(word in line for line in lines), (word, lines)
