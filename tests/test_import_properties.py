"""Property tests: for any input the importer either succeeds with nothing lost or fails clearly.

`import_bytes` runs its own nothing-lost check; these tests check the outcome independently
(every character of the source is in the reports as Python-Markdown shows them, or in the removal
log; a line converted to Simplified characters counts as its conversion, with OpenCC) and that a
failure is always one of the documented ImportProblem codes, never a traceback or a lost-text error.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from xml.sax.saxutils import escape

import markdown
import opencc
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from huibian.collection import Collection, load_collection
from huibian.importer import ImportProblem, ImportResult, import_bytes
from huibian.importer.lossless import normalise
from huibian.pdf.markup import EXTENSIONS
from wordfiles import add_furniture, add_notes, saved, with_body
from wordfiles import paragraph as xml_paragraph

# Pieces a real file is made of, including every trap the importer handles.
PIECES = [
    "一、", "二、", "十一、", "（一）", "(二)", "（3）", "1.", "2. ", "3、", "一是", "二是", "。", "，", "；", "：",
    "测试县交通运输局", "2024年上半年", "2024年7月8日", "意识形态工作情况汇报", "加强理论学习", "存在的问题",
    "下一步工作计划", "仅供学习 禁止外传", "QQ123456789", "会员资料", "酷乐文行", "- 3 -", "目 录", "……………5",
    ">", "####", "#", "\u3000\u3000", "  ", "\t", "*", "**", "_", "`", "[", "]", "(", ")", "<", "&lt;", "&", "|",
    "\\", "---", "===", "<!--", "-->", "![x](y)", "[^1]", "X", "XX", "\u00a0", "\u200b", "ｘ", "Ⅹ", "A", "1",
    # Web text: junk of every kind (some glued to text), broken lines, decorated and Traditional titles.
    "qT7xKp2Lm9", "浏览量：1,024", "共计356个字", "收藏 | 分享", "www.example.com", "微信：ab12345", "网友上传",
    "（阅读全部图文内容，您需要先登录！）", "2023-05-06 10:22", "工作总结.docx", "标题：", "[打印本页]", "|某某范文网",
    "精编", "工作要点", "报  告", "2023", "年", "縣交通運輸局", "彙報", "3、", "12、",
]
line = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(st.characters(exclude_categories=("Cs",)), max_size=6)),
    max_size=12,
).map("".join)
document = st.lists(line, min_size=0, max_size=25).map("\n".join)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"])
newlines = st.sampled_from(["\n", "\r\n", "\r"])

EXAMPLES: Counter[str] = Counter()
"""Per property test, examples run and examples imported (not refused): evidence that each test checked imports."""
COLLECTION_YML = """\
title: 测试汇编
issuer: 测试县委宣传部
units:
  - id: jtj
    name: 测试县交通运输局
    short: 交通运输局
kinds:
  - id: ideology
    name: 意识形态工作
    title: 意识形态工作情况汇报
"""


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Collection:
    folder: Path = tmp_path_factory.mktemp("reports")
    (folder / "collection.yml").write_text(COLLECTION_YML, encoding="utf-8")
    loaded, findings = load_collection(folder)
    assert loaded is not None, findings
    return loaded


def _chars(text: str) -> Counter[str]:
    """The characters compared: control characters are left out (no reader sees them; Python-Markdown drops some)."""
    return Counter(c for c in normalise(text) if unicodedata.category(c) != "Cc")


class _Text(HTMLParser):
    """The text of an HTML page as a reader sees it, pictures by their alternative text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")


def shown(report_markdown: str) -> str:
    """An imported report's title and body as the site shows them: Python-Markdown with the site's extensions."""
    assert report_markdown.startswith("---\n")
    front, body = report_markdown[4:].split("\n---\n", 1)
    page = _Text()
    page.feed(markdown.Markdown(extensions=EXTENSIONS).convert(body))
    return str(yaml.safe_load(front)["title"]) + "\n" + "".join(page.parts)


def missing_characters(source: str, result: ImportResult) -> Counter[str]:
    """Characters of `source` in neither the reports nor the removal log.

    A line converted from Traditional characters is expected in its Simplified form: its original,
    kept in the log, does not count as kept text.
    """
    expected = _chars(source)
    t2s = opencc.OpenCC("t2s")
    for conversion in result.conversions:
        expected.subtract(_chars(conversion.text))
        expected.update(_chars(t2s.convert(conversion.text)))
    produced = _chars("".join(shown(r.markdown) for r in result.reports))
    produced.update(_chars("".join(r.text for r in result.removals)))
    return +(expected - produced)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=document, encoding=encodings, newline=newlines)
@example(text="1.\n下一步工作计划1.", encoding="utf-8", newline="\n")  # a short line inside the title moved ahead
@example(text="2024年上半年工作要点|0", encoding="utf-8", newline="\n")  # a title suffix "|0" is not the 0 of "2024"
# Always tried: a title over three lines, a sentence cut before a year, a random string glued to a
# sentence, chunk numbers across sections, a glued heading, and Traditional lines.
@example(
    text="中共测试县交通运输局\n关于2024年上半年工作的\n报  告\n今年以来，我局认真落实责任制，现将\n2024\n年工作汇报如下：\n"
    "1、一、工作情况一是加强学习。qT7xKp2Lm9\n2、局党组召开会议2次，研究部署\n3、二、存在的問題\n4、學習還不夠深入。",
    encoding="utf-8", newline="\n",
)
def test_import_keeps_every_character_or_fails_clearly(
    collection: Collection, text: str, encoding: str, newline: str
) -> None:
    EXAMPLES["text run"] += 1
    try:
        data = text.replace("\n", newline).encode(encoding)
    except UnicodeEncodeError:
        data = text.replace("\n", newline).encode("utf-8")
    try:
        result = import_bytes(data, "随机.txt", collection)
    except ImportProblem as problem:
        assert problem.code in ("empty", "encoding"), problem.message
        assert "随机.txt" in problem.message
        if problem.code == "empty":
            kept = normalise(text.replace("\r", ""))
            removed_only = problem.message.startswith("随机.txt：删去水印")
            assert removed_only or not kept.strip()
        return
    EXAMPLES["text imported"] += 1
    source = data.decode(result.encoding.split("，")[0].replace("（带 BOM）", "-sig").replace("GB18030", "gb18030"))
    missing = missing_characters(source, result)
    assert not missing, f"lost characters: {missing}"
    for report in result.reports:
        assert report.markdown.startswith("---\n")


XML_CHARS = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff")
paragraph = st.lists(st.one_of(st.sampled_from(PIECES), st.text(XML_CHARS, max_size=6)), max_size=8).map("".join)
styles = st.sampled_from([None, "Title", "Heading 1", "Heading 2", "List Bullet", "List Number"])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    paragraphs=st.lists(st.tuples(paragraph, styles, st.booleans()), max_size=12),
    cells=st.lists(st.lists(paragraph, min_size=1, max_size=3), max_size=3),
)
@example(paragraphs=[], cells=[["---"]])  # a cell of dashes read as the table's separator row
@example(paragraphs=[], cells=[["一、---"], ["---"]])
@example(paragraphs=[("*一、", None, False)], cells=[["一、一、"]])  # a longer cell once took the paragraph's place
@example(paragraphs=[("一、", None, False), ("：一、工作总结.docx|一、", None, False)], cells=[])  # two removals from one line
def test_word_import_keeps_every_character_or_fails_clearly(
    collection: Collection, paragraphs: list[tuple[str, str | None, bool]], cells: list[list[str]]
) -> None:
    import io

    import docx

    document = docx.Document()
    for text, style, bold_start in paragraphs:
        made = document.add_paragraph(style=style)
        cut = len(text) // 2 if bold_start else 0
        made.add_run(text[:cut]).bold = True
        made.add_run(text[cut:])
    if cells:
        width = max(len(row) for row in cells)
        table = document.add_table(rows=len(cells), cols=width)
        for r, row in enumerate(cells):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    EXAMPLES["docx run"] += 1
    try:
        result = import_bytes(buffer.getvalue(), "随机.docx", collection)
    except ImportProblem as problem:
        assert problem.code == "empty", problem.message
        return
    EXAMPLES["docx imported"] += 1
    written = "".join(text for text, _, _ in paragraphs) + "".join("".join(row) for row in cells)
    missing = missing_characters(written, result)
    assert not missing, f"lost characters: {missing}"


PARTS = ["body", "cell", "nested cell", "content control", "text box", "footnote", "endnote", "header", "footer",
         "header text box", "comment", "equation", "insertion"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(placed=st.lists(st.tuples(st.sampled_from(PARTS), paragraph), min_size=1, max_size=10))
@example(placed=[("header", "二、"), ("body", "一、二、一、")])  # a header line once cancelled body text
@example(placed=[("body", "一、"), ("header", "0"), ("header", "一、0一、")])  # and one header line another
@example(placed=[("body", "<QQ123456789"), ("footnote", "**"), ("body", "<")])  # the note of a paragraph removed as an ad
@example(placed=[("body", "一、"), ("cell", "一、*……………5")])  # a table logged as removed with its plain text
@example(placed=[("equation", "一、一、彙報_")])  # a title suffix “_)/2” cut across an equation's pieces
def test_text_in_any_part_of_a_word_file_ends_up_in_the_report_or_the_log(
    collection: Collection, placed: list[tuple[str, str]]
) -> None:
    import docx

    document = docx.Document()
    body, notes, furniture = [], {"footnote": {}, "endnote": {}}, {"header": "", "footer": "", "comments": ""}
    for number, (part, raw) in enumerate(placed, start=1):
        text = escape(raw)
        run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
        if part == "body":
            body.append(xml_paragraph(run))
        elif part in ("cell", "nested cell"):
            inner = f"<w:p>{run}</w:p>"
            if part == "nested cell":
                inner = f"<w:p/><w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl><w:p/>"
            body.append(f"<w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc>{inner}</w:tc></w:tr></w:tbl>")
        elif part == "content control":
            body.append(f"<w:sdt><w:sdtContent><w:p><w:sdt><w:sdtContent>{run}</w:sdtContent></w:sdt></w:p>"
                        "</w:sdtContent></w:sdt>")
        elif part == "text box":
            body.append(f"<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p>{run}</w:p></w:txbxContent>"
                        "</v:textbox></v:shape></w:pict></w:r></w:p>")
        elif part in ("footnote", "endnote"):
            notes[part][number] = f"<w:p>{run}</w:p>"
            body.append(f'<w:p><w:r><w:t>注</w:t></w:r><w:r><w:{part}Reference w:id="{number}"/></w:r></w:p>')
        elif part in ("header", "footer"):
            furniture[part] += f"<w:p>{run}</w:p>"
        elif part == "header text box":
            furniture["header"] += (f"<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p>{run}</w:p>"
                                    "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>")
        elif part == "comment":
            furniture["comments"] += f'<w:comment w:id="{number}" w:author="甲"><w:p>{run}</w:p></w:comment>'
        elif part == "equation":
            body.append(f'<w:p><m:oMath><m:f><m:num><m:r><m:t xml:space="preserve">{text}</m:t></m:r></m:num>'
                        "<m:den><m:r><m:t>2</m:t></m:r></m:den></m:f></m:oMath></w:p>")
        else:
            body.append(f'<w:p><w:ins w:id="{number}" w:author="甲">{run}</w:ins></w:p>')
    for kind, items in notes.items():
        if items:
            add_notes(document, kind, items)
    for kind, xml in furniture.items():
        if xml:
            add_furniture(document, kind, xml)
    data = with_body(saved(document), "".join(body))
    EXAMPLES["docx parts run"] += 1
    try:
        result = import_bytes(data, "随机.docx", collection)
    except ImportProblem as problem:
        assert problem.code == "empty", problem.message
        return
    EXAMPLES["docx parts imported"] += 1
    missing = missing_characters("".join(raw for _, raw in placed), result)
    assert not missing, f"lost characters: {missing}"


def test_examples_were_run() -> None:
    """Runs after the property tests (file order): each that ran imported some of its examples."""
    print(f"hypothesis examples: {dict(EXAMPLES)}")
    for name in ("text", "docx", "docx parts"):
        if EXAMPLES[f"{name} run"]:
            assert EXAMPLES[f"{name} imported"] > 0, name
