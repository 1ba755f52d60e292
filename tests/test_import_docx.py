"""`huibian import` on Word files built here with python-docx: styles, run-in bold, lists, tables, images."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Inches

from huibian.check import check_collection
from huibian.importer import ImportProblem, import_bytes
from wordfiles import add_notes, png_bytes

from conftest import collection_of, mkdocs_build, run_huibian

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def build_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("测试县交通运输局2024年上半年意识形态工作情况汇报", style="Title")
    document.add_paragraph("2024年上半年，我局扎实推进意识形态工作，现将有关情况汇报如下：")
    document.add_heading("一、工作开展情况", level=1)
    run_in = document.add_paragraph()
    run_in.add_run("（一）加强组织领导。").bold = True
    run_in.add_run("局党组召开专题会议3次，研究部署重点任务。")
    document.add_paragraph("“学习强国”学习平台", style="List Bullet")
    document.add_paragraph("“三会一课”制度", style="List Bullet")
    table = document.add_table(rows=3, cols=2)
    for row, cells in enumerate([("项目", "次数"), ("集中学习", "6"), ("专题研讨", "3")]):
        for col, text in enumerate(cells):
            table.cell(row, col).text = text
    document.add_picture(io.BytesIO(png_bytes()), width=Inches(1))
    document.add_paragraph("二、存在的问题")  # numbered by its text, no heading style
    problem = document.add_paragraph("基层单位学习的深度还不够")
    problem.add_run()._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{W}" w:id="1"/>'))
    problem.add_run("。")
    add_notes(document, "footnote", {1: "据6月问卷调查。"})
    document.add_heading("三、下一步工作计划", level=1)
    document.add_paragraph("继续加强理论学习和阵地管理。")
    document.add_paragraph("测试县交通运输局")
    document.add_paragraph("2024年7月8日")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_round_trips_to_a_report_that_passes_check(project: Callable[..., Path]) -> None:
    root = project()
    (root / "汇报.docx").write_bytes(build_docx())
    done = run_huibian(root, "import", "汇报.docx")
    assert done.returncode == 0, done.stderr
    assert "Word 文档" in done.stdout and "标题：测试县交通运输局2024年上半年意识形态工作情况汇报（第 1 段的标题）" in done.stdout
    target = root / "reports" / "jtj" / "2024-h1-ideology.md"
    markdown = target.read_text(encoding="utf-8")
    assert "title: 测试县交通运输局2024年上半年意识形态工作情况汇报" in markdown
    assert "period: 2024-H1" in markdown and "kind: ideology" in markdown and "date: '2024-07-08'" in markdown
    body = markdown.split("\n---\n", 1)[1]
    headings = [line for line in body.split("\n") if line.startswith("#")]
    assert headings == ["## 一、工作开展情况", "## 二、存在的问题", "## 三、下一步工作计划"]
    assert "**（一）加强组织领导**。局党组召开专题会议3次，研究部署重点任务。" in body
    assert "- “学习强国”学习平台\n- “三会一课”制度" in body
    assert "| 项目 | 次数 |\n| --- | --- |\n| 集中学习 | 6 |\n| 专题研讨 | 3 |" in body
    assert "基层单位学习的深度还不够[^1]。" in body
    assert body.rstrip().endswith("[^1]: 据6月问卷调查。")
    assert "![图" in body and "](2024-h1-ideology.assets/image-001.png)" in body
    image = root / "reports" / "jtj" / "2024-h1-ideology.assets" / "image-001.png"
    assert image.read_bytes() == png_bytes()
    result = check_collection(root)
    errors = [f.as_text() for f in result.findings if f.severity.value == "error"]
    assert errors == []
    assert [r.id for r in result.reports] == ["jtj/2024-h1-ideology"]


def test_broken_docx_gets_a_chinese_error(project: Callable[..., Path]) -> None:
    collection = collection_of(project())
    with pytest.raises(ImportProblem) as caught:
        import_bytes(b"PK\x03\x04 not really a zip", "坏文件.docx", collection)
    assert caught.value.code == "unreadable"
    assert "坏文件.docx" in caught.value.message


@pytest.mark.slow
def test_imported_images_show_on_the_site_but_not_in_the_public_edition(project: Callable[..., Path]) -> None:
    root = project()
    (root / "汇报.docx").write_bytes(build_docx())
    assert run_huibian(root, "import", "汇报.docx").returncode == 0
    built = mkdocs_build(root)
    assert built.returncode == 0, built.stderr[-2000:]
    page = (root / "site" / "reports" / "jtj" / "2024-h1-ideology" / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'<img[^>]*src="([^"]+)"', page)
    assert len(sources) == 1
    image = (root / "site" / "reports" / "jtj" / "2024-h1-ideology" / sources[0]).resolve()
    assert image.read_bytes() == png_bytes()
    # The imported report is an internal draft: the public edition carries neither page nor image.
    public = mkdocs_build(root, env={"HUIBIAN_AUDIENCE": "public"})
    assert public.returncode == 0, public.stderr[-2000:]
    assert not list((root / "site").rglob("image-001.png"))


def test_content_controls_and_text_boxes_are_imported(project: Callable[..., Path]) -> None:
    document = docx.Document()
    document.add_paragraph("测试县交通运输局2024年上半年意识形态工作情况汇报", style="Title")
    body = document.element.body
    control = parse_xml(
        f'<w:sdt xmlns:w="{W}"><w:sdtContent><w:p><w:r><w:t>控件中的导语。</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    )
    body.insert(len(body) - 1, control)  # before the section properties
    boxed = document.add_paragraph("正文段落。")
    boxed.add_run()._r.append(parse_xml(
        f'<w:pict xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"><v:shape><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>文本框里的说明。</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>"
    ))
    buffer = io.BytesIO()
    document.save(buffer)
    collection = collection_of(project())
    (report,) = import_bytes(buffer.getvalue(), "c.docx", collection).reports
    body_text = report.markdown.split("\n---\n", 1)[1]
    assert body_text.index("控件中的导语。") < body_text.index("正文段落。") < body_text.index("文本框里的说明。")


def test_text_the_reader_cannot_place_is_an_error_not_a_silent_drop(project: Callable[..., Path]) -> None:
    document = docx.Document()
    document.add_paragraph("第一段。")
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(
        f'<x:wrapper xmlns:x="urn:example:unknown" xmlns:w="{W}"><w:p><w:r><w:t>藏在未知元素里的一段。</w:t></w:r></w:p>'
        "</x:wrapper>"
    ))
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(ImportProblem) as caught:
        import_bytes(buffer.getvalue(), "w.docx", None)
    assert caught.value.code == "lost-text"
    assert "第 2 段：藏在未知元素里的一段。" in caught.value.message  # the second paragraph of the body


def test_hyperlinks_and_tracked_insertions_keep_their_text(project: Callable[..., Path]) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("详见")
    paragraph._p.append(parse_xml(
        f'<w:hyperlink xmlns:w="{W}" w:anchor="x"><w:r><w:t>县政府网站</w:t></w:r></w:hyperlink>'
    ))
    paragraph._p.append(parse_xml(
        f'<w:ins xmlns:w="{W}" w:id="1" w:author="a"><w:r><w:t>的通知</w:t></w:r></w:ins>'
    ))
    paragraph._p.append(parse_xml(
        f'<w:del xmlns:w="{W}" w:id="2" w:author="a"><w:r><w:delText>已删除的字</w:delText></w:r></w:del>'
    ))
    paragraph.add_run("。")
    buffer = io.BytesIO()
    document.save(buffer)
    (report,) = import_bytes(buffer.getvalue(), "h.docx", None).reports
    assert "详见县政府网站的通知。" in report.markdown
    assert "已删除的字" not in report.markdown


def test_word_automatic_numbering_is_put_back(project: Callable[..., Path]) -> None:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        "</w:abstractNum>"
    ))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
        ))

    numbered("工作开展情况", 0)
    numbered("加强学习。局党组集中学习6次。", 1)
    numbered("强化宣传。发布信息20条。", 1)
    numbered("存在的问题", 0)
    numbered("学习不够深入。", 1)
    buffer = io.BytesIO()
    document.save(buffer)
    (report,) = import_bytes(buffer.getvalue(), "n.docx", None).reports
    body = report.markdown.split("\n---\n", 1)[1]
    assert "## 一、工作开展情况" in body and "## 二、存在的问题" in body
    assert "**（一）加强学习**。局党组集中学习6次。" in body
    assert "**（二）强化宣传**。发布信息20条。" in body
    assert "（一）学习不够深入。" in body  # the sub-level restarts under 二、


def test_a_centred_opening_line_is_the_title_without_the_title_style(project: Callable[..., Path]) -> None:
    """Offices set the title centred in a direct format; its words need not name a kind of document."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    title = document.add_paragraph("测试县交通运输局2024年上半年意识形态工作回顾")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("今年上半年，我局扎实推进意识形态各项工作。")
    centred_later = document.add_paragraph("附：学习安排")
    centred_later.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("一、工作开展情况")
    document.add_paragraph("加强理论学习。")
    buffer = io.BytesIO()
    document.save(buffer)
    root = project()
    (root / "回顾.docx").write_bytes(buffer.getvalue())
    done = run_huibian(root, "import", "回顾.docx", "--unit", "jtj", "--kind", "ideology", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "标题：测试县交通运输局2024年上半年意识形态工作回顾" in done.stdout
    assert "title: 测试县交通运输局2024年上半年意识形态工作回顾" in done.stdout
    assert "附：学习安排" in done.stdout  # a centred line later in the text stays text


def test_a_word_file_in_traditional_characters_is_converted_and_logged(project: Callable[..., Path]) -> None:
    document = docx.Document()
    document.add_paragraph("測試縣交通運輸局2024年上半年意識形態工作情況彙報", style="Title")
    document.add_paragraph("今年以來，我局認真落實意識形態工作責任制，現將有關情況彙報如下：")
    document.add_paragraph("一、工作開展情況")
    paragraph = document.add_paragraph()
    paragraph.add_run("（一）加強組織領導。").bold = True
    paragraph.add_run("局黨組召開專題會議2次，研究部署重點任務。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "學習專題", "6次"
    buffer = io.BytesIO()
    document.save(buffer)
    root = project()
    (root / "繁体.docx").write_bytes(buffer.getvalue())
    done = run_huibian(root, "import", "繁体.docx")
    assert done.returncode == 0, done.stderr
    markdown = (root / "reports" / "jtj" / "2024-h1-ideology.md").read_text(encoding="utf-8")
    assert "title: 测试县交通运输局2024年上半年意识形态工作情况汇报" in markdown
    assert "**（一）加强组织领导**。局党组召开专题会议2次，研究部署重点任务。" in markdown
    assert "| 学习专题 | 6次 |" in markdown
    assert "繁体字已转为简体" in done.stdout
    log = next((root / "reports" / "jtj").glob("*.import.log")).read_text(encoding="utf-8")
    assert "［繁体字转为简体" in log and "局黨組召開專題會議2次，研究部署重點任務。" in log
    kept = run_huibian(root, "import", "繁体.docx", "--keep-traditional", "--dry-run", "--force")
    assert kept.returncode == 0, kept.stderr
    assert "局黨組召開專題會議2次" in kept.stdout and "繁体字已转为简体" not in kept.stdout
