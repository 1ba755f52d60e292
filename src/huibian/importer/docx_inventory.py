"""Everything a Word package holds, read a second time for the nothing-lost check.

This walk is deliberately independent of the reader (docx_reader.py): it knows nothing of
paragraphs, styles, tables or Markdown and simply visits every element of the parts a reader
sees — the body (tables at any depth, content controls, text boxes, unknown wrappers), the
footnotes and endnotes the body refers to, headers, footers and comments — collecting the text
of each paragraph and every picture. Deleted text (w:del, w:moveFrom) is left out; of an
mc:AlternateContent only the Fallback is read (the first Choice where there is no Fallback), as
the reader does. Field codes (w:instrText) are not text; their results (w:t) are.

Besides text it lists every part inside the package that an element of those parts refers to
(any r:id, r:embed, r:dm… attribute): pictures, charts, embedded documents (altChunk), SmartArt,
embedded objects. Each must be saved as a picture of a report or listed in the removal log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from huibian.importer.docx_package import MATH, MC, RELATED, DocxPackage, W
from huibian.importer.model import SourceUnit
from huibian.importer.wordchars import NO_BREAK_HYPHEN, symbol

_W = "{" + W + "}"
_NOT_CONTENT = {_W + "del", _W + "moveFrom", _W + "delText", _W + "instrText", _W + "delInstrText"}
_NOTE_PLACES = {"footnote": "脚注", "endnote": "尾注"}
_PART_PLACES = {"header": "页眉", "footer": "页脚"}
_BLOCKS = {_W + "p", _W + "tbl", _W + "altChunk"}
_NOT_EMBEDDED = {"header", "footer", "hyperlink", "printerSettings"}
"""Relationships that embed nothing: parts this walk reads as text itself, links, printer set-up."""


@dataclass(frozen=True)
class Embedded:
    """A part of the package the text refers to: a picture, chart, embedded document, SmartArt…"""

    line: int
    place: str
    part: str
    """The package part (word/media/image1.png, word/charts/chart1.xml)."""
    name: str
    """What it is, in Chinese (图片, 图表…)."""


@dataclass
class Inventory:
    units: list[SourceUnit] = field(default_factory=list)
    embedded: list[Embedded] = field(default_factory=list)


class _Walk:
    def __init__(self, package: DocxPackage) -> None:
        self.package = package
        self.inventory = Inventory()
        self.block = 0
        self.notes: dict[str, list[str]] = {"footnote": [], "endnote": []}

    def part(self, name: str, place: str) -> None:
        self.name, self.place = name, place
        self.visit(self.package.xml(name), None, top=True)

    def emit(self, text: str) -> None:
        if text.strip():
            self.inventory.units.append(SourceUnit(max(self.block, 1), text, self.place))

    def visit(self, element: Any, segments: list[str] | None, top: bool) -> None:
        """Visit `element`; `segments` collects the text of the paragraph it sits in."""
        tag = element.tag
        if not isinstance(tag, str) or tag in _NOT_CONTENT:
            return
        if tag == MC + "AlternateContent":
            branch = element.find(MC + "Fallback")
            if branch is None:
                branch = element.find(MC + "Choice")
            if branch is not None:
                self.visit(branch, segments, top)
            return
        if tag in _BLOCKS and top and not self.place:
            self.block += 1
        self.references(element)
        if tag == _W + "p":
            own: list[str] = [""]
            for child in element:
                self.visit(child, own, top=False)
            for text in own:
                self.emit(text)
            return
        if segments is not None:
            self.text(element, segments)
        if tag == MATH + "oMath":
            # Each piece of an equation is looked for on its own: the reader puts operators between them.
            pieces = [piece.text or "" for piece in element.iter(MATH + "t", _W + "t")]
            if segments is None:
                for piece in pieces:
                    self.emit(piece)
            else:
                segments.extend([*pieces, ""])
            return
        if tag in (_W + "footnoteReference", _W + "endnoteReference"):
            self.notes[tag[len(_W):].removesuffix("Reference")].append(element.get(_W + "id") or "")
        for child in element:
            self.visit(child, segments, top=top and tag != _W + "tbl")

    def references(self, element: Any) -> None:
        for attribute, rid in element.attrib.items():
            if not attribute.startswith(RELATED):
                continue
            rel = self.package.relationship(self.name, rid)
            if rel is not None and rel.kind not in _NOT_EMBEDDED:
                self.inventory.embedded.append(Embedded(max(self.block, 1), self.place, rel.target, rel.part_name))

    def text(self, element: Any, segments: list[str]) -> None:
        tag = element.tag
        if tag == _W + "t":
            segments[-1] += element.text or ""
        elif tag == _W + "sym":
            segments[-1] += symbol(element.get(_W + "font"), element.get(_W + "char"))
        elif tag == _W + "noBreakHyphen":
            segments[-1] += NO_BREAK_HYPHEN
        elif tag in (_W + "tab", _W + "br", _W + "cr"):
            segments[-1] += " "


def package_inventory(package: DocxPackage) -> Inventory:
    """The text (by paragraph) and the embedded parts of every part of the package a reader should see."""
    walk = _Walk(package)
    walk.part(package.main, "")
    for kind, place in _NOTE_PLACES.items():
        for name in package.related(package.main, kind + "s"):
            walk.name = name
            for note in package.xml(name).iter(_W + kind):
                note_id = note.get(_W + "id") or ""
                if note_id in walk.notes[kind]:
                    walk.place = f"{place} {note_id}"
                    walk.visit(note, None, top=True)
    for kind, place in _PART_PLACES.items():
        for name in package.related(package.main, kind):
            walk.part(name, place)
    for name in package.related(package.main, "comments"):
        walk.name = name
        for number, comment in enumerate(package.xml(name).iter(_W + "comment"), start=1):
            walk.place = f"批注 {number}"  # counted as Word's review pane shows them (w:id starts at 0)
            walk.visit(comment, None, top=True)
    return walk.inventory
