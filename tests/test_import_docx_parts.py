"""Every part of a Word file is imported or listed in the removal log, and the check does not trust the reader.

Each fixture is a python-docx document with raw XML written into its package, one per feature.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

from huibian.importer import ImportProblem, ImportResult, docx_reader, import_bytes
from wordfiles import (
    add_furniture,
    add_notes,
    add_part,
    add_picture,
    edit_zip,
    inline_picture,
    paragraph,
    png_bytes,
    read_part,
    saved,
    with_body,
)

from conftest import run_huibian

TITLE = "测试县交通运输局2024年上半年意识形态工作情况汇报"


def word(body: str, setup: Callable[[docx.document.Document], Any] | None = None) -> bytes:
    """A Word file whose body is the title paragraph plus `body` (raw XML)."""
    document = docx.Document()
    made = setup(document) if setup else None
    xml = body.format(**made) if isinstance(made, dict) else body
    return with_body(saved(document), paragraph(TITLE) + xml)


def imported(data: bytes) -> tuple[str, ImportResult]:
    result = import_bytes(data, "汇报.docx", None)
    (report,) = result.reports
    return report.markdown.split("\n---\n", 1)[1], result


def cell(*xml: str) -> str:
    return "<w:tc>" + ("".join(xml) or "<w:p/>") + "</w:tc>"


def table(*rows: str) -> str:
    return "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in rows) + "</w:tbl>"


def test_nested_tables_and_irregular_merges_are_read_without_a_crash() -> None:
    inner = table(cell(paragraph("内表甲")) + cell(paragraph("内表乙")), cell(paragraph("内表丙")))
    body = table(
        cell(paragraph("单位")),
        cell(paragraph("交通局")) + cell(paragraph("公路中心")) + '<w:tc><w:tcPr><w:vMerge/></w:tcPr>'
        + paragraph("合并格里的字") + "</w:tc>",
        cell(paragraph("外表说明"), inner) + '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' + paragraph("跨两列")
        + "</w:tc>",
    )
    text, _ = imported(word(body))
    assert "| 单位 |  |  |\n| --- | --- | --- |\n| 交通局 | 公路中心 | 合并格里的字 |\n| 外表说明 | 跨两列 |  |" in text
    assert "| 内表甲 | 内表乙 |\n| --- | --- |\n| 内表丙 |  |" in text
    assert text.index("跨两列") < text.index("内表甲")


def test_content_controls_at_every_level() -> None:
    def sdt(xml: str) -> str:
        return f"<w:sdt><w:sdtPr><w:alias w:val='x'/></w:sdtPr><w:sdtContent>{xml}</w:sdtContent></w:sdt>"

    body = (
        sdt(paragraph("块级控件中的导语。"))
        + "<w:p><w:r><w:t>段内</w:t></w:r>" + sdt("<w:r><w:t>行内控件</w:t></w:r>") + "<w:r><w:t>的文字。</w:t></w:r></w:p>"
        + "<w:tbl>" + sdt("<w:tr>" + cell(paragraph("行控件里的格")) + "</w:tr>")
        + "<w:tr>" + sdt(cell(sdt(paragraph("格控件里的控件")))) + "</w:tr></w:tbl>"
    )
    body += ('<mc:AlternateContent><mc:Choice Requires="w14">' + paragraph("新版才有的段落") + "</mc:Choice>"
             "<mc:Fallback>" + paragraph("替代内容中的段落。") + "</mc:Fallback></mc:AlternateContent>")
    text, _ = imported(word(body))
    assert "块级控件中的导语。" in text and "段内行内控件的文字。" in text
    assert "替代内容中的段落。" in text and "新版才有的段落" not in text
    assert "| 行控件里的格 |" in text and "| 格控件里的控件 |" in text


def test_footnotes_and_endnotes_also_inside_tables() -> None:
    def setup(document: docx.document.Document) -> None:
        add_notes(document, "footnote", {1: "据6月问卷调查。", 2: "表中数字截至6月底。"})
        add_notes(document, "endnote", {1: "本报告数据由办公室汇总。"})

    body = (
        paragraph("学习的深度还不够", '<w:r><w:footnoteReference w:id="1"/></w:r>', "。")
        + paragraph("全年集中学习12次", '<w:r><w:endnoteReference w:id="1"/></w:r>', "。")
        + table(cell(paragraph("学习次数", '<w:r><w:footnoteReference w:id="2"/></w:r>')) + cell(paragraph("12")))
    )
    text, _ = imported(word(body, setup))
    assert "学习的深度还不够[^1]。" in text and "全年集中学习12次[^e1]。" in text
    assert "| 学习次数[^2] | 12 |" in text
    for definition in ("[^1]: 据6月问卷调查。", "[^e1]: 本报告数据由办公室汇总。", "[^2]: 表中数字截至6月底。"):
        assert definition in text


def test_equations_become_linear_text() -> None:
    def math_run(text: str) -> str:
        return f"<m:r><m:t>{text}</m:t></m:r>"

    fraction = f"<m:f><m:num>{math_run('a+b')}</m:num><m:den>{math_run('2')}</m:den></m:f>"
    power = f"<m:sSup><m:e>{math_run('x')}</m:e><m:sup>{math_run('2')}</m:sup></m:sSup>"
    total = (f'<m:nary><m:naryPr><m:chr m:val="∑"/></m:naryPr><m:sub>{math_run("i=1")}</m:sub>'
             f"<m:sup>{math_run('n')}</m:sup><m:e>{math_run('y')}</m:e></m:nary>")
    root = f"<m:rad><m:deg/><m:e>{math_run('x+1')}</m:e></m:rad>"
    body = paragraph("平均得分为", f"<m:oMath>{fraction}</m:oMath>", "，面积为", f"<m:oMath>{power}</m:oMath>", "。") + (
        f"<w:p><m:oMathPara><m:oMath>{total}{math_run('=')}{root}</m:oMath></m:oMathPara></w:p>"
    )
    text, _ = imported(word(body))
    assert "平均得分为(a+b)/2，面积为x^2。" in text
    assert "∑\\_(i=1)^n y=√(x+1)" in text  # "_" is escaped so that Markdown shows it


def test_symbols_hyphens_and_emoji() -> None:
    body = paragraph(
        "已完成", '<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>', "，系数",
        '<w:r><w:sym w:font="Symbol" w:char="F061"/></w:r>', "，记号", '<w:r><w:sym w:font="Webdings" w:char="F021"/></w:r>',
        "，2024", "<w:r><w:noBreakHyphen/></w:r>", "2025年，意识", "<w:r><w:softHyphen/></w:r>", "形态工作",
        '<w:r><mc:AlternateContent><mc:Choice Requires="w16se"><w16se:symEx w16se:font="Segoe UI Emoji" '
        'w16se:char="1F44D"/></mc:Choice><mc:Fallback><w:t>👍</w:t></mc:Fallback></mc:AlternateContent></w:r>', "。",
    )
    text, _ = imported(word(body))
    assert "已完成☑，系数α，记号\uf021，2024-2025年，意识形态工作👍。" in text


def test_tracked_changes_keep_insertions_and_leave_out_deletions_and_move_sources() -> None:
    body = (
        paragraph("召开会议", '<w:ins w:id="1" w:author="甲"><w:r><w:t>3次</w:t></w:r></w:ins>',
                  '<w:del w:id="2" w:author="甲"><w:r><w:delText>5次</w:delText></w:r></w:del>', "。")
        + paragraph('<w:moveFrom w:id="3" w:author="甲"><w:r><w:t>这句话挪到了后面。</w:t></w:r></w:moveFrom>')
        + paragraph("正文继续。")
        + paragraph('<w:moveTo w:id="4" w:author="甲"><w:r><w:t>这句话挪到了后面。</w:t></w:r></w:moveTo>')
    )
    text, _ = imported(word(body))
    assert "召开会议3次。" in text and "5次" not in text
    assert text.count("这句话挪到了后面。") == 1 and text.index("正文继续") < text.index("这句话挪到了后面")


def test_pictures_wherever_they_sit() -> None:
    def setup(document: docx.document.Document) -> dict[str, str]:
        colours = {"inline": (1, 0, 0), "anchor": (2, 0, 0), "vml": (3, 0, 0), "cell": (4, 0, 0), "box": (5, 0, 0)}
        return {key: add_picture(document, colour) for key, colour in colours.items()}

    anchored = ('<w:r><w:drawing><wp:anchor><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="{anchor}"/>'
                "</pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>")
    vml = '<w:r><w:pict><v:shape><v:imagedata r:id="{vml}" o:title=""/></v:shape></w:pict></w:r>'.replace(
        ' o:title=""', "")
    box = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
           "<wps:wsp><wps:txbx><w:txbxContent>" + paragraph("图框说明", inline_picture("{box}"))
           + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
           "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>" + paragraph("图框说明", inline_picture("{box}"))
           + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>")
    body = (
        paragraph("行内图片：", inline_picture("{inline}")) + paragraph("浮动图片：", anchored)
        + paragraph("旧式图片：", vml) + table(cell(paragraph("表内图片", inline_picture("{cell}"))))
        + paragraph("文本框：", box)
    )
    text, result = imported(word(body, setup))
    (report,) = result.reports
    assert sorted(report.images) == [f"image-00{n}.png" for n in range(1, 6)]
    assert [report.images[f"image-00{n}.png"] for n in range(1, 6)] == [png_bytes((n, 0, 0)) for n in range(1, 6)]
    assert "| 表内图片 ![图4](@ASSETS@/image-004.png) |" in text
    assert text.count("图框说明") == 1  # the text box's Choice and Fallback are one box
    for n in (1, 2, 3, 5):
        assert f"![图{n}](@ASSETS@/image-00{n}.png)" in text


def test_headers_footers_and_comments_go_to_the_removal_log() -> None:
    def setup(document: docx.document.Document) -> None:
        add_furniture(document, "header", paragraph("测试县交通运输局文件") + paragraph(
            "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + paragraph("红头文件框里的字")
            + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"))
        add_furniture(document, "footer", paragraph("- ", '<w:fldSimple w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>',
                                                     " -"))
        add_furniture(document, "footer", paragraph("第 2 页 共 5 页"))
        add_furniture(document, "comments", '<w:comment w:id="0" w:author="办公室">' + paragraph("数字请再核实。")
                      + "</w:comment>")

    text, result = imported(word(paragraph("正文。"), setup))
    assert "测试县交通运输局文件" not in text and "数字请再核实" not in text
    logged = {(r.place, r.reason, r.text) for r in result.removals}
    assert ("页眉", "页眉：每页重复的版头版尾，不是正文", "测试县交通运输局文件") in logged
    assert ("页眉", "页眉：每页重复的版头版尾，不是正文", "红头文件框里的字") in logged
    assert ("页脚", "页脚：页码", "- 1 -") in logged and ("页脚", "页脚：页码", "第 2 页 共 5 页") in logged
    assert ("批注 1", "批注（办公室）：审阅意见，不是正文", "数字请再核实。") in logged  # Word counts from 0


# -- the check does not trust the reader --------------------------------------------------------


def notes_and_furniture(document: docx.document.Document) -> dict[str, str]:
    add_notes(document, "endnote", {1: "尾注里的说明。"})
    add_furniture(document, "header", paragraph("页眉里的字"))
    return {"picture": add_picture(document, (9, 9, 9))}


GAPS = paragraph("正文", '<w:r><w:endnoteReference w:id="1"/></w:r>', "。") + paragraph(
    "公式", "<m:oMath><m:r><m:t>x+y</m:t></m:r></m:oMath>", inline_picture("{picture}"),
) + "<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + paragraph("文本框里的字") + (
    "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
)


@pytest.mark.parametrize(("gap", "lost"), [
    ("_note", "尾注 1：尾注里的说明。"),
    ("linear", "第 3 段：x+y"),
    ("picture", "第 3 段：图片 word/media/image1.png"),
    ("furniture", "页眉：页眉里的字"),
    ("boxes", "第 4 段：文本框里的字"),
])
def test_a_part_the_reader_skips_is_caught(monkeypatch: pytest.MonkeyPatch, gap: str, lost: str) -> None:
    data = word(GAPS, notes_and_furniture)
    imported(data)  # the reader as it is: nothing lost
    if gap == "_note":
        original = docx_reader._Reader._note
        monkeypatch.setattr(docx_reader._Reader, "_note", lambda self, kind, *args: None if kind == "endnote"
                            else original(self, kind, *args))
    elif gap == "linear":
        monkeypatch.setattr(docx_reader, "linear", lambda element: "")
    elif gap == "picture":
        monkeypatch.setattr(docx_reader._Reader, "picture", lambda self, rid: None)
    elif gap == "furniture":
        monkeypatch.setattr(docx_reader._Reader, "furniture", lambda self: None)
    else:
        monkeypatch.setattr(docx_reader, "_paragraphs", lambda container: [])
    with pytest.raises(ImportProblem) as caught:
        imported(data)
    assert caught.value.code == "lost-text"
    assert "没有写入任何文件" in caught.value.message
    assert f"\n  {lost}" in caught.value.message


# -- files that are not plain Word documents ------------------------------------------------------


def plain_docx() -> bytes:
    return word(paragraph("正文。"))


def retyped(content_type: str) -> bytes:
    data = plain_docx()
    types = read_part(data, "[Content_Types].xml").replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", content_type)
    return edit_zip(data, {"[Content_Types].xml": types.encode()})


def strict() -> bytes:
    data = plain_docx()
    replace: dict[str, bytes | None] = {}
    for name in ("_rels/.rels", "word/document.xml"):
        xml = read_part(data, name).replace("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                            "http://purl.oclc.org/ooxml/wordprocessingml/main")
        replace[name] = xml.replace("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
                                    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument").encode()
    return edit_zip(data, replace)


def encrypted() -> bytes:
    """The start of an OLE compound file, as Office writes for a password-protected .docx, with its
    EncryptionInfo and EncryptedPackage streams named in the directory."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = "".join(n.ljust(32, "\x00") for n in ("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    return header + directory.encode("utf-16-le")


@pytest.mark.parametrize(("make", "says"), [
    (lambda: retyped("application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"), "Word 模板（.dotx）"),
    (lambda: retyped("application/vnd.ms-word.document.macroEnabled.main+xml"), "启用宏的 Word 文档（.docm）"),
    (strict, "严格 Open XML"),
    (encrypted, "设置了打开密码"),
    (lambda: b"PK\x03\x04 not really a zip", "不是有效的 Word（.docx）文件"),
    (lambda: edit_zip(plain_docx(), {"word/document.xml": b"<w:document"}), "不是完整的 XML"),
])
def test_files_that_are_not_plain_word_documents_get_a_chinese_reason(make: Callable[[], bytes], says: str) -> None:
    with pytest.raises(ImportProblem) as caught:
        import_bytes(make(), "改名的文件.docx", None)
    message = caught.value.message
    assert message.startswith("改名的文件.docx：") and says in message
    assert "<_io" not in message and "Error" not in message and "Exception" not in message
    assert any(hint in message for hint in ("另存为", "清空密码"))


# -- Word 97 (.doc) through LibreOffice -----------------------------------------------------------


def word97_header() -> bytes:
    """The start of a Word 97 file: an OLE compound file whose directory names the WordDocument stream."""
    directory = "".join(n.ljust(32, "\x00") for n in ("Root Entry", "WordDocument", "1Table"))
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + directory.encode("utf-16-le")


def test_doc_without_libreoffice_says_how_to_install_it(project: Callable[..., Path]) -> None:
    root = project()
    (root / "旧格式.doc").write_bytes(word97_header())
    done = run_huibian(root, "import", "旧格式.doc", env={"PATH": str(root / "no-such-bin")})
    assert done.returncode == 1
    assert "旧格式.doc：这是Word 97–2003 文档（.doc），不是 .docx" in done.stderr
    assert "apt-get install libreoffice-writer-nogui" in done.stderr and "另存为" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer-nogui) is not installed")
@pytest.mark.parametrize(("name", "form", "label"), [
    ("汇报.doc", "doc", "Word 97 文档，经 LibreOffice 转换"),
    ("改了扩展名的汇报.docx", "doc", "Word 97 文档，经 LibreOffice 转换"),
    ("汇报.rtf", "rtf", "RTF 文档，经 LibreOffice 转换"),
])
def test_word97_doc_is_imported_through_libreoffice(
    project: Callable[..., Path], tmp_path: Path, name: str, form: str, label: str
) -> None:
    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph("一、工作开展情况")
    document.add_paragraph("局党组召开专题会议3次，研究部署重点任务。")
    (tmp_path / "made.docx").write_bytes(saved(document))
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", form,
         "--outdir", str(tmp_path), str(tmp_path / "made.docx")],
        check=True, capture_output=True, timeout=180,
    )
    data = (tmp_path / f"made.{form}").read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0" if form == "doc" else b"{\\rtf")
    root = project()
    (root / name).write_bytes(data)
    done = run_huibian(root, "import", name)
    assert done.returncode == 0, done.stderr
    assert label in done.stdout
    text = (root / "reports" / "jtj" / "2024-h1-ideology.md").read_text(encoding="utf-8")
    assert f"title: {TITLE}" in text and "## 一、工作开展情况" in text and "局党组召开专题会议3次，研究部署重点任务。" in text


def test_nesting_deeper_than_the_parser_allows_is_a_message_not_a_traceback() -> None:
    body = "<w:tbl><w:tr><w:tc>" * 300 + paragraph("深处的字") + "</w:tc></w:tr></w:tbl>" * 300
    with pytest.raises(ImportProblem) as caught:
        import_bytes(word(body), "深.docx", None)
    assert caught.value.code == "unreadable" and "嵌套超过 256 层" in caught.value.message


def test_a_template_keeps_its_name_and_gets_the_template_message(project: Callable[..., Path]) -> None:
    root = project()
    (root / "模板.dotx").write_bytes(
        retyped("application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"))
    done = run_huibian(root, "import", "模板.dotx")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "模板.dotx：这是Word 模板（.dotx），不是普通的 Word 文档（.docx）" in done.stderr and "另存为" in done.stderr


def test_a_dropped_note_cannot_hide_behind_the_same_words_in_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    def setup(document: docx.document.Document) -> None:
        add_notes(document, "endnote", {1: "详见附件。"})

    data = word(paragraph("详见附件。") + paragraph("正文", '<w:r><w:endnoteReference w:id="1"/></w:r>', "。"), setup)
    text, _ = imported(data)
    assert text.count("详见附件。") == 2
    original = docx_reader._Reader._note
    monkeypatch.setattr(docx_reader._Reader, "_note", lambda self, kind, *args: None if kind == "endnote"
                        else original(self, kind, *args))
    with pytest.raises(ImportProblem) as caught:
        imported(data)
    assert "\n  尾注 1：详见附件。" in caught.value.message


def test_pictures_the_site_cannot_show_are_saved_and_named_in_a_note() -> None:
    emf = b"\x01\x00\x00\x00" + b"\x00" * 36 + b" EMF" + b"\x00" * 40

    def setup(document: docx.document.Document) -> dict[str, str]:
        rid = add_picture(document, (1, 1, 1))
        return {"png": rid}

    data = word(paragraph("示意图：", inline_picture("{png}")), setup)
    data = edit_zip(data, {"word/media/image1.png": emf})
    text, result = imported(data)
    (report,) = result.reports
    assert report.images == {"image-001.emf": emf} and "![图1](@ASSETS@/image-001.emf)" in text
    assert any("image-001.emf 的格式网站和 PDF 都不显示" in note and "PNG" in note for note in result.notes)


def test_a_conversion_that_hangs_is_stopped_with_a_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from huibian.importer import word97

    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\necho $$ > {tmp_path / 'pid'}\n/bin/sleep 60 & wait\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(word97, "TIMEOUT", 1)
    with pytest.raises(ImportProblem) as caught:
        import_bytes(word97_header(), "卡住.doc", None)
    assert caught.value.code == "unreadable" and "超过 1 秒仍未完成，已停止" in caught.value.message
    group = int((tmp_path / "pid").read_text())
    assert running_in_group(group) == []  # the whole process group was killed, the shell's sleep included


def running_in_group(group: int) -> list[int]:
    """Processes of process group `group` that are not zombies (waiting for init to reap them)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


# -- footnotes on every kind of paragraph ---------------------------------------------------------


def styled(style: str, *runs: str) -> str:
    return paragraph(f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>', *runs)


def test_footnotes_on_the_title_headings_and_list_items_come_through() -> None:
    def setup(document: docx.document.Document) -> None:
        add_notes(document, "footnote", {1: "标题的注。", 2: "标题一的注。", 3: "列表项的注。"})

    body = (
        styled("Title", TITLE, '<w:r><w:footnoteReference w:id="1"/></w:r>')
        + styled("Heading1", "一、工作开展情况", '<w:r><w:footnoteReference w:id="2"/></w:r>')
        + styled("ListBullet", "“学习强国”学习平台", '<w:r><w:footnoteReference w:id="3"/></w:r>')
        + paragraph("正文。")
    )
    document = docx.Document()
    setup(document)
    result = import_bytes(with_body(saved(document), body), "汇报.docx", None)
    (report,) = result.reports
    text = report.markdown.split("\n---\n", 1)[1]
    assert report.title == TITLE
    assert "## 一、工作开展情况[^2]" in text
    assert "- “学习强国”学习平台[^3]" in text
    for definition in ("[^1]: 标题的注。", "[^2]: 标题一的注。", "[^3]: 列表项的注。"):
        assert definition in text
    assert ("标题的注。", "标题的脚注 [^1]：元数据中的标题不能带脚注标号，脚注内容放在报告末尾") in {
        (change.text, change.reason) for change in result.changes}


# -- charts, embedded documents and other parts the text refers to ---------------------------------

CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def charts_and_chunks(document: docx.document.Document) -> dict[str, str]:
    chart = (f'<c:chartSpace xmlns:c="{CHART_NS}"><c:chart><c:title><c:tx><c:rich><a:p xmlns:a="x"><a:r><a:t>'
             "学习次数</a:t></a:r></a:p></c:rich></c:tx></c:title></c:chart></c:chartSpace>")
    html = "<html><body><p>从网页粘贴进来的一段话。</p></body></html>"
    return {
        "chart": add_part(document, "/word/charts/chart1.xml",
                          "application/vnd.openxmlformats-officedocument.drawingml.chart+xml", chart, "chart"),
        "chunk": add_part(document, "/word/afchunk1.htm", "text/html", html, "aFChunk"),
    }


CHART_AND_CHUNK = (
    paragraph("各月学习次数见下图：", '<w:r><w:drawing><wp:inline><a:graphic><a:graphicData uri="'
              + CHART_NS + f'"><c:chart xmlns:c="{CHART_NS}" r:id="{{chart}}"/></a:graphicData></a:graphic>'
              "</wp:inline></w:drawing></w:r>")
    + '<w:altChunk r:id="{chunk}"/>' + paragraph("正文继续。")
)


def test_charts_and_embedded_documents_are_listed_in_the_removal_log_with_what_to_do() -> None:
    text, result = imported(word(CHART_AND_CHUNK, charts_and_chunks))
    assert "各月学习次数见下图：" in text and "正文继续。" in text
    logged = {(r.line, r.text): r.reason for r in result.removals}
    assert "选择性粘贴 → 图片" in logged[(2, "图表 word/charts/chart1.xml")]
    assert "另存为 .docx" in logged[(3, "嵌入的文档 word/afchunk1.htm")]


@pytest.mark.parametrize(("gap", "lost"), [
    ("drawing", "第 2 段：图表 word/charts/chart1.xml"),
    ("chunk", "第 3 段：嵌入的文档 word/afchunk1.htm"),
])
def test_a_chart_or_embedded_document_the_reader_skips_is_caught(monkeypatch: pytest.MonkeyPatch, gap: str,
                                                                 lost: str) -> None:
    data = word(CHART_AND_CHUNK, charts_and_chunks)
    if gap == "drawing":
        monkeypatch.setattr(docx_reader._Reader, "_graphic", lambda self, element, out: None)
    else:
        original = docx_reader._Reader.unimported
        monkeypatch.setattr(docx_reader._Reader, "unimported", lambda self, element: None
                            if element.tag.endswith("altChunk") else original(self, element))
    with pytest.raises(ImportProblem) as caught:
        imported(data)
    assert caught.value.code == "lost-text"
    assert f"\n  {lost}" in caught.value.message


def test_a_dropped_comment_is_named_as_the_removal_log_names_comments(monkeypatch: pytest.MonkeyPatch) -> None:
    def setup(document: docx.document.Document) -> None:
        add_furniture(document, "comments", '<w:comment w:id="0" w:author="甲">' + paragraph("第一条意见。")
                      + '</w:comment><w:comment w:id="1" w:author="乙">' + paragraph("第二条意见。") + "</w:comment>")

    data = word(paragraph("正文。"), setup)
    _, result = imported(data)
    assert [r.place for r in result.removals if r.text.endswith("条意见。")] == ["批注 1", "批注 2"]
    original = docx_reader._Reader.plain
    monkeypatch.setattr(docx_reader._Reader, "plain", lambda self, p: "" if "第二条" in original(self, p)
                        else original(self, p))
    with pytest.raises(ImportProblem) as caught:
        imported(data)
    assert "\n  批注 2：第二条意见。" in caught.value.message


def test_traditional_text_split_over_runs_converts_as_one_paragraph_and_is_logged_by_its_paragraph() -> None:
    sdt = "<w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt>"
    body = sdt.format(paragraph("正文。") + paragraph("乾", "隆皇帝時期的檔案已經整理。"))
    text, result = imported(word(body))
    assert "乾隆皇帝时期的档案已经整理。" in text
    # 第 3 段 as the reader counts (title, then the two paragraphs in the content control), not body children
    assert [(c.line, c.text) for c in result.conversions] == [(3, "乾隆皇帝時期的檔案已經整理。")]


def test_metadata_evidence_names_word_paragraphs_as_paragraphs() -> None:
    _, result = imported(word(paragraph("正文。") + paragraph("测试县交通运输局") + paragraph("2024年7月10日")))
    (report,) = result.reports
    assert report.metadata["date"].evidence == "落款“2024年7月10日”（第 4 段）"


# -- web pages saved with a Word extension ---------------------------------------------------------

WEB_PAGE = (f'<html xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta charset="utf-8"></head><body>'
            f"<p>{TITLE}</p><p>一、工作开展情况</p><p>局党组召开专题会议3次，研究部署重点任务。</p></body></html>")


def single_file_web_page(with_picture: bool) -> bytes:
    """What Word writes for “单个文件网页（*.mht）”: the page, quoted-printable, and its pictures, in MIME parts."""
    import base64
    import quopri

    parts = ["------=_NextPart_01\nContent-Location: file:///C:/汇报.htm\nContent-Transfer-Encoding: quoted-printable\n"
             'Content-Type: text/html; charset="utf-8"\n\n' + quopri.encodestring(WEB_PAGE.encode()).decode() + "\n"]
    if with_picture:
        parts.append("------=_NextPart_01\nContent-Location: file:///C:/汇报.files/image001.png\n"
                     "Content-Transfer-Encoding: base64\nContent-Type: image/png\n\n"
                     + base64.encodebytes(png_bytes()).decode() + "\n")
    return ('MIME-Version: 1.0\nContent-Type: multipart/related; boundary="----=_NextPart_01"\n\n'
            + "".join(parts) + "------=_NextPart_01--\n").encode()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer-nogui) is not installed")
@pytest.mark.parametrize(("data", "label"), [
    (WEB_PAGE.encode(), "网页（HTML），经 LibreOffice 转换"),
    (single_file_web_page(with_picture=False), "单个文件网页（MHT），经 LibreOffice 转换"),
], ids=["html", "mht"])
def test_a_web_page_saved_as_doc_is_converted_by_its_content(data: bytes, label: str) -> None:
    text, result = imported_as("汇报.doc", data)
    assert result.encoding == label
    assert "## 一、工作开展情况" in text and "局党组召开专题会议3次，研究部署重点任务。" in text


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer-nogui) is not installed")
def test_the_pictures_of_a_single_file_web_page_are_listed_in_the_removal_log() -> None:
    _, result = imported_as("汇报.doc", single_file_web_page(with_picture=True))
    (removal,) = [r for r in result.removals if "image001.png" in r.text]
    assert "另存为" in removal.reason


def imported_as(name: str, data: bytes) -> tuple[str, ImportResult]:
    result = import_bytes(data, name, None)
    (report,) = result.reports
    return report.markdown.split("\n---\n", 1)[1], result


def objects_and_smartart(document: docx.document.Document) -> dict[str, str]:
    made = {"preview": add_picture(document, (7, 7, 7))}
    made["sheet"] = add_part(document, "/word/embeddings/Sheet1.xlsx",
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK", "package")
    for key, kind in (("dm", "diagramData"), ("lo", "diagramLayout"), ("qs", "diagramQuickStyle"),
                      ("cs", "diagramColors")):
        made[key] = add_part(document, f"/word/diagrams/{key}1.xml", f"application/vnd.ms-office.{kind}+xml",
                             f'<x xmlns="urn:x">{kind}</x>', kind)
    return made


def test_an_embedded_sheet_shows_its_picture_and_smartart_is_logged_once() -> None:
    dgm = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
    body = paragraph(
        "各单位完成情况见下表：",
        '<w:r><w:object><v:shape><v:imagedata r:id="{preview}"/></v:shape>'
        '<o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" ProgID="Excel.Sheet.12" r:id="{sheet}"/>'
        "</w:object></w:r>",
    ) + paragraph("工作流程如下：", '<w:r><w:drawing><wp:inline><a:graphic><a:graphicData><dgm:relIds xmlns:dgm="'
                  + dgm + '" r:dm="{dm}" r:lo="{lo}" r:qs="{qs}" r:cs="{cs}"/></a:graphicData></a:graphic></wp:inline>'
                  "</w:drawing></w:r>")
    text, result = imported(word(body, objects_and_smartart))
    assert "![图1](@ASSETS@/image-001.png)" in text and result.reports[0].images["image-001.png"] == png_bytes((7, 7, 7))
    logged = [(r.line, r.text, r.reason.split("，")[0]) for r in result.removals]
    assert logged == [(2, "嵌入的对象 word/embeddings/Sheet1.xlsx", "嵌入的对象（如 Excel 表格）中的数据没有导入"),
                      (3, "SmartArt 图形 word/diagrams/dm1.xml",
                       "SmartArt 图形中的文字没有导入：请在 Word 中把它转换为文本（或复制为图片）后再导入")]


def test_a_picture_shown_in_the_report_is_not_also_logged_when_a_shape_fills_with_it() -> None:
    body = paragraph("标志：", inline_picture("{picture}")) + paragraph(
        "框：", '<w:r><w:pict><v:rect><v:fill r:id="{picture}" type="frame"/></v:rect></w:pict></w:r>')
    text, result = imported(word(body, lambda document: {"picture": add_picture(document, (5, 5, 5))}))
    assert "![图1](@ASSETS@/image-001.png)" in text
    assert not any("image1.png" in r.text for r in result.removals)
