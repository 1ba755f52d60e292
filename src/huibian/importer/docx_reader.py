"""Word (.docx) files to blocks: heading styles, bold run-in headings, lists, tables, footnotes, images."""

from __future__ import annotations

import io
import re
from typing import Any

from huibian.importer.docx_package import open_docx
from huibian.importer.images import image_extension, image_name
from huibian.importer.model import Block, ImportProblem, Removal, SourceUnit
from huibian.importer.render import bold_run_in, escape, escape_cell
from huibian.importer.textsource import clean_line

ASSETS = "@ASSETS@"
"""Stands for the report's image folder in image links until the report's file name is known."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.IGNORECASE)


_CN_DIGITS = "零一二三四五六七八九"


def _chinese(value: int) -> str:
    if value < 10:
        return _CN_DIGITS[value]
    if value < 20:
        return "十" + (_CN_DIGITS[value - 10] if value > 10 else "")
    if value < 100:
        return _CN_DIGITS[value // 10] + "十" + (_CN_DIGITS[value % 10] if value % 10 else "")
    return str(value)


def _format(value: int, fmt: str) -> str:
    if fmt.startswith(("chineseCounting", "chineseLegal", "ideographDigital", "taiwaneseCounting")):
        return _chinese(value)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    return str(value)


class Numbering:
    """Word's automatic paragraph numbering (word/numbering.xml), counted in document order."""

    def __init__(self, levels: dict[tuple[str, str], tuple[str, str, int, str]]) -> None:
        self.levels = levels
        """(numId, ilvl) -> (numFmt, lvlText, start, abstractNumId)"""
        self.counters: dict[str, dict[int, int]] = {}

    @classmethod
    def of(cls, document: Any) -> Numbering | None:
        from lxml import etree

        for rel in document.part.rels.values():
            if rel.reltype.endswith("/numbering") and not rel.is_external:
                root = etree.fromstring(rel.target_part.blob)
                break
        else:
            return None
        abstract: dict[str, dict[str, tuple[str, str, int]]] = {}
        for item in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in item.iter(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[lvl.get(f"{_W}ilvl") or "0"] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "",
                    int(start.get(f"{_W}val") or 1) if start is not None else 1,
                )
            abstract[item.get(f"{_W}abstractNumId") or ""] = levels
        mapping: dict[tuple[str, str], tuple[str, str, int, str]] = {}
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            key = ref.get(f"{_W}val") if ref is not None else None
            for ilvl, (fmt, text, start) in abstract.get(key or "", {}).items():
                mapping[(num.get(f"{_W}numId") or "", ilvl)] = (fmt, text, start, key or "")
        return cls(mapping)

    def label(self, paragraph: Any) -> str | None:
        """The number Word shows before `paragraph` ("一、", "（二）", "3."), "bullet", or None."""
        num_pr = None
        for ppr in (paragraph._p.pPr, paragraph.style.element.pPr if paragraph.style is not None else None):
            if ppr is not None and ppr.numPr is not None:
                num_pr = ppr.numPr
                break
        if num_pr is None or num_pr.numId is None:
            return None
        num_id = str(num_pr.numId.val)
        ilvl = str(num_pr.ilvl.val) if num_pr.ilvl is not None else "0"
        level = self.levels.get((num_id, ilvl))
        if level is None or num_id == "0":
            return None
        fmt, text, start, abstract = level
        if fmt == "bullet":
            return "bullet"
        if fmt == "none":
            return None
        counters = self.counters.setdefault(abstract, {})
        depth = int(ilvl)
        counters[depth] = counters[depth] + 1 if depth in counters else start
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]
        out = text
        for index in range(depth + 1):
            lvl = self.levels.get((num_id, str(index)))
            value = counters.get(index, lvl[2] if lvl else 1)
            out = out.replace(f"%{index + 1}", _format(value, lvl[0] if lvl else "decimal"))
        return out or None


class DocxContent:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.units: list[SourceUnit] = []
        self.images: dict[str, bytes] = {}
        """File name the importer chose (image-001.png) -> bytes."""
        self.saved: dict[str, str] = {}
        """Package part name -> the file name it is saved as."""
        self.removals: list[Removal] = []
        self.numbering: Numbering | None = None
        self.footnote_units: list[SourceUnit] = []
        """Footnote texts: they end up at the end of the report, so they are checked last."""


def _footnotes(document: Any) -> dict[str, str]:
    """Footnote id -> text, read from word/footnotes.xml (python-docx has no API for them)."""
    from lxml import etree

    notes: dict[str, str] = {}
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            for note in root.iter(f"{_W}footnote"):
                if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = "".join(t.text or "" for t in note.iter(f"{_W}t")).strip()
                notes[note.get(f"{_W}id") or ""] = text
    return notes


def read_docx(data: bytes, source: str) -> DocxContent:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise ImportProblem("读取 Word 文件需要 python-docx，请运行 make install", code="unsupported") from None
    open_docx(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ImportProblem(f"{source}：不是有效的 Word（.docx）文件：{exc}", code="unreadable") from None
    except Exception as exc:  # zip and XML errors come in many types
        raise ImportProblem(f"{source}：Word 文件已损坏，无法读取（{type(exc).__name__}）", code="unreadable") from None
    content = DocxContent()
    content.numbering = Numbering.of(document)
    notes = _footnotes(document)
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    elements = _body_elements(document.element.body)
    content.units = _all_paragraph_texts(document.element.body, elements)
    for number, element in enumerate(elements, start=1):
        if element.tag == f"{_W}p":
            _paragraph(Paragraph(element, document), number, document, notes, content)
            for box in element.iter(f"{_W}txbxContent"):  # text boxes: their paragraphs follow
                if _in_fallback(box):
                    continue
                for inner in box.iter(f"{_W}p"):
                    text = "".join(t.text or "" for t in inner.iter(f"{_W}t") if _in_paragraph(t, inner))
                    cleaned, _depth = clean_line(text, markdown=False)
                    if cleaned:
                        content.blocks.append(Block(number, cleaned))
        else:
            _table(Table(element, document), number, content)
    content.units.extend(content.footnote_units)
    return content


def _all_paragraph_texts(body: Any, elements: list[Any]) -> list[SourceUnit]:
    """The text of every paragraph anywhere in the body, straight from the XML.

    The nothing-lost check compares these with the output, so text in a place the reader does
    not know (an unusual wrapper element) becomes an error instead of a silent drop. Each is
    numbered by the top-level paragraph or table it sits in (or the one before it).
    """
    numbers = {element: number for number, element in enumerate(elements, start=1)}
    units = []
    number = 0
    for paragraph in body.iter(f"{_W}p"):
        if _in_fallback(paragraph):
            continue
        ancestor = paragraph
        while ancestor is not None and ancestor not in numbers:
            ancestor = ancestor.getparent()
        if ancestor is not None:
            number = numbers[ancestor]
        text = "".join(t.text or "" for t in paragraph.iter(f"{_W}t") if _in_paragraph(t, paragraph))
        if text.strip():
            units.append(SourceUnit(max(number, 1), text))
    return units


def _body_elements(body: Any) -> list[Any]:
    """Paragraphs and tables in order, looking inside content controls (w:sdt, w:customXml)."""
    out = []
    for element in body.iterchildren():
        if element.tag in (f"{_W}p", f"{_W}tbl"):
            out.append(element)
        elif element.tag == f"{_W}sdt":
            for content in element.iterchildren(f"{_W}sdtContent"):
                out.extend(_body_elements(content))
        elif element.tag == f"{_W}customXml":
            out.extend(_body_elements(element))
    return out


def _inside(element: Any, tag: str) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _in_fallback(element: Any) -> bool:
    """Inside mc:Fallback: a second copy (VML) of a drawing that mc:Choice already holds."""
    parent = element.getparent()
    while parent is not None:
        if parent.tag == f"{_MC}Fallback":
            return True
        parent = parent.getparent()
    return False


def _in_paragraph(text: Any, paragraph: Any) -> bool:
    """True if the w:t belongs to `paragraph` itself, not to a paragraph nested in a text box."""
    parent = text.getparent()
    while parent is not None and parent.tag != f"{_W}p":
        parent = parent.getparent()
    return parent is paragraph


def _segments(paragraph: Any, document: Any, notes: dict[str, str], content: DocxContent, number: int) -> tuple[
    list[tuple[str, bool]], list[str], list[tuple[str, str]]
]:
    """(text, bold) pieces, image links and footnotes of one paragraph."""
    pieces: list[tuple[str, bool]] = []
    images: list[str] = []
    footnotes: list[tuple[str, str]] = []
    from docx.text.run import Run

    for element in paragraph._p.iter(f"{_W}r"):
        # Every run of this paragraph, also inside hyperlinks, tracked insertions, fields and
        # smart tags (paragraph.runs misses those); not runs of text boxes or deleted text.
        if not _in_paragraph(element, paragraph._p) or _in_fallback(element) or _inside(element, f"{_W}del"):
            continue
        run = Run(element, paragraph)
        bold = bool(run.bold)
        for child in element.iterchildren():
            tag = child.tag
            if tag == f"{_W}t":
                pieces.append((child.text or "", bold))
            elif tag == f"{_W}tab":
                pieces.append(("\t", bold))
            elif tag in (f"{_W}br", f"{_W}cr"):
                pieces.append(("\n", bold))
            elif tag == f"{_W}footnoteReference":
                label = child.get(f"{_W}id") or str(len(footnotes) + 1)
                pieces.append((f"\x00{label}\x00", bold))
                footnotes.append((label, escape(notes.get(label, ""))))
            elif tag == f"{_W}drawing" or tag.endswith("}pict"):
                for blip in child.iter(f"{_A}blip"):
                    rid = blip.get(f"{_R}embed")
                    part = document.part.related_parts.get(rid) if rid else None
                    if part is None:
                        continue
                    name = _save_image(str(part.partname).lstrip("/"), part.blob, number, content)
                    if name:
                        images.append(name)
    return pieces, images, footnotes


def _save_image(part: str, data: bytes, number: int, content: DocxContent) -> str | None:
    """The file name a picture part is saved as, chosen here from its content; None if it is no picture."""
    if part in content.saved:
        return content.saved[part]
    extension = image_extension(data)
    if extension is None:
        content.removals.append(Removal(number, f"嵌入的文件 {part}（{len(data)} 字节）",
                                        "不是可识别的图片格式，没有保存"))
        return None
    name = image_name(len(content.images) + 1, extension)
    content.images[name] = data
    content.saved[part] = name
    return name


def _inline(text: str) -> str:
    """Escape text and turn footnote placeholders into Markdown references."""
    out = []
    for index, part in enumerate(text.split("\x00")):
        out.append(f"[^{part}]" if index % 2 else escape(part))
    return "".join(out)


def _paragraph(paragraph: Any, number: int, document: Any, notes: dict[str, str], content: DocxContent) -> None:
    pieces, images, footnotes = _segments(paragraph, document, notes, content, number)
    raw = "".join(text for text, _ in pieces)
    visible = re.sub(r"\x00[^\x00]*\x00", "", raw)
    for label, _text in footnotes:
        content.footnote_units.append(SourceUnit(number, notes.get(label, "")))
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    numbered = content.numbering.label(paragraph) if content.numbering else None
    if numbered and numbered != "bullet":
        # Word's automatic numbering (一、 （一） 1.) is not in the text: put it back.
        pieces = [(numbered, bool(pieces and pieces[0][1])), *pieces]
        visible = numbered + visible
    text = " ".join(part.strip() for part in visible.replace("\t", " ").split("\n"))
    text, _depth = clean_line(text, markdown=False)
    heading = _HEADING_STYLE.match(style)
    if text:
        if style in ("Title", "标题"):
            content.blocks.append(Block(number, text, kind="title"))
        elif heading:
            content.blocks.append(Block(number, text, kind="heading", level=min(int(heading.group(1)), 3)))
        elif numbered == "bullet" or (numbered is None and style.startswith("List")):
            bullet = "1." if "Number" in style else "-"
            content.blocks.append(Block(number, text, kind="list", markdown=f"{bullet} {_inline(text)}",
                                        footnotes=footnotes))
        else:
            content.blocks.append(_body_paragraph(number, pieces, text, footnotes))
    for name in images:
        figure = int(name.removeprefix("image-").split(".", 1)[0])
        content.blocks.append(Block(number, "", kind="image", markdown=f"![图{figure}]({ASSETS}/{name})"))


def _body_paragraph(number: int, pieces: list[tuple[str, bool]], text: str,
                    footnotes: list[tuple[str, str]]) -> Block:
    """A body paragraph; a bold first sentence followed by plain text is a run-in heading."""
    bold_prefix = ""
    index = 0
    while index < len(pieces) and (pieces[index][1] or not pieces[index][0].strip()):
        bold_prefix += pieces[index][0]
        index += 1
    rest = "".join(t for t, _ in pieces[index:])
    has_markup = any("\x00" in t for t, _ in pieces)
    if bold_prefix.strip() and rest.strip() and not has_markup:
        head, _ = clean_line(bold_prefix, markdown=False)
        tail = rest.strip(" \t\u3000")
        return Block(number, text, markdown=bold_run_in(head, tail), footnotes=footnotes)
    if has_markup:
        joined = "".join(t for t, _ in pieces).strip(" \t\u3000")
        return Block(number, text, markdown=_inline(joined), footnotes=footnotes)
    return Block(number, text, footnotes=footnotes)


def _table(table: Any, number: int, content: DocxContent) -> None:
    rows: list[list[str]] = []
    for row in table.rows:
        cells = [" ".join(cell.text.split()) for cell in row.cells]
        rows.append(cells)
        content.units.append(SourceUnit(number, "".join(cells)))
    if not rows:
        return
    width = max(len(r) for r in rows)
    lines = []
    for index, cells in enumerate(rows):
        cells = cells + [""] * (width - len(cells))
        lines.append("| " + " | ".join(escape_cell(c) for c in cells) + " |")
        if index == 0:
            lines.append("|" + " --- |" * width)
    text = " ".join(" ".join(r) for r in rows)
    content.blocks.append(Block(number, text, kind="table", markdown="\n".join(lines)))
