"""Characters Word stores as elements rather than text: symbols (w:sym) and special hyphens.

Shared data, not logic: the reader writes these characters and the independent nothing-lost
extraction expects them, so both must agree on what, say, Wingdings F0FE is.
"""

from __future__ import annotations

NO_BREAK_HYPHEN = "-"
"""w:noBreakHyphen: a hyphen Word keeps on one line with its neighbours; the text shows "-"."""
SOFT_HYPHEN = ""
"""w:softHyphen: an optional break point, invisible unless Word hyphenates the line there."""

# Adobe's Symbol font above ASCII punctuation: Greek letters and mathematical signs.
_SYMBOL = dict(zip(
    "ABCDEFGHIKLMNOPQRSTUWXYZabcdefghijklmnopqrstuvwxyz",
    "ΑΒΧΔΕΦΓΗΙΚΛΜΝΟΠΘΡΣΤΥΩΞΨΖαβχδεφγηιϕκλμνοπθρστυϖωξψζ", strict=True,
))
_SYMBOL.update({
    "J": "ϑ", "V": "ς", '"': "∀", "$": "∃", "'": "∋", "*": "∗", "-": "−", "@": "≅", "\\": "∴", "^": "⊥",
    "\u00a2": "′", "\u00a3": "≤", "\u00a5": "∞", "\u00ab": "↔", "\u00ac": "←", "\u00ad": "↑", "\u00ae": "→",
    "\u00af": "↓", "\u00b0": "°", "\u00b1": "±", "\u00b2": "″", "\u00b3": "≥", "\u00b4": "×", "\u00b5": "∝",
    "\u00b6": "∂", "\u00b7": "•", "\u00b8": "÷", "\u00b9": "≠", "\u00ba": "≡", "\u00bb": "≈", "\u00bc": "…",
    "\u00c4": "⊗", "\u00c5": "⊕", "\u00c6": "∅", "\u00c7": "∩", "\u00c8": "∪", "\u00c9": "⊃", "\u00ca": "⊇",
    "\u00cc": "⊂", "\u00cd": "⊆", "\u00ce": "∈", "\u00cf": "∉", "\u00d0": "∠", "\u00d1": "∇", "\u00d5": "∏",
    "\u00d6": "√", "\u00d7": "⋅", "\u00d8": "¬", "\u00d9": "∧", "\u00da": "∨", "\u00db": "⇔", "\u00dc": "⇐",
    "\u00dd": "⇑", "\u00de": "⇒", "\u00df": "⇓", "\u00e0": "◊", "\u00e5": "∑", "\u00f2": "∫",
})
# The Wingdings signs that Chinese forms use: check marks, boxes, bullets, arrows.
_WINGDINGS = {
    "l": "●", "n": "■", "o": "□", "q": "❑", "u": "◆", "v": "❖", "\u00a1": "○", "\u00a4": "◉", "\u00a7": "▪",
    "\u00a8": "◻", "\u00d8": "➢", "\u00e0": "➔", "\u00e8": "➔", "\u00f0": "⇨", "\u00fb": "✗", "\u00fc": "✓",
    "\u00fd": "☒", "\u00fe": "☑", "J": "☺", "L": "☹",
}
_FONTS = {"symbol": _SYMBOL, "wingdings": _WINGDINGS}


def symbol(font: str | None, code: str | None) -> str:
    """The character a w:sym shows: mapped for Symbol and Wingdings where Unicode has it, else kept.

    Word writes the code in the private-use range (F0xx) for symbol fonts; a code Unicode has no
    sign for stays as that character, so nothing is silently dropped.
    """
    try:
        value = int(code or "", 16)
    except ValueError:
        return ""
    if not 0 < value < 0x110000 or 0xD800 <= value < 0xE000:
        return ""
    table = _FONTS.get((font or "").strip().lower(), {})
    low = chr(value - 0xF000) if 0xF020 <= value <= 0xF0FF else chr(value)
    if low in table:
        return table[low]
    if table is _SYMBOL and " " <= low <= "~":
        return low  # Symbol keeps ASCII digits and punctuation where they are
    return chr(value)
