"""The import pipeline: source bytes in, Markdown reports, removals and a nothing-lost check out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from huibian import safeyaml, templates
from huibian.assets import IMAGE_SUFFIXES
from huibian.collection import Collection
from huibian.importer import metadata
from huibian.importer.decoding import decode_bytes
from huibian.importer.docx_inventory import Inventory, package_inventory
from huibian.importer.docx_package import ole_kind, open_docx
from huibian.importer.docx_reader import ASSETS, DocxContent, read_docx
from huibian.importer.junkfilter import collection_rules, remove_junk
from huibian.importer.lossless import Lost, find_lost, find_lost_embedded, markdown_text
from huibian.importer.mending import mend_lines
from huibian.importer.model import (
    Block,
    Change,
    ImportedReport,
    ImportProblem,
    ImportResult,
    Inferred,
    Removal,
    SourceUnit,
)
from huibian.importer.render import render_report
from huibian.importer.split import split_reports
from huibian.importer.textsource import source_units, text_blocks
from huibian.importer.traditional import Conversion, simplify_package, to_simplified
from huibian.importer.word97 import convert_to_docx, convertible
from huibian.periods import parse_period

_FRONT_MATTER = re.compile(r"^---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)", re.S)
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")
WORD_SUFFIXES = (".docx", ".doc", ".rtf", ".dotx", ".docm", ".dotm")
"""Read as Word files; templates and macro documents are recognised by content type and refused."""
IMPORT_DIR = "imported"
"""Folder under reports/ for imports whose unit, period or kind is still to be filled in."""


@dataclass
class ImportOptions:
    unit: str | None = None
    period: str | None = None
    kind: str | None = None
    split: bool = True
    keep_traditional: bool = False
    """Keep Traditional characters as written (default: convert them to Simplified, logged)."""


def import_bytes(
    data: bytes, source: str, collection: Collection | None, options: ImportOptions | None = None,
) -> ImportResult:
    """Import one file's bytes. Raises ImportProblem (Chinese message) when it cannot."""
    options = options or ImportOptions()
    suffix = Path(source).suffix.lower()
    images: dict[str, bytes] = {}
    reader_removals: list[Removal] = []
    word_file: tuple[DocxContent, Inventory] | None = None
    notes: list[str] = []
    changes: list[Change] = []
    conversions: list[Change] = []
    if suffix in WORD_SUFFIXES:
        content, inventory, encoding, conversion = _read_word(data, source, options.keep_traditional)
        conversions = conversion.changes
        if conversions:
            notes.append(_conversion_note(conversion.characters, conversions, "段"))
        word_file = content, inventory
        blocks, units, word = content.blocks, inventory.units, "段"
        images, reader_removals = content.images, content.removals
    elif suffix in TEXT_SUFFIXES:
        decoded = decode_bytes(data, source)
        encoding, word = decoded.encoding, "行"
        if decoded.line_endings not in ("LF", "none"):
            encoding += f"，换行符 {decoded.line_endings}"
        if suffix in (".md", ".markdown") and _FRONT_MATTER.match(decoded.text):
            return _existing_report(decoded.text, source, encoding, collection, options)
        text = decoded.text
        if not options.keep_traditional:
            conversion = to_simplified(text)
            text, conversions = conversion.text, conversion.changes
            if conversions:
                notes.append(_conversion_note(conversion.characters, conversions, word))
        blocks = text_blocks(text, markdown=suffix in (".md", ".markdown"))
        units = source_units(text)
    else:
        raise ImportProblem(f"{source}：不支持的文件类型“{suffix}”，只能导入 .docx、.doc、.rtf、.txt 和 .md",
                            code="unsupported")
    if not any(b.text.strip() or b.kind == "image" for b in blocks):
        raise ImportProblem(f"{source}：文件里没有文字", code="empty")
    rules = collection_rules(collection.settings if collection else {}, collection.path if collection else "")
    blocks, removals = metadata.strip_title_decorations(blocks)
    filtered = remove_junk(blocks, rules)
    kept, removals = filtered.kept, removals + filtered.removals
    removals.extend(reader_removals + _orphaned_notes(blocks, kept))
    if not kept:
        raise ImportProblem(f"{source}：删去水印和广告后没有剩下任何正文（删除的行见下方清单）", code="empty")
    if suffix in TEXT_SUFFIXES:
        kept, mended = mend_lines(kept)
        changes += mended
    parts = split_reports(kept) if options.split else [kept]
    if len(parts) > 1:
        starts = "、".join(str(part[0].line) for part in parts)
        notes.append(f"一个文件里有 {len(parts)} 份报告（各自从“一、”重新编号），已拆开：分别从第 {starts} {word}开始")
    reports = []
    for part in parts:
        report, removed, moved = _one_report(part, collection, options, word)
        removals.extend(removed)
        changes += moved
        notes += _genre_warnings(report, word)
        if images and report.markdown.count(ASSETS):
            report.images = dict(images)
        reports.append(report)
    unshown = [name for name in images if Path(name).suffix not in IMAGE_SUFFIXES]
    if unshown:
        notes.append(f"图片 {'、'.join(unshown)} 的格式网站和 PDF 都不显示，已原样保存：请在 Word 中把它另存为"
                     " PNG 或 JPEG 图片，替换 .assets 文件夹里的文件并改正报告中的链接")
    removals.sort(key=lambda r: r.line)
    changes.sort(key=lambda c: c.line)
    result = ImportResult(source, encoding, reports, removals, notes, word, changes=changes,
                          conversions=conversions, doubtful=filtered.doubtful)
    embedded: list[Lost] = []
    if word_file is not None:
        content, inventory = word_file
        embedded = find_lost_embedded(inventory.embedded, content.saved, content.logged_parts,
                                      [(r.markdown, r.images) for r in reports])
    verify(result, units, embedded)
    return result


def _orphaned_notes(blocks: list[Block], kept: list[Block]) -> list[Removal]:
    """The footnotes of removed paragraphs go to the log with them (their text is not in the paragraph's)."""
    # By paragraph number: a kept paragraph may be a new object (junk cut off its end).
    kept_lines = {block.line for block in kept}
    return [
        Removal(block.line, markdown_text(note).strip(), "脚注，所在段落已删除")
        for block in blocks if block.line not in kept_lines for _label, note in block.footnotes
    ]


def _read_word(data: bytes, source: str, keep_traditional: bool) -> tuple[DocxContent, Inventory, str, Conversion]:
    """A Word file's content, the independent inventory of its package, what it was, and what was
    converted from Traditional characters.

    Word 97 (.doc), RTF and web-page files (HTML, .mht) are converted to .docx by LibreOffice
    first; both readings are of the converted package, and so of its Simplified text.
    """
    label = "Word 文档"
    left_out: list[str] = []
    if ole_kind(data) == "word97":
        data, label = convert_to_docx(data, source, "Word 97–2003 文档（.doc）"), "Word 97 文档，经 LibreOffice 转换"
    elif (other := convertible(data, source)) is not None:
        data, label = convert_to_docx(other.data, source, other.what), f"{other.what}，经 LibreOffice 转换"
        left_out = other.left_out
    package = open_docx(data, source)
    conversion = Conversion("", [], 0) if keep_traditional else simplify_package(package)
    content = read_docx(package)
    content.removals += [Removal(1, f"网页中的图片 {name}", "单个文件网页里的图片，经 LibreOffice 转换后带不过来：要保留图片，"
                                 "请在 Word 中打开它，“另存为”Word 文档（*.docx）再导入", "单个文件网页") for name in left_out]
    return content, package_inventory(package), label, conversion


def _genre_warnings(report: ImportedReport, word: str) -> list[str]:
    genre = metadata.other_genre(report.title)
    if genre is None:
        return []
    return [
        f"注意：第 {report.first_line} {word}起的“{report.title}”是{genre}，不是工作报告（汇报、报告、总结）："
        "请确认它该不该收进汇编；要收的话，在 collection.yml 为它声明一个类别，或用 --kind 指定"
    ]


def _conversion_note(characters: int, changes: list[Change], word: str) -> str:
    first = changes[0]
    return (
        f"繁体字已转为简体：{len(changes)} {word}共 {characters} 个字（如第 {first.line} {word}“{first.text[:30]}”），"
        "逐行列在下方“繁体转简体”清单里；要保留繁体原文，请加 --keep-traditional 重新导入"
    )


def _existing_report(
    text: str, source: str, encoding: str, collection: Collection | None, options: ImportOptions,
) -> ImportResult:
    """A Markdown report that already has front matter (e.g. saved as GB18030 or UTF-16): its text
    is kept exactly as written, only re-encoded as UTF-8 with LF line endings."""
    match = _FRONT_MATTER.match(text)
    assert match is not None
    try:
        meta = safeyaml.load(match.group(1))
    except safeyaml.YamlProblem:
        meta = None
    meta = meta if isinstance(meta, dict) else {}
    inferred = {}
    for key in ("title", "unit", "period", "kind", "date"):
        value = meta.get(key)
        inferred[key] = Inferred(str(value), "原文件的元数据") if value not in (None, "") else Inferred(
            None, "原文件的元数据中没有，请补写"
        )
    for key, value in (("unit", options.unit), ("period", options.period), ("kind", options.kind)):
        if value and value != inferred[key].value:
            raise ImportProblem(
                f"{source}：文件已有元数据（{key}: {inferred[key].value}），命令行的 --{key} {value} 不会改写它，"
                "请直接编辑文件中的元数据",
                code="config",
            )
    markdown = text if text.endswith("\n") else text + "\n"
    report = ImportedReport(markdown, inferred, 1)
    note = "文件已有元数据（front matter），内容原样保留，只转换为 UTF-8 编码和 LF 换行"
    return ImportResult(source, encoding, [report], [], [note], "行", verbatim=True)


def verify(result: ImportResult, units: list[SourceUnit], embedded: list[Lost] | None = None) -> None:
    """The nothing-lost check; raises ImportProblem listing every lost piece (and lost picture, chart…)."""
    lost = find_lost(units, result.removals, [r.markdown for r in result.reports]) + (embedded or [])
    if lost:
        shown = "\n".join(f"  {item.place or f'第 {item.line} {result.unit_word}'}：{item.text[:80]}"
                          for item in lost[:20])
        raise ImportProblem(
            f"{result.source}：导入结果漏掉了原文中的 {len(lost)} 处文字（既不在报告里，也不在删除清单里），"
            f"为免丢失内容，没有写入任何文件：\n{shown}",
            code="lost-text",
        )


def _one_report(blocks: list[Block], collection: Collection | None, options: ImportOptions, word: str) -> tuple[
    ImportedReport, list[Removal], list[Change]
]:
    title_index = metadata.find_title(blocks)
    title = metadata.despace(blocks[title_index].text) if title_index is not None else None
    body = [b for i, b in enumerate(blocks) if i != title_index]
    removed = []
    titles = [blocks[title_index]] if title_index is not None else []
    if title:
        repeated = [b for b in body if b.kind in ("para", "title") and metadata.despace(b.text) == title]
        removed = [Removal(b.line, b.text, "重复的标题") for b in repeated]
        body = [b for b in body if b not in repeated]
        titles += repeated
    # The title goes to the front matter, where a note reference cannot go: its notes close the report.
    title_notes = [note for block in titles for note in block.footnotes]
    moved = [Change(block.line, markdown_text(text).strip(),
                    f"标题的脚注 [^{label}]：元数据中的标题不能带脚注标号，脚注内容放在报告末尾")
             for block in titles for label, text in block.footnotes]
    opening = next((b.text for b in body if b.kind == "para"), None)
    closing = metadata.closing_lines(body)
    meta = {
        "title": Inferred(None, "原文没有标题行"),
        "unit": metadata.infer_unit(collection, title, closing, opening),
        "period": metadata.infer_period(title, opening),
        "kind": metadata.infer_kind(collection, title, opening),
        "date": metadata.infer_date(body, word),
    }
    if title_index is not None:
        meta["title"] = Inferred(title, f"第 {blocks[title_index].line} {word}的标题")
    for key, value in (("unit", options.unit), ("period", options.period), ("kind", options.kind)):
        if value:
            meta[key] = Inferred(value, "命令行参数")
    if meta["title"].value is None and collection and all(meta[k].value for k in ("unit", "period", "kind")):
        composed = compose_title(collection, str(meta["unit"].value), str(meta["period"].value),
                                 str(meta["kind"].value))
        if composed:
            meta["title"] = Inferred(composed, "原文没有标题行，由单位、期间和类别组成")
    first = blocks[0].line if blocks else 1
    return ImportedReport(render_report(meta, body, title_notes), meta, first), removed, moved


def compose_title(collection: Collection, unit: str, period: str, kind: str) -> str | None:
    """The title `huibian new` would give (桐溪县交通运输局2024年上半年意识形态工作情况汇报)."""
    parsed = parse_period(period)
    if unit not in collection.units or kind not in collection.kinds or parsed is None:
        return None
    return templates.compose_title(collection, unit, parsed, kind)


def target_name(report: ImportedReport, stem: str, index: int, count: int) -> Path:
    """reports/<unit>/<period>-<kind>.md when all three are known, else imported/<stem>[-n].md."""
    unit, period, kind = (report.metadata[k].value for k in ("unit", "period", "kind"))
    parsed = parse_period(period) if period else None
    if unit and parsed and kind:
        return Path(unit) / f"{parsed.slug}-{kind}.md"
    suffix = f"-{index + 1}" if count > 1 else ""
    return Path(IMPORT_DIR) / f"{stem}{suffix}.md"
