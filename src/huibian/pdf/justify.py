"""Justified Chinese lines (两端对齐) for WeasyPrint, which justifies only by widening spaces.

WeasyPrint 70 hands the width left over on a justified line to its spaces; a Chinese line has
none, so `text-align: justify` rendered ragged right. `install()` replaces its `justify_line`:
a line with Han characters gets the leftover width spread evenly between all its characters, as
extra letter spacing on each of its text boxes (how Word and WPS justify Chinese text). The text
itself is untouched, so what pdftotext or copy and paste reads is exactly the report's characters.
Lines without Han characters keep WeasyPrint's own justification. The last line of a paragraph
is never justified (WeasyPrint does not call `justify_line` for it).
"""

from __future__ import annotations

import re
from typing import Any

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_installed: dict[str, Any] = {}


def install(enabled: bool = True) -> None:
    """Make WeasyPrint justify Chinese lines by spreading characters; `enabled=False` gives it its own back."""
    from weasyprint.layout import inline

    original = _installed.setdefault("original", inline.justify_line)
    inline.justify_line = _justify_line if enabled else original


def _justify_line(context: Any, line: Any, extra_width: float) -> None:
    boxes = list(_text_boxes(line))
    text = "".join(box.text for box in boxes)
    if not _HAN.search(text) or len(text) < 2:
        _installed["original"](context, line, extra_width)
        return
    # A text box ends with its letter spacing after the last glyph: the line's last glyph lands on
    # the edge when the gaps between the characters take the leftover width and that spacing.
    trailing = _letter_spacing(boxes[-1].style)
    per_character = (extra_width + trailing) / (len(text) - 1)
    _spread(line, per_character, 0.0)


def _text_boxes(box: Any) -> Any:
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        yield box
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from _text_boxes(child)


def _letter_spacing(style: Any) -> float:
    value = style["letter_spacing"]
    return 0.0 if value == "normal" else float(value)


def _spread(box: Any, per_character: float, shift: float) -> float:
    """Widen every text box in `box` by `per_character` a character and move what follows; the shift so far."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        box.position_x += shift
        # Text boxes of one element share a style object: each justified box gets its own.
        box.style = box.style.copy()
        box.style["letter_spacing"] = _letter_spacing(box.style) + per_character
        added = per_character * len(box.text)
        box.width += added
        return shift + added
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += shift
        before = shift
        for child in box.children:
            if child.is_in_normal_flow():
                shift = _spread(child, per_character, shift)
        box.width += shift - before
        return shift
    box.translate(shift, 0)  # an image or other atomic inline box moves with the text
    return shift
