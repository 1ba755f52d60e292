"""Word (.docx) files to blocks, read straight from the package's XML.

What is read: paragraphs with heading/title/list styles and Word's automatic numbering, bold
run-in headings, hyperlinks, fields, tracked insertions (deletions and move sources are left
out), content controls at every level, text boxes (after their paragraph), tables at any depth
(a nested table follows the table it sits in; merged cells never crash), footnotes and endnotes
(Markdown footnotes), equations (linear text), symbols and special hyphens, emoji, and pictures
wherever they sit (inline, anchored, VML, in cells and text boxes). Headers, footers and comments
are not report text: they go to the removal log with their reason. Of an mc:AlternateContent the
Fallback is read (it carries emoji and the VML copy of drawings), the Choice only without one.
What cannot be imported — charts, embedded documents (altChunk), SmartArt, the data of embedded
objects — goes to the removal log with what to do about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from huibian.importer.docx_math import linear
from huibian.importer.docx_package import MATH, MC, PICTURE_REFS, RELATED, DocxPackage, W
from huibian.importer.images import image_extension, image_name
from huibian.importer.model import Block, Removal
from huibian.importer.render import bold_run_in, escape, escape_cell
from huibian.importer.textsource import clean_line
from huibian.importer.wordchars import NO_BREAK_HYPHEN, SOFT_HYPHEN, symbol
from huibian.junk import PAGE_NUMBER_LINE

ASSETS = "@ASSETS@"
"""Stands for the report's image folder in image links until the report's file name is known."""

_W = "{" + W + "}"
_SKIPPED = {_W + "del", _W + "moveFrom", _W + "pPr", _W + "rPr", _W + "sdtPr", _W + "sdtEndPr"}
_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag"}
_HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.IGNORECASE)
_ALT_CHUNK = _W + "altChunk"
_EMBEDDED_OBJECT = "嵌入的对象（如 Excel 表格）中的数据没有导入，报告里只有它在 Word 中显示的样子"
_UNIMPORTED = {
    "chart": "Word 图表没有导入：请在 Word 中复制图表，用“选择性粘贴 → 图片”粘回后再导入，或把图表的数据写成表格",
    "aFChunk": "嵌入的外部文档（altChunk）中的内容没有导入：请在 Word 中打开文件，另存为 .docx（Word 会把它并入正文），"
               "再导入另存的文件",
    "diagramData": "SmartArt 图形中的文字没有导入：请在 Word 中把它转换为文本（或复制为图片）后再导入",
    "oleObject": _EMBEDDED_OBJECT,
    "package": _EMBEDDED_OBJECT,
    "image": "用作形状或页面填充的图片，不是正文中的图片，没有写入报告",
}
"""Why a part the text refers to is not imported, by relationship kind (see Relationship.kind)."""
_CN_DIGITS = "零一二三四五六七八九"
_OFF = ("0", "false", "off")


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


def _val(element: Any, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return found.get(_W + "val") if found is not None else None


class Numbering:
    """Word's automatic paragraph numbering (word/numbering.xml), counted in document order."""

    def __init__(self, levels: dict[tuple[str, str], tuple[str, str, int, str]]) -> None:
        self.levels = levels
        """(numId, ilvl) -> (numFmt, lvlText, start, abstractNumId)"""
        self.counters: dict[str, dict[int, int]] = {}

    @classmethod
    def of(cls, package: DocxPackage) -> Numbering:
        mapping: dict[tuple[str, str], tuple[str, str, int, str]] = {}
        for name in package.related(package.main, "numbering"):
            root = package.xml(name)
            abstract: dict[str, dict[str, tuple[str, str, int]]] = {}
            for item in root.iter(f"{_W}abstractNum"):
                levels = {}
                for lvl in item.iter(f"{_W}lvl"):
                    first = _val(lvl, f"{_W}start") or "1"
                    levels[lvl.get(f"{_W}ilvl") or "0"] = (
                        _val(lvl, f"{_W}numFmt") or "decimal", _val(lvl, f"{_W}lvlText") or "",
                        int(first) if first.isdigit() else 1,
                    )
                abstract[item.get(f"{_W}abstractNumId") or ""] = levels
            for num in root.iter(f"{_W}num"):
                key = _val(num, f"{_W}abstractNumId") or ""
                for ilvl, (fmt, text, start) in abstract.get(key, {}).items():
                    mapping[(num.get(f"{_W}numId") or "", ilvl)] = (fmt, text, start, key)
        return cls(mapping)

    def label(self, num_id: str, ilvl: str) -> str | None:
        """The number Word shows before a paragraph ("一、", "（二）", "3."), "bullet", or None."""
        level = self.levels.get((num_id, ilvl))
        if level is None or num_id == "0":
            return None
        fmt, text, start, abstract = level
        if fmt == "bullet":
            return "bullet"
        if fmt == "none":
            return None
        counters = self.counters.setdefault(abstract, {})
        depth = int(ilvl) if ilvl.isdigit() else 0
        counters[depth] = counters[depth] + 1 if depth in counters else start
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]
        out = text
        for index in range(depth + 1):
            lvl = self.levels.get((num_id, str(index)))
            value = counters.get(index, lvl[2] if lvl else 1)
            out = out.replace(f"%{index + 1}", _format(value, lvl[0] if lvl else "decimal"))
        return out or None


class Styles:
    """Paragraph style names and the numbering a style carries (word/styles.xml)."""

    def __init__(self, package: DocxPackage) -> None:
        self.names: dict[str, str] = {}
        self.numbers: dict[str, tuple[str, str]] = {}
        self.default = ""
        for name in package.related(package.main, "styles"):
            for style in package.xml(name).iter(f"{_W}style"):
                style_id = style.get(f"{_W}styleId") or ""
                self.names[style_id] = _val(style, f"{_W}name") or style_id
                num_id = _val(style, f"{_W}pPr/{_W}numPr/{_W}numId")
                if num_id:
                    self.numbers[style_id] = (num_id, _val(style, f"{_W}pPr/{_W}numPr/{_W}ilvl") or "0")
                if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in ("1", "true", "on"):
                    self.default = style_id

    def of(self, paragraph: Any) -> tuple[str, tuple[str, str] | None]:
        """(style name, (numId, ilvl) of the paragraph's own or its style's numbering)."""
        if paragraph.tag != _W + "p":
            return "", None  # an altChunk read as a paragraph has neither
        style_id = _val(paragraph, f"{_W}pPr/{_W}pStyle") or self.default
        num_id = _val(paragraph, f"{_W}pPr/{_W}numPr/{_W}numId")
        number = None
        if num_id:
            number = (num_id, _val(paragraph, f"{_W}pPr/{_W}numPr/{_W}ilvl") or "0")
        return self.names.get(style_id, style_id), number or self.numbers.get(style_id)


@dataclass
class Inline:
    """What one paragraph holds: (text, bold) pieces, picture names, note labels and text boxes."""

    pieces: list[tuple[str, bool]] = field(default_factory=list)
    pictures: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    boxes: list[Any] = field(default_factory=list)
    math: bool = False
    """It holds an equation, whose linear text no text rule (title suffixes, junk cuts) may cut into."""

    def add(self, text: str, bold: bool) -> None:
        self.pieces.append((text, bold))


@dataclass
class DocxContent:
    """What the reader made of a Word file: blocks, saved pictures and the removals it logged."""

    blocks: list[Block] = field(default_factory=list)
    images: dict[str, bytes] = field(default_factory=dict)
    """File name the importer chose (image-001.png) -> bytes."""
    saved: dict[str, str] = field(default_factory=dict)
    """Package part name -> the file name it is saved as."""
    removals: list[Removal] = field(default_factory=list)
    logged_parts: set[str] = field(default_factory=set)
    """Embedded parts listed in the removal log instead of saved (charts, non-pictures, header pictures)."""


def _chosen(alternate: Any) -> Any:
    branch = alternate.find(MC + "Fallback")
    return branch if branch is not None else alternate.find(MC + "Choice")


def _is_bold(run: Any) -> bool:
    value = _val(run, f"{_W}rPr/{_W}b")
    return run.find(f"{_W}rPr/{_W}b") is not None and (value is None or value.lower() not in _OFF)


class _Reader:
    def __init__(self, package: DocxPackage) -> None:
        self.package = package
        self.part = package.main
        self.content = DocxContent()
        self.numbering = Numbering.of(package)
        self.styles = Styles(package)
        self.notes: dict[str, dict[str, Any]] = {}
        for kind in ("footnote", "endnote"):
            self.notes[kind] = {}
            for name in package.related(package.main, kind + "s"):
                for note in package.xml(name).iter(_W + kind):
                    self.notes[kind][note.get(_W + "id") or ""] = (name, note)
        self.number = 0
        self.place = ""
        self.pending_notes: list[tuple[str, str]] = []
        """Notes referenced in the table being read (Markdown tables cannot hold them)."""

    # -- inline content -------------------------------------------------------------------------

    def inline(self, paragraph: Any) -> Inline:
        out = Inline()
        if paragraph.tag == _ALT_CHUNK:  # an embedded document in a paragraph's place: logged, not read
            self.unimported(paragraph)
        else:
            self._children(paragraph, out)
        return out

    def _children(self, element: Any, out: Inline) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == _W + "r":
                self._run(child, _is_bold(child), out)
            elif tag == MC + "AlternateContent":
                branch = _chosen(child)
                if branch is not None:
                    self._children(branch, out)
            elif tag in (MATH + "oMath", MATH + "oMathPara"):
                out.add(linear(child), False)
                out.math = True
            elif tag == _W + "txbxContent":
                out.boxes.append(child)
            else:  # hyperlinks, insertions, move targets, fields, content controls, smart tags
                self._children(child, out)

    def _run(self, run: Any, bold: bool, out: Inline) -> None:
        for child in run:
            tag = child.tag
            if tag == _W + "t":
                out.add(child.text or "", bold)
            elif tag in (_W + "tab", _W + "ptab"):
                out.add("\t", bold)
            elif tag in (_W + "br", _W + "cr"):
                out.add("\n", bold)
            elif tag == _W + "sym":
                out.add(symbol(child.get(_W + "font"), child.get(_W + "char")), bold)
            elif tag == _W + "noBreakHyphen":
                out.add(NO_BREAK_HYPHEN, bold)
            elif tag == _W + "softHyphen":
                out.add(SOFT_HYPHEN, bold)
            elif tag in (_W + "footnoteReference", _W + "endnoteReference"):
                self._note(tag[len(_W):].removesuffix("Reference"), child.get(_W + "id") or "", bold, out)
            elif tag in (_W + "drawing", _W + "pict", _W + "object"):
                self._graphic(child, out)
            elif tag == MC + "AlternateContent":
                branch = _chosen(child)
                if branch is not None:
                    self._run(branch, bold, out)
            elif tag == _W + "ruby":
                self._children(child, out)

    def _note(self, kind: str, note_id: str, bold: bool, out: Inline) -> None:
        label = note_id if kind == "footnote" else f"e{note_id}"
        found = self.notes[kind].get(note_id)
        text = ""
        if found is not None:
            name, note = found
            part, self.part = self.part, name
            texts = [self.cell_markdown(p, escape)[0] for p in _paragraphs(note)]
            self.part = part
            text = " ".join(t for t in texts if t)
        out.add(f"\x00{label}\x00", bold)
        out.notes.append((label, text))

    def _graphic(self, element: Any, out: Inline) -> None:
        """Pictures and text boxes of a drawing, VML shape or embedded object."""
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == _W + "txbxContent":
                out.boxes.append(child)
                continue
            if tag == MC + "AlternateContent":
                branch = _chosen(child)
                if branch is not None:
                    self._graphic(branch, out)
                continue
            if tag in PICTURE_REFS:
                name = self.picture(child.get(PICTURE_REFS[tag]) or "")
                if name:
                    out.pictures.append(name)
            elif any(attribute.startswith(RELATED) for attribute in child.attrib):
                self.unimported(child)  # a chart, SmartArt, embedded object, picture fill
            self._graphic(child, out)

    def unimported(self, element: Any) -> None:
        """Log the parts `element` refers to (a chart, an embedded document…), which are not imported."""
        rels = [rel for attribute, rid in element.attrib.items() if attribute.startswith(RELATED)
                and (rel := self.package.relationship(self.part, rid)) is not None and rel.kind != "hyperlink"]
        fresh = [rel for rel in rels if rel.target not in self.content.logged_parts and rel.target not in self.content.saved]
        if not fresh:
            return
        first = fresh[0]
        reason = _UNIMPORTED.get(first.kind) or f"无法导入的嵌入内容（{first.kind}），没有写入报告"
        self.content.removals.append(Removal(self.number, f"{first.part_name} {first.target}", reason, self.place))
        self.content.logged_parts.update(rel.target for rel in fresh)

    def picture(self, rid: str) -> str | None:
        """The file name a picture is saved as, chosen here from its content; None if it is no picture."""
        part = self.package.target(self.part, rid)
        if part is None:
            return None
        if part in self.content.saved:
            return self.content.saved[part]
        data = self.package.parts[part]
        extension = image_extension(data)
        if extension is None or self.place:
            reason = (f"{self.place}中的图片（如单位标志），不是正文，没有写入报告" if extension
                      else "不是可识别的图片格式，没有保存")
            if part not in self.content.logged_parts:
                self.content.removals.append(Removal(self.number, f"嵌入的文件 {part}（{len(data)} 字节）", reason,
                                                     self.place))
                self.content.logged_parts.add(part)
            return None
        name = image_name(len(self.content.images) + 1, extension)
        self.content.images[name] = data
        self.content.saved[part] = name
        return name

    # -- blocks ---------------------------------------------------------------------------------

    def cell_markdown(self, paragraph: Any, escaper: Any = escape_cell) -> tuple[str, str]:
        """One paragraph in a table cell or a note: (inline Markdown, plain text).

        With its numbering, note references, pictures and text boxes.
        """
        inline = self.inline(paragraph)
        _style, number = self.styles.of(paragraph)
        label = self.numbering.label(*number) if number else None
        label = label if label and label != "bullet" else ""
        pieces = "".join(t for t, _ in inline.pieces).split("\x00")
        markdown = [escaper(label), "".join(f"[^{piece}]" if index % 2 else escaper(" ".join(piece.split()))
                                            for index, piece in enumerate(pieces))]
        plain = [label, " ".join("".join(pieces[::2]).split())]
        markdown += [f"![图{_figure(name)}]({ASSETS}/{name})" for name in inline.pictures]
        for box in inline.boxes:
            for inner in _paragraphs(box):
                box_markdown, box_plain = self.cell_markdown(inner, escaper)
                markdown.append(box_markdown)
                plain.append(box_plain)
        self.pending_notes.extend(inline.notes)
        return " ".join(m for m in markdown if m).strip(), " ".join(t for t in plain if t).strip()

    def body(self, container: Any) -> None:
        for element in body_blocks(container):
            self.number += 1
            if element.tag == _W + "tbl":
                self.table(element)
            else:
                self.paragraph(element)

    def paragraph(self, element: Any) -> None:
        inline = self.inline(element)
        blocks = self.content.blocks
        before = len(blocks)
        _paragraph_blocks(self.number, inline, *self.styles.of(element), self.numbering, blocks)
        if _val(element, f"{_W}pPr/{_W}jc") == "center":
            _centred_title(blocks, before)
        for box in inline.boxes:
            for inner in _paragraphs(box):
                self.paragraph(inner)

    def table(self, element: Any) -> None:
        nested: list[Any] = []
        rows: list[list[str]] = []
        self.pending_notes = []
        plain: list[str] = []
        for row in _children(element, _W + "tr"):
            cells: list[str] = [""] * _count(_val(row, f"{_W}trPr/{_W}gridBefore"), 0)
            for cell in _children(row, _W + "tc"):
                texts = []
                for item in body_blocks(cell):
                    if item.tag == _W + "tbl":
                        nested.append(item)
                    else:
                        markdown, text = self.cell_markdown(item)
                        texts.append(markdown)
                        plain.append(text)
                cells.append(" ".join(t for t in texts if t))
                cells += [""] * (_count(_val(cell, f"{_W}tcPr/{_W}gridSpan"), 1) - 1)
            rows.append(cells)
        notes = self.pending_notes
        if any(any(cells) for cells in rows):
            width = max(len(cells) for cells in rows)
            lines = []
            for index, cells in enumerate(rows):
                cells = cells + [""] * (width - len(cells))
                lines.append("| " + " | ".join(cells) + " |")
                if index == 0:
                    lines.append("|" + " --- |" * width)
            text = " ".join(t for t in plain if t)
            self.content.blocks.append(Block(self.number, text, kind="table", markdown="\n".join(lines),
                                             footnotes=notes))
        for inner in nested:
            self.table(inner)

    def furniture(self) -> None:
        """Headers, footers and comments: listed in the removal log, each with its reason."""
        for kind, place in (("header", "页眉"), ("footer", "页脚")):
            for name in self.package.related(self.package.main, kind):
                self.part, self.place = name, place
                for paragraph in _paragraphs(self.package.xml(name)):
                    text = self.plain(paragraph)
                    if text:
                        reason = "页码" if PAGE_NUMBER_LINE.match(text) else "每页重复的版头版尾，不是正文"
                        self.content.removals.append(Removal(self.number, text, f"{place}：{reason}", place))
        for name in self.package.related(self.package.main, "comments"):
            self.part = name
            for number, comment in enumerate(self.package.xml(name).iter(_W + "comment"), start=1):
                self.place = f"批注 {number}"  # counted as Word's review pane shows them (w:id starts at 0)
                author = comment.get(_W + "author") or "未署名"
                text = " ".join(t for t in (self.plain(p) for p in _paragraphs(comment)) if t)
                if text:
                    self.content.removals.append(Removal(self.number, text, f"批注（{author}）：审阅意见，不是正文",
                                                         self.place))
        self.part, self.place = self.package.main, ""

    def plain(self, paragraph: Any) -> str:
        """The text of a header, footer or comment paragraph, with that of its text boxes."""
        inline = self.inline(paragraph)
        texts = [re.sub(r"\x00[^\x00]*\x00", "", "".join(t for t, _ in inline.pieces))]
        texts += [self.plain(inner) for box in inline.boxes for inner in _paragraphs(box)]
        return " ".join(" ".join(texts).split())


def _count(value: str | None, default: int) -> int:
    """A small count from the XML (a span, cells skipped), `default` when absent or absurd."""
    return int(value) if value and value.isdigit() and int(value) <= 64 else default


def _figure(name: str) -> int:
    return int(name.removeprefix("image-").split(".", 1)[0])


def _children(element: Any, tag: str) -> list[Any]:
    """Children with `tag`, looking through content controls, custom XML and alternate content."""
    out = []
    for child in element:
        if child.tag == tag:
            out.append(child)
        elif child.tag in _WRAPPERS:
            out.extend(_children(child, tag))
        elif child.tag == MC + "AlternateContent" and _chosen(child) is not None:
            out.extend(_children(_chosen(child), tag))
    return out


def body_blocks(container: Any) -> list[Any]:
    """The blocks of a body, cell or note — paragraphs, tables and embedded documents (altChunk) — in
    order, looking inside content controls, custom XML and alternate content. Word paragraphs are
    numbered (第 N 段) by the body's blocks."""
    out = []
    for child in container:
        if child.tag in (_W + "p", _W + "tbl", _ALT_CHUNK):
            out.append(child)
        elif child.tag in _WRAPPERS:
            out.extend(body_blocks(child))
        elif child.tag == MC + "AlternateContent" and _chosen(child) is not None:
            out.extend(body_blocks(_chosen(child)))
    return out


def _paragraphs(container: Any) -> list[Any]:
    """The paragraphs (and altChunks) of a text box, note, header or comment (those in its tables too), in order."""
    out = []
    for item in body_blocks(container):
        if item.tag != _W + "tbl":
            out.append(item)
        else:
            for row in _children(item, _W + "tr"):
                for cell in _children(row, _W + "tc"):
                    out.extend(_paragraphs(cell))
    return out


def _paragraph_blocks(number: int, inline: Inline, style: str, numbering_ref: tuple[str, str] | None,
                      numbering: Numbering, blocks: list[Block]) -> None:
    pieces = inline.pieces
    raw = "".join(text for text, _ in pieces)
    visible = re.sub(r"\x00[^\x00]*\x00", "", raw)
    numbered = numbering.label(*numbering_ref) if numbering_ref else None
    if numbered and numbered != "bullet":
        # Word's automatic numbering (一、 （一） 1.) is not in the text: put it back.
        pieces = [(numbered, bool(pieces and pieces[0][1])), *pieces]
        visible = numbered + visible
    text = " ".join(part.strip() for part in visible.replace("\t", " ").split("\n"))
    text, _depth = clean_line(text, markdown=False)
    heading = _HEADING_STYLE.match(style)
    lowered = style.lower()
    notes = inline.notes
    if text:
        # With note references the Markdown is made from the text that still holds them.
        marked = _inline(_one_line(pieces)) if notes else escape(text)
        if lowered in ("title", "标题"):
            blocks.append(Block(number, text, kind="title", markdown=marked if notes else None, footnotes=notes))
        elif heading:
            level = min(int(heading.group(1)), 3)
            blocks.append(Block(number, text, kind="heading", level=level,
                                markdown=f"{'#' * (level + 1)} {marked}" if notes else None, footnotes=notes))
        elif numbered == "bullet" or (numbered is None and lowered.startswith("list")):
            bullet = "1." if "number" in lowered else "-"
            blocks.append(Block(number, text, kind="list", markdown=f"{bullet} {marked}", footnotes=notes))
        else:
            blocks.append(_body_paragraph(number, pieces, text, inline.notes, inline.math))
    elif inline.notes:  # a paragraph that is only a note reference keeps the reference
        blocks.append(Block(number, "", markdown=_inline(raw.strip()), footnotes=inline.notes))
    for name in inline.pictures:
        blocks.append(Block(number, "", kind="image", markdown=f"![图{_figure(name)}]({ASSETS}/{name})"))


_TITLE_PUNCT = re.compile(r"[。！？；，,;：:]")


def _centred_title(blocks: list[Block], added: int) -> None:
    """A centred short line that opens the document is its title, even without the Title style
    (公文 set the title centred in a direct format)."""
    if added != len(blocks) - 1 or any(b.text.strip() for b in blocks[:added]):
        return
    block = blocks[added]
    if block.kind == "para" and block.markdown is None and len(block.text) <= 60 and not _TITLE_PUNCT.search(block.text):
        blocks[added] = replace(block, kind="title")


def _inline(text: str) -> str:
    """Escape text and turn note placeholders into Markdown references."""
    out = []
    for index, part in enumerate(text.split("\x00")):
        out.append(f"[^{part}]" if index % 2 else escape(part))
    return "".join(out)


def _one_line(pieces: list[tuple[str, bool]]) -> str:
    """The paragraph's text on one line, note placeholders kept, without the indentation around it."""
    joined = " ".join(part.strip() for part in "".join(t for t, _ in pieces).replace("\t", " ").split("\n"))
    return joined.strip(" \t\u3000")


def _body_paragraph(number: int, pieces: list[tuple[str, bool]], text: str,
                    footnotes: list[tuple[str, str]], math: bool) -> Block:
    """A body paragraph; a bold first sentence followed by plain text is a run-in heading.

    With note references or an equation its Markdown is fixed here, so no later rule cuts into it."""
    bold_prefix = ""
    index = 0
    while index < len(pieces) and (pieces[index][1] or not pieces[index][0].strip()):
        bold_prefix += pieces[index][0]
        index += 1
    rest = "".join(t for t, _ in pieces[index:])
    has_markup = math or any("\x00" in t for t, _ in pieces)
    if bold_prefix.strip() and rest.strip() and not has_markup:
        head, _ = clean_line(bold_prefix, markdown=False)
        tail = rest.strip(" \t\u3000")
        return Block(number, text, markdown=bold_run_in(head, tail), footnotes=footnotes)
    if has_markup:
        return Block(number, text, markdown=_inline(_one_line(pieces)), footnotes=footnotes)
    return Block(number, text, footnotes=footnotes)


def read_docx(package: DocxPackage) -> DocxContent:
    """The blocks, pictures and logged furniture of an opened Word package."""
    reader = _Reader(package)
    root = package.xml(package.main)
    for background in root.iter(_W + "background"):  # a page colour or picture fill is not report text
        for element in background.iter():
            reader.unimported(element)
    body = root.find(_W + "body")
    if body is not None:
        reader.body(body)
    reader.furniture()
    return reader.content
