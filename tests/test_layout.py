"""The one layout definition: the GB/T 9704 numbers, and the stylesheet made from them."""

from __future__ import annotations

import pytest

from huibian import layout
from huibian.pdf.style import TOP, stylesheet


def test_type_area_and_grid_follow_gb_t_9704() -> None:
    assert (layout.OUTER_MM, layout.BOTTOM_MM) == (26.0, 35.0)
    assert pytest.approx(156 * 72 / 25.4) == layout.CHAR_PITCH_PT * layout.CHARS_PER_LINE
    assert pytest.approx(225 * 72 / 25.4) == layout.LINE_PITCH_PT * layout.LINES_PER_PAGE
    assert pytest.approx(layout.CHAR_PITCH_PT) == layout.BODY_PT + layout.TRACKING_PT


@pytest.mark.parametrize(("text", "expected"), [
    ("（一）加强组织领导。局党组高度重视。", (2, "（一）加强组织领导。")),
    ("1.建立工作台账。按月更新。", (3, "1.建立工作台账。")),
    ("1、建立工作台账！按月更新。", (3, "1、建立工作台账！")),
    ("（一）加强组织领导。", None),  # the whole paragraph is the heading: not run in
    ("一是学习深度不够。还需加强。", None),
    ("2024年以来，我局扎实推进。", None),
])
def test_run_in_headings(text: str, expected: tuple[int, str] | None) -> None:
    found = layout.run_in_heading(text)
    assert (None if found is None else (found[0].level, text[:found[1]])) == expected


def test_the_stylesheet_takes_its_numbers_from_the_layout() -> None:
    css = stylesheet({role: f'"{role}"' for role in layout.ROLES})
    assert f"margin: {TOP} {layout.OUTER_MM}mm" in css
    assert f"font-size: {layout.BODY_PT}pt" in css
    for level in layout.HEADING_LEVELS:
        assert f'.hb-h{level.level} {{ font-family: "{level.role}"' in css
