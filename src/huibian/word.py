"""Word (.docx) files of the compilations, from the same HTML as the PDFs and the one layout.

Offices submit upward and edit compilations in Word or WPS. A bundle's Word file has the PDF's
page (A4, GB/T 9704 margins, mirrored), a document grid of 22 lines × 28 characters, named styles
for the title, the body and the 一、/（一）/1./（1） levels whose East Asian fonts are the official
faces (or what `pdf: fonts:` names), so the file renders exactly on an office PC that has them,
headings as outline levels (navigation pane, an inserted table of contents), page numbers
`— N —` on the outer side, a cover and contents list for a compilation, each report on a new page.
Footnotes are carried as the PDF shows them: a numbered list at the end of their report.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from docx import Document as new_document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import html as lxml_html

from huibian import layout as L

TWIPS_PER_PT = 20

STYLE_TITLE = "公文标题"
STYLE_BODY = "Normal"
STYLE_BYLINE = "署名"
STYLE_COVER = "封面标题"
STYLE_CONTENTS = "目录"


def word_faces(configured: dict[str, str]) -> dict[str, str]:
    """The face name for each role: what `pdf: fonts:` names (as a family), else the official face."""
    return {role: configured.get(role) or L.OFFICIAL_FACES[role] for role in L.ROLES}


def write_docx(body_html: str, front_html: str, faces: dict[str, str], root: Path) -> bytes:
    """The Word file of a bundle: its front matter (cover and contents, if any) and its reports."""
    document = new_document()
    _page_setup(document, has_cover=bool(front_html))
    _styles(document, faces)
    writer = _Writer(document, faces, root)
    if front_html:
        writer.front(lxml_html.document_fromstring(front_html))
    writer.reports(lxml_html.document_fromstring(body_html))
    out = io.BytesIO()
    document.save(out)
    return _reproducible(out.getvalue())


def _reproducible(data: bytes) -> bytes:
    """The same .docx with fixed zip dates and core properties: same inputs, same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = _fixed_core(content)
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, content)
    return out.getvalue()


def _fixed_core(xml: bytes) -> bytes:
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", xml)


# -- page, grid, footers ----------------------------------------------------------------------

def _page_setup(document: Any, has_cover: bool) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(L.PAGE_WIDTH_MM), Mm(L.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(L.TOP_MM), Mm(L.BOTTOM_MM)
    # With mirrored margins Word's left margin is the inner one (订口) on every page.
    section.left_margin, section.right_margin = Mm(L.BINDING_MM), Mm(L.OUTER_MM)
    section.header_distance = Mm(15)
    number_height_mm = L.PAGE_NUMBER_PT / L.PT_PER_MM
    section.footer_distance = Mm(L.BOTTOM_MM - L.PAGE_NUMBER_BELOW_MM - number_height_mm)
    settings = document.settings.element
    zoom = settings.find(qn("w:zoom"))  # the schema's order: mirrorMargins follows zoom
    (zoom.addnext if zoom is not None else lambda e: settings.insert(0, e))(OxmlElement("w:mirrorMargins"))
    document.settings.odd_and_even_pages_header_footer = True
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    # Word rounds the lines per page down: a pitch a hair under 225 mm / 22 keeps line 22.
    grid.set(qn("w:linePitch"), str(int(L.LINE_PITCH_PT * TWIPS_PER_PT)))
    grid.set(qn("w:charSpace"), str(round(L.TRACKING_PT * 4096)))  # 1/4096 pt added to the body size
    _page_number(section.footer.add_paragraph() if not section.footer.paragraphs else section.footer.paragraphs[0],
                 outer="right")
    _page_number(section.even_page_footer.paragraphs[0], outer="left")
    if has_cover:
        section.different_first_page_header_footer = True  # the cover has no number


def _page_number(paragraph: Any, outer: str) -> None:
    """`— N —` in 四号, one character in from the outer edge of the type area."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if outer == "right" else WD_ALIGN_PARAGRAPH.LEFT
    indent = Pt(L.PAGE_NUMBER_INDENT_PT)
    if outer == "right":
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.first_line_indent = Pt(0)
    before, after = L.PAGE_NUMBER_FORMAT.split("{}")
    paragraph.add_run(before)
    _field(paragraph, "PAGE")
    paragraph.add_run(after)
    for run in paragraph.runs:
        run.font.size = Pt(L.PAGE_NUMBER_PT)


def _field(paragraph: Any, instruction: str) -> None:
    """A complex field (begin, instruction, separate, a placeholder result, end)."""
    def run_with(child: Any) -> None:
        run = paragraph.add_run()
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run_with(text)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run("1")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


# -- styles -----------------------------------------------------------------------------------

def _set_face(target: Any, face: str) -> None:
    """A style's or a run's font for Latin and East Asian text (w:rFonts w:eastAsia)."""
    target.font.name = face
    properties = target.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), face)


def _outline(properties: Any, level: int) -> None:
    """An outline level (0 = the title) in paragraph properties: the navigation pane and a TOC field use it."""
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    properties.insert_element_before(outline, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _grid_characters(body: Any) -> None:
    """28 body characters a line in Word, WPS and LibreOffice alike.

    The section's grid (w:docGrid, 28 characters) is what Word and WPS show in 页面设置; LibreOffice
    gives a character narrower than its grid cell (16 pt in a 15.79 pt cell) two cells, which would
    spread the text out. So the body does not snap to the character grid and is set with the grid's
    tracking instead (rounded down to Word's 1/20 pt so that 28 fit), which gives 28 everywhere.
    """
    no_snap = OxmlElement("w:snapToGrid")
    no_snap.set(qn("w:val"), "0")
    body.element.get_or_add_pPr().insert_element_before(
        no_snap, "w:spacing", "w:ind", "w:contextualSpacing", "w:jc", "w:outlineLvl", "w:rPr", "w:sectPr")
    tracking = OxmlElement("w:spacing")
    tracking.set(qn("w:val"), str(math.floor(L.TRACKING_PT * TWIPS_PER_PT)))
    body.element.get_or_add_rPr().insert_element_before(
        tracking, "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:lang")


def _styles(document: Any, faces: dict[str, str]) -> None:
    styles = document.styles
    # The grid's character pitch is the default size plus w:charSpace: the default is the body's 三号.
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for size in (defaults.find(qn("w:sz")), defaults.find(qn("w:szCs"))):
        size.set(qn("w:val"), str(int(L.BODY_PT * 2)))
    body = styles[STYLE_BODY]
    _set_face(body, faces["body"])
    body.font.size = Pt(L.BODY_PT)
    body_format = body.paragraph_format
    body_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY  # w:jc both: 两端对齐
    body_format.first_line_indent = Pt(2 * L.CHAR_PITCH_PT)
    body_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    body_format.line_spacing = Pt(L.LINE_PITCH_PT)
    body_format.space_before = body_format.space_after = Pt(0)
    body_format.widow_control = True
    _grid_characters(body)

    def paragraph_style(name: str, role: str, size: float = L.BODY_PT, bold: bool = False) -> Any:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = body
        style.quick_style = True
        _set_face(style, faces[role])
        style.font.size = Pt(size)
        style.font.bold = bold
        return style

    title = paragraph_style(STYLE_TITLE, "title", L.TITLE_PT)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing = Pt(L.TITLE_PT * L.TITLE_LINE_FACTOR)
    title.paragraph_format.space_after = Pt(L.LINE_PITCH_PT)
    title.paragraph_format.keep_with_next = True
    _outline(title.element.get_or_add_pPr(), 0)
    byline = paragraph_style(STYLE_BYLINE, "kai")
    byline.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    byline.paragraph_format.first_line_indent = Pt(0)
    byline.paragraph_format.space_after = Pt(L.LINE_PITCH_PT)
    for level in L.HEADING_LEVELS:
        heading = paragraph_style(level.name, level.role, bold=level.bold)
        heading.paragraph_format.keep_with_next = True
        _outline(heading.element.get_or_add_pPr(), level.level)
    cover = paragraph_style(STYLE_COVER, "title", L.COVER_TITLE_PT)
    cover.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cover.paragraph_format.first_line_indent = Pt(0)
    cover.paragraph_format.line_spacing = Pt(L.COVER_TITLE_PT * L.COVER_LINE_FACTOR)
    contents = paragraph_style(STYLE_CONTENTS, "body")
    contents.paragraph_format.first_line_indent = Pt(0)
    contents.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT


# -- content ----------------------------------------------------------------------------------

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "div", "details",
           "section", "article", "nav", "hr", "pre", "dl"}


class _Writer:
    def __init__(self, document: Any, faces: dict[str, str], root: Path) -> None:
        self.document, self.faces, self.root = document, faces, root.resolve()
        self.page_break = False
        # python-docx looks a style name up in every style each time (0.02 s a paragraph): once here.
        self.style_ids = {style.name: style.style_id for style in document.styles}

    def add(self, style: str) -> Any:
        """A new paragraph in `style` (by name)."""
        paragraph = self.document.add_paragraph()
        if style != STYLE_BODY:
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def front(self, tree: Any) -> None:
        """The cover (one page, no number) and the contents list, as the PDF's front matter has them."""
        for cover in tree.find_class("hb-cover"):
            for element in cover:
                part = element.get("class", "").removeprefix("hb-cover-")
                paragraph = self.add(STYLE_COVER if part == "title" else STYLE_BYLINE)
                paragraph.paragraph_format.space_before = Pt(L.COVER_SPACE_MM.get(part, 0) * L.PT_PER_MM)
                if part == "title":
                    self.inline(paragraph, element)
                else:
                    size = L.COVER_SUBTITLE_PT if part in ("subtitle", "volume") else L.BODY_PT
                    self.inline(paragraph, element, role="hei" if part == "subtitle" else "kai", size=size)
        for contents in tree.find_class("hb-toc"):
            heading = self.add(STYLE_TITLE)
            heading.paragraph_format.page_break_before = True
            heading.paragraph_format.keep_with_next = False
            _outline(heading._p.get_or_add_pPr(), 9)  # set like a title, but no entry of the navigation pane
            self.inline(heading, contents.find(".//h1"), role="hei")
            for item in contents.iter("li"):
                paragraph = self.add(STYLE_CONTENTS)
                if "hb-toc-group" in item.get("class", ""):
                    self.inline(paragraph, item, role="hei")
                else:
                    paragraph.paragraph_format.left_indent = Pt(L.CHAR_PITCH_PT if "hb-toc-entry" in item.get("class", "")
                                                                else 0)
                    self.inline(paragraph, item)
        self.page_break = True

    def reports(self, tree: Any) -> None:
        for article in tree.find_class("hb-report"):
            for element in article:
                self.block(element)
            self.page_break = True

    def block(self, element: Any) -> None:
        tag, css = element.tag, element.get("class", "")
        if tag == "h1":
            self.inline(self.paragraph(STYLE_TITLE), element)
        elif tag == "p" and "hb-byline" in css:
            self.inline(self.paragraph(STYLE_BYLINE), element)
        elif tag in ("h2", "h3", "h4", "h5", "h6"):
            level = L.level_of_markdown(int(tag[1])) or L.HEADING_LEVELS[-1]
            self.inline(self.paragraph(level.name), element)
        elif tag in ("ul", "ol"):
            style = "List Bullet" if tag == "ul" else "List Number"
            for item in element.iterchildren("li"):
                self.list_item(item, style)
        elif tag == "table":
            self.table(element)
        elif tag == "blockquote":
            for child in element:
                self.block(child)
        elif tag == "hr":
            return
        elif tag in ("div", "details", "section") or (tag == "p" and _only_blocks(element)):
            if "admonition-title" in css or tag == "summary":
                self.inline(self.paragraph(L.HEADING_LEVELS[0].name), element)
                return
            for child in element:
                self.block(child)
        elif tag == "summary":
            self.inline(self.paragraph(STYLE_BODY), element, role="hei")
        else:  # p, pre, and any other block holding text
            paragraph = self.paragraph(STYLE_BODY)
            if "admonition-title" in css:
                self.inline(paragraph, element, role="hei")
            else:
                self.inline(paragraph, element)

    def list_item(self, item: Any, style: str) -> None:
        """A list item's text in a list paragraph; nested lists and paragraphs after it follow."""
        inline_part = _InlineView(item)
        paragraph = self.paragraph(style)
        paragraph.paragraph_format.first_line_indent = Pt(0)
        self.inline(paragraph, inline_part)
        for child in item:
            if child.tag in ("ul", "ol") or (child.tag == "p" and child is not inline_part.paragraph):
                self.block(child)

    def table(self, element: Any) -> None:
        rows = [row for row in element.iter("tr")]
        if not rows:
            return
        width = max(len(row.findall("th")) + len(row.findall("td")) for row in rows)
        table = self.document.add_table(rows=len(rows), cols=max(width, 1))
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, cell in enumerate([x for x in row if x.tag in ("th", "td")]):
                paragraph = table.cell(r, c).paragraphs[0]
                paragraph.paragraph_format.first_line_indent = Pt(0)
                paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
                paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
                self.inline(paragraph, cell, role="hei" if cell.tag == "th" else "", size=L.SMALL_PT)
        self.page_break = False

    def paragraph(self, style: str) -> Any:
        paragraph = self.add(style)
        if self.page_break:
            paragraph.paragraph_format.page_break_before = True
            self.page_break = False
        return paragraph

    def inline(self, paragraph: Any, element: Any, role: str = "", size: float = 0, bold: bool = False,
               superscript: bool = False) -> None:
        """The text of `element` as runs of `paragraph`, with its faces, bold, breaks and images."""
        if element is None:
            return

        def add(text: str | None) -> None:
            if not text:
                return
            run = paragraph.add_run(text)
            if role:
                _set_face(run, self.faces[role])
            if size:
                run.font.size = Pt(size)
            if bold:
                run.font.bold = True
            if superscript:
                run.font.superscript = True

        add(element.text)
        for child in element:
            tag, css = child.tag, child.get("class", "") if isinstance(child.tag, str) else ""
            if "footnote-backref" in css:  # ↩ and the no-break space before it: links back, not text
                if paragraph.runs and paragraph.runs[-1].text.endswith("\xa0"):
                    paragraph.runs[-1].text = paragraph.runs[-1].text.rstrip("\xa0")
            elif not isinstance(tag, str) or tag in ("ul", "ol"):
                pass
            elif tag == "br":
                paragraph.add_run().add_break()
            elif tag == "img":
                self.image(paragraph, child)
            elif tag in ("strong", "b"):
                self.inline(paragraph, child, "body-bold", size, True, superscript)
            elif tag == "sup":
                self.inline(paragraph, child, role, size, bold, True)
            elif tag == "span" and css.startswith("hb-h"):
                level = L.HEADING_LEVELS[int(css[4:]) - 1]
                self.inline(paragraph, child, level.role, size, level.bold, superscript)
            elif tag == "span" and "hb-missing-image" in css:
                self.inline(paragraph, child, "kai", size, bold, superscript)
            else:
                self.inline(paragraph, child, role, size, bold, superscript)
            add(child.tail)

    def image(self, paragraph: Any, element: Any) -> None:
        source = unquote(element.get("src", ""))
        path = (self.root / source).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            paragraph.add_run(f"［图片：{element.get('alt') or source}］")
            return
        try:
            picture = paragraph.add_run().add_picture(str(path))
        except Exception:  # an image format Word does not take (SVG, damaged file): its description instead
            paragraph.add_run(f"［图片：{element.get('alt') or source}］")
            return
        widest = Mm(L.TYPE_WIDTH_MM)
        if picture.width > widest:
            picture.height = int(picture.height * widest / picture.width)
            picture.width = widest


class _InlineView:
    """A list item as inline content: its text and the text of its first paragraph, if it has one."""

    def __init__(self, item: Any) -> None:
        self.paragraph = item.find("p")
        self.source = self.paragraph if self.paragraph is not None else item
        self.text = self.source.text
        self.tail = None
        self.tag = "li"

    def __iter__(self) -> Iterator[Any]:
        return iter([c for c in self.source if c.tag not in ("ul", "ol", "p")])

    def get(self, key: str, default: str = "") -> str:
        return self.source.get(key, default)


def _only_blocks(element: Any) -> bool:
    """A paragraph that holds only block elements (md_in_html): its children are written as blocks."""
    return not (element.text or "").strip() and len(element) > 0 and all(
        isinstance(c.tag, str) and c.tag in _BLOCKS and not (c.tail or "").strip() for c in element)
