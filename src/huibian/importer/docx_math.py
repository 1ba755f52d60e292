"""Word equations (Office Math, OMML) as readable linear text: (a+b)/2, x^2, √(x), ∑_(i=1)^n x_i.

Every m:t of the equation appears unchanged and whole in the result (the nothing-lost check looks
for each one); only brackets and operators are added around them.
"""

from __future__ import annotations

import re
from typing import Any

M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_SIMPLE = re.compile(r"^\w+$")


def _local(element: Any) -> str:
    tag = element.tag
    return tag[len(M):] if isinstance(tag, str) and tag.startswith(M) else ""


def _child(element: Any, name: str) -> Any:
    return element.find(M + name)


def _prop(element: Any, props: str, name: str, default: str) -> str:
    found = element.find(f"{M}{props}/{M}{name}")
    if found is None:
        return default
    return found.get(M + "val", default)


def _group(text: str) -> str:
    """Brackets around a part that is more than one word or number."""
    return text if _SIMPLE.match(text) else f"({text})"


def _of(element: Any, name: str) -> str:
    found = _child(element, name)
    return linear(found) if found is not None else ""


def linear(element: Any) -> str:
    """The linear text of an OMML element (m:oMathPara, m:oMath or any part of one)."""
    name = _local(element)
    if isinstance(element.tag, str) and element.tag.endswith("}t"):  # m:t, or a w:t Word left in a math run
        return element.text or ""
    if name.endswith("Pr"):
        return ""
    if name == "oMathPara":
        return " ".join(linear(item) for item in element.iter(M + "oMath"))
    if name == "f":
        return f"{_group(_of(element, 'num'))}/{_group(_of(element, 'den'))}"
    if name == "sSup":
        return f"{_of(element, 'e')}^{_group(_of(element, 'sup'))}"
    if name == "sSub":
        return f"{_of(element, 'e')}_{_group(_of(element, 'sub'))}"
    if name == "sSubSup":
        return f"{_of(element, 'e')}_{_group(_of(element, 'sub'))}^{_group(_of(element, 'sup'))}"
    if name == "sPre":
        return f"_{_group(_of(element, 'sub'))}^{_group(_of(element, 'sup'))}{_of(element, 'e')}"
    if name == "rad":
        degree = _of(element, "deg")
        return f"{_group(degree) if degree else ''}√({_of(element, 'e')})"
    if name == "d":
        begin = _prop(element, "dPr", "begChr", "(")
        end = _prop(element, "dPr", "endChr", ")")
        separator = _prop(element, "dPr", "sepChr", "|")
        return begin + separator.join(linear(e) for e in element.findall(M + "e")) + end
    if name == "nary":
        sign = _prop(element, "naryPr", "chr", "∫")
        sub, sup = _of(element, "sub"), _of(element, "sup")
        limits = (f"_{_group(sub)}" if sub else "") + (f"^{_group(sup)}" if sup else "")
        return f"{sign}{limits} {_of(element, 'e')}"
    if name == "func":
        argument = _of(element, "e")
        return f"{_of(element, 'fName')}{argument if argument.startswith('(') else _group(argument)}"
    if name == "limLow":
        return f"{_of(element, 'e')}_{_group(_of(element, 'lim'))}"
    if name == "limUpp":
        return f"{_of(element, 'e')}^{_group(_of(element, 'lim'))}"
    if name == "acc":
        return _of(element, "e") + _prop(element, "accPr", "chr", "\u0302")
    if name == "eqArr":
        return "; ".join(linear(e) for e in element.findall(M + "e"))
    if name == "m":
        rows = [", ".join(linear(e) for e in row.findall(M + "e")) for row in element.findall(M + "mr")]
        return "[" + "; ".join(rows) + "]"
    return "".join(linear(child) for child in element)
