"""PDF compilations: real WeasyPrint PDFs of a tiny collection, read back with pypdf and poppler."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from huibian.check import check_collection, published
from huibian.pdf import plan_bundles, read_pdf_config
from huibian.pdf.markup import render_report
from huibian.pdf.plan import Bundle, estimated_pages, split_volumes
from huibian.pdf.render import RenderSummary, render_bundles
from huibian.site import SiteModel

from conftest import REPO, TINY_COLLECTION, mkdocs_build, report_text, run_huibian, write_reports

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")

MM = 72 / 25.4
# A one-pixel PNG, for a report image that exists inside the project.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def long_body(topic: str, paragraphs: int) -> str:
    """A body with the official heading levels, run-in headings and enough text for a few pages."""
    sentence = f"围绕{topic}，各股室按照职责分工逐项抓好落实，定期梳理进展情况，及时研究解决工作中遇到的困难和问题。"
    parts = [f"今年上半年，我单位认真落实{topic}各项部署。现将有关情况汇报如下：", "## 一、工作开展情况"]
    for n in range(1, paragraphs + 1):
        parts.append(f"（{'一二三四五六七八九十'[(n - 1) % 10]}）第{n}项重点工作扎实推进。{sentence * 2}")
        parts.append(f"1.建立工作台账。{sentence}")
    parts += ["## 二、存在的问题", f"一是学习深度不够。{sentence}", "## 三、下一步工作计划", f"持续抓好{topic}。{sentence}"]
    return "\n\n".join(parts) + "\n"


LINKS = "参见[教育局的报告](../jyj/2024-h1.md#二存在的问题)、[本局台账](台账.xlsx)和[县政府网站](https://example.org/)。\n"
JTJ = report_text(body=long_body("意识形态工作", 6) + "\n![示意图](images/dot.png)\n\n![](images/missing.png)\n\n" + LINKS)
JYJ = report_text(
    unit="jyj", extra="date: 2024-07-10\nclassification: internal\nstatus: final\n",
    body=long_body("理论学习", 2) + "\n![](file:///etc/passwd)\n\n<img src=\"https://example.com/track.png\">\n\n"
    '<p><a href="javascript:alert(1)">点此查看</a></p>\n',
)
DRAFT = report_text(unit="glzx", extra="date: 2024-07-01\nstatus: draft\n", body="草稿正文不应出现在汇编中。\n")
REPORTS: dict[str, str | bytes] = {
    "jtj/2024-h1.md": JTJ, "jtj/images/dot.png": PIXEL, "jyj/2024-h1.md": JYJ, "glzx/2024-h1.md": DRAFT,
}
JTJ_TITLE = "测试县交通运输局2024年上半年意识形态工作情况汇报"
JYJ_TITLE = "测试县教育局2024年上半年意识形态工作情况汇报"


def make_project(root: Path, reports: dict[str, str | bytes] = REPORTS, collection: str = TINY_COLLECTION) -> Path:
    return write_reports(root, reports, collection)


def render(root: Path, out: Path, audience: str = "internal", jobs: int = 2, justify_chinese: bool = True,
           ) -> RenderSummary:
    result = check_collection(root)
    assert result.collection is not None
    config, problems = read_pdf_config(result.collection)
    assert problems == []
    site = SiteModel(result.collection, published(result.reports, audience), audience)
    return render_bundles(plan_bundles(site, config), result.collection, config, root, out, jobs=jobs,
                          justify_chinese=justify_chinese)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, RenderSummary]:
    root = make_project(tmp_path_factory.mktemp("pdf") / "project")
    out = root / "site"
    return root, out, render(root, out)


def text_of(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, word) in millimetres, from pdftotext -bbox."""
    xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', xml)
    return [(float(a) / MM, float(b) / MM, float(c) / MM, float(d) / MM, w) for a, b, c, d, w in found]


EM_ASCENT = 0.88
"""Where a CJK face's ideographic em box starts above the baseline, in em (880/-120 in a 1000-unit em)."""


def em_box_tops(pdf: Path, page: int) -> list[tuple[str, float]]:
    """(text, top of its em box in mm from the page's top edge) for each piece of text on `page`, from pypdf.

    Read from the text and transformation matrices and the font size, so the font's own ascent
    (which pdftotext boxes a glyph with) plays no part.
    """
    reader = PdfReader(pdf)
    height = float(reader.pages[page - 1].mediabox.height)
    found: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            baseline = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            em = size * abs(tm[3] * cm[3])
            found.append((text, (height - baseline - EM_ASCENT * em) / MM))

    reader.pages[page - 1].extract_text(visitor_text=visit)
    return found


def start_pages(pdf: Path, titles: list[str]) -> list[int]:
    """The page on which each title first appears after the table of contents."""
    reader = PdfReader(pdf)
    starts = []
    for title in titles:
        for number in range(3, len(reader.pages) + 1):
            if title in text_of(pdf, number).replace(" ", "").replace("\n", ""):
                starts.append(number)
                break
    return starts


# -- the plan ---------------------------------------------------------------------------------


def test_plan_never_bundles_drafts_and_orders_units(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    result = check_collection(root)
    assert result.collection is not None
    site = SiteModel(result.collection, published(result.reports, "internal"))
    config, _ = read_pdf_config(result.collection)
    plan = {b.name: b for b in plan_bundles(site, config)}
    assert list(plan) == [
        "reports/jtj/2024-h1-ideology", "reports/jyj/2024-h1-ideology", "unit-jtj", "unit-jyj",
        "period-2024-H1", "kind-ideology-2024-H1", "collection",
    ]
    period = plan["period-2024-H1"]
    assert [r.unit for r in period.reports] == ["jtj", "jyj"]  # the collection's unit order, no draft
    assert period.path == "pdf/period-2024-H1.pdf"
    assert plan["kind-ideology-2024-H1"].title == "2024年上半年意识形态工作报告汇编"
    assert str(period.date) == "2024-07-10"  # newest report date, not the clock
    public = SiteModel(result.collection, published(result.reports, "public"), "public")
    assert {r.unit for b in plan_bundles(public, config) for r in b.reports} == {"jtj"}


def test_a_yearly_kind_named_with_niandu_is_not_doubled_in_the_bundle_title(tmp_path: Path) -> None:
    annual = TINY_COLLECTION.replace("kinds:\n", "kinds:\n  - id: annual\n    name: 年度工作\n    title: 年度工作总结\n")
    root = make_project(tmp_path, {"jtj/2024.md": report_text(period="2024", kind="annual",
                                                              title="测试县交通运输局2024年度工作总结")}, annual)
    result = check_collection(root)
    assert result.collection is not None
    config, _ = read_pdf_config(result.collection)
    plan = {b.name: b for b in plan_bundles(SiteModel(result.collection, published(result.reports, "internal")), config)}
    assert plan["kind-annual-2024"].title == "2024年度工作报告汇编"


def test_bundles_setting_chooses_bundles_and_bad_values_name_the_line(tmp_path: Path) -> None:
    root = make_project(tmp_path, collection=TINY_COLLECTION + "pdf:\n  bundles: [period, units]\n")
    collection = check_collection(root).collection
    assert collection is not None
    config, problems = read_pdf_config(collection)
    assert config.bundles == ("period",)
    assert [(p.code, p.path, p.line) for p in problems] == [("P003", "reports/collection.yml", 27)]
    assert "units" in problems[0].message and "kind-period" in problems[0].message
    checked = [(f.code, f.path, f.line) for f in check_collection(root).findings if f.code.startswith("P")]
    assert checked == [("P003", "reports/collection.yml", 27)]  # `huibian check` says so too


def test_run_in_headings_get_their_face(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    report = next(r for r in check_collection(root).reports if r.unit == "jtj")
    html = render_report(report, root, "r1-").html
    assert '<span class="hb-h2">（一）第1项重点工作扎实推进。</span>围绕' in html
    assert '<span class="hb-h3">1.建立工作台账。</span>' in html
    assert 'id="r1-' in html


# -- the PDFs ---------------------------------------------------------------------------------


def test_every_bundle_is_written_with_its_reports(rendered: tuple[Path, Path, RenderSummary]) -> None:
    root, out, summary = rendered
    assert summary.failed == []
    assert summary.rendered == 7
    manifest = summary.manifest()["bundles"]
    period = next(b for b in manifest if b["path"] == "pdf/period-2024-H1.pdf")
    assert period["reports"] == ["jtj/2024-h1-ideology", "jyj/2024-h1-ideology"]
    pdf = out / "pdf" / "period-2024-H1.pdf"
    assert period["pages"] == len(PdfReader(pdf).pages)
    assert period["bytes"] == pdf.stat().st_size
    text = text_of(pdf).replace(" ", "")
    assert "2024年上半年\n工作报告汇编" in text and "测试县委宣传部" in text and "2024年7月10日" in text
    assert JTJ_TITLE in text.replace("\n", "") and JYJ_TITLE in text.replace("\n", "")  # titles break by meaning
    assert "草稿正文" not in text


def test_a4_with_official_margins(rendered: tuple[Path, Path, RenderSummary]) -> None:
    _, out, _ = rendered
    pdf = out / "pdf" / "period-2024-H1.pdf"
    page = PdfReader(pdf).pages[2]
    assert (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)) == (210, 297)
    start = start_pages(pdf, [JTJ_TITLE])[0]
    assert start % 2 == 1
    body = [w for w in words(pdf, start) if w[1] < 262]
    assert abs(min(w[0] for w in body) - 28) <= 1  # 订口 28 mm
    assert max(w[2] for w in body) <= 28 + 156 + 1  # type area 156 mm wide
    # 天头 37 mm, to the top of the first line's em box: pdftotext's box is the em box for FandolFang
    # (ascent + descent = 1 em), so body pages show it; the title's face boxes its glyphs taller.
    continued = [w for w in words(pdf, start + 1) if w[1] < 262]  # an even page: margins mirrored
    assert abs(min(w[0] for w in continued) - 26) <= 1
    assert abs(min(w[1] for w in continued) - 37) <= 1
    assert max(w[3] for w in continued) <= 37 + 225 + 1  # type area 225 mm high
    # The report's first page (also the first page of its own PDF): the title's em box starts at 37 mm too.
    for first_page, page_number in ((pdf, start), (out / "pdf" / "reports/jtj/2024-h1-ideology.pdf", 1)):
        text, top = em_box_tops(first_page, page_number)[0]
        assert JTJ_TITLE.startswith(text.strip()[:4]) and abs(top - 37) <= 1, (first_page.name, text, top)


def test_page_numbers_on_the_outer_side(rendered: tuple[Path, Path, RenderSummary]) -> None:
    _, out, _ = rendered
    pdf = out / "pdf" / "period-2024-H1.pdf"
    for number, outer in ((3, "right"), (4, "left")):
        footer = [w for w in words(pdf, number) if w[1] > 262]
        assert " ".join(w[4] for w in footer) == f"— {number} —"
        left, right = min(w[0] for w in footer), max(w[2] for w in footer)
        if outer == "right":
            assert right > 170 and abs(right - (184 - 4.9)) <= 1.5  # one character in from the type area
        else:
            assert left < 40 and abs(left - (26 + 4.9)) <= 1.5
    assert not [w for w in words(pdf, 1) if w[1] > 262]  # the cover has no number


def test_table_of_contents_gives_the_start_pages(rendered: tuple[Path, Path, RenderSummary]) -> None:
    _, out, _ = rendered
    pdf = out / "pdf" / "period-2024-H1.pdf"
    toc = text_of(pdf, 2)
    assert "目" in toc and "录" in toc
    listed = [int(n) for n in re.findall(r"(\d+)\s*$", toc, re.MULTILINE) if int(n) > 2]
    assert listed == start_pages(pdf, [JTJ_TITLE, JYJ_TITLE])
    assert listed[1] > listed[0] + 1  # the first report takes more than one page
    # Each entry is a link to its report's first page (the TOC and the reports are laid out apart).
    reader = PdfReader(pdf)
    targets = []
    for annotation in reader.pages[1].get("/Annots", []):
        link = annotation.get_object()
        target = link["/Dest"] if "/Dest" in link else link["/A"]["/D"]
        page = reader.get_destination_page_number(reader.named_destinations[target]) + 1
        if page not in targets:
            targets.append(page)
    assert targets == listed


def test_bookmarks_are_the_reports_and_their_sections(rendered: tuple[Path, Path, RenderSummary]) -> None:
    _, out, _ = rendered
    reader = PdfReader(out / "pdf" / "period-2024-H1.pdf")
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == [JTJ_TITLE, JYJ_TITLE]
    sections = [item.title for item in outline[1]]
    assert sections == ["一、工作开展情况", "二、存在的问题", "三、下一步工作计划"]


def links_of(pdf: Path) -> tuple[list[tuple[int, int]], list[str]]:
    """The PDF's links: (from page, to page) for links inside it, and the URIs of the others."""
    reader = PdfReader(pdf)
    inside, uris = [], []
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots", []):
            link = annotation.get_object()
            action = link.get("/A", {})
            if "/URI" in action:
                uris.append(str(action["/URI"]))
                continue
            target = link["/Dest"] if "/Dest" in link else action["/D"]
            inside.append((number, reader.get_destination_page_number(reader.named_destinations[target]) + 1))
    return inside, uris


def test_links_between_reports_stay_inside_the_bundle(rendered: tuple[Path, Path, RenderSummary]) -> None:
    _, out, _ = rendered
    period = out / "pdf" / "period-2024-H1.pdf"
    jtj_start, jyj_start = start_pages(period, [JTJ_TITLE, JYJ_TITLE])
    inside, uris = links_of(period)
    assert uris == ["https://example.org/"]  # no file: link to the machine that built the PDF
    problems = next(n for n in range(jyj_start, jyj_start + 3) if "二、存在的问题" in text_of(period, n))
    assert [(a, b) for a, b in inside if a > 2] == [(jyj_start - 1, problems)]  # from the end of JTJ's report
    alone = out / "pdf" / "reports" / "jtj" / "2024-h1-ideology.pdf"  # JYJ is not in this PDF
    assert links_of(alone) == ([], ["https://example.org/"])
    assert "参见教育局的报告、本局台账和县政府网站。" in text_of(alone).replace(" ", "").replace("\n", "")


def test_metadata_and_embedded_fonts(rendered: tuple[Path, Path, RenderSummary]) -> None:
    _, out, _ = rendered
    pdf = out / "pdf" / "period-2024-H1.pdf"
    reader = PdfReader(pdf)
    info = reader.metadata
    assert info is not None
    assert info.title == "2024年上半年工作报告汇编"
    assert info.author == "测试县委宣传部"
    assert info.subject is not None and "共 2 份报告" in info.subject
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
    assert "/CreationDate" not in info and "/ModDate" not in info
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(row[-5:-3] == ["yes", "yes"] for row in rows), fonts  # embedded subsets only
    # Only the build's own subsets of the five official faces: nothing fell back to a system font.
    names = sorted(row[0].split("+")[1] for row in rows)
    assert names == ["hb-body", "hb-body-Bold", "hb-hei", "hb-kai", "hb-title"], fonts


def test_images_inside_the_project_only(rendered: tuple[Path, Path, RenderSummary]) -> None:
    _, out, summary = rendered
    codes = {(f.code, f.path) for f in summary.findings}
    assert codes == {("P001", "reports/jtj/2024-h1.md"), ("P002", "reports/jyj/2024-h1.md")}
    refused = next(f for f in summary.findings if f.code == "P002")
    assert "file:///etc/passwd" in refused.message and "项目目录之外" in refused.message
    assert summary.warnings == [
        "PDF 拒绝读取“https://example.com/track.png”：不是项目中的文件（出现在 reports/jyj/2024-h1.md）"]
    text = text_of(out / "pdf" / "period-2024-H1.pdf")
    assert "root:" not in text and "［图片：file:///etc/passwd］" in text.replace(" ", "")
    uris = [str(annotation.get_object().get("/A", {}).get("/URI", ""))
            for page in PdfReader(out / "pdf" / "period-2024-H1.pdf").pages for annotation in page.get("/Annots", [])]
    assert "点此查看" in text and not [u for u in uris if "javascript" in u]  # raw HTML went through the allowlist
    assert image_count(out / "pdf" / "reports/jtj/2024-h1-ideology.pdf") == 1  # the one image inside


def test_same_inputs_give_identical_bytes(rendered: tuple[Path, Path, RenderSummary], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    root, out, summary = rendered
    again = render(root, tmp_path / "out", jobs=1)
    assert again.rendered == 0  # same inputs: everything comes from the cache
    later = time.time() + 86_400
    monkeypatch.setattr(time, "time", lambda: later)  # rendered again "a day later": no date may reach the bytes
    fresh = render_bundles_fresh(root, tmp_path / "fresh")  # an empty cache: everything rendered again
    assert fresh.rendered == 7
    for entry in summary.manifest()["bundles"]:
        path = str(entry["path"])
        assert (tmp_path / "fresh" / path).read_bytes() == (out / path).read_bytes(), path


def test_ragged_lines_are_never_taken_for_justified_ones(rendered: tuple[Path, Path, RenderSummary],
                                                         tmp_path: Path) -> None:
    root, out, summary = rendered
    ragged = render(root, tmp_path / "ragged", justify_chinese=False)
    assert ragged.rendered == len(summary.results)  # none comes from the cache the justified build filled
    assert [r.pages for r in ragged.results] == [r.pages for r in summary.results]  # justifying moves no line break
    assert [r.path for r in summary.results if (tmp_path / "ragged" / r.path).read_bytes() != (out / r.path).read_bytes()]
    again = render(root, tmp_path / "again")
    assert again.rendered == 0
    assert all((tmp_path / "again" / r.path).read_bytes() == (out / r.path).read_bytes() for r in summary.results)


def render_bundles_fresh(root: Path, out: Path) -> RenderSummary:
    result = check_collection(root)
    assert result.collection is not None
    config, _ = read_pdf_config(result.collection)
    site = SiteModel(result.collection, published(result.reports, "internal"))
    # One worker renders every bundle in turn, where the fixture spread them over two: the bytes
    # must not depend on what a worker rendered before.
    return render_bundles(plan_bundles(site, config), result.collection, config, root, out, jobs=1,
                          cache_dir=out / "cache")


def test_touching_one_report_rerenders_only_its_bundles(tmp_path: Path) -> None:
    collection = TINY_COLLECTION + "pdf:\n  bundles: [report, period]\n"
    root = make_project(tmp_path, collection=collection)
    first = render(root, root / "site")
    assert (first.rendered, first.cached) == (3, 0)
    path = root / "reports" / "jyj" / "2024-h1.md"
    path.write_text(path.read_text(encoding="utf-8").replace("理论学习各项部署", "理论学习各项工作部署"), encoding="utf-8")
    second = render(root, root / "site")
    fresh = sorted(r.name for r in second.results if not r.cached)
    assert fresh == ["period-2024-H1", "reports/jyj/2024-h1-ideology"]
    assert "理论学习各项工作部署" in text_of(root / "site" / "pdf" / "period-2024-H1.pdf").replace(" ", "").replace("\n", "")


def image_count(pdf: Path) -> int:
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split()[2] for line in listing.splitlines()[2:]].count("image")


def test_only_changed_reports_are_converted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from huibian.pdf import fragments

    converted: list[str] = []
    real = fragments.render_report
    monkeypatch.setattr(fragments, "render_report",
                        lambda report, *args: converted.append(report.source) or real(report, *args))
    root = make_project(tmp_path)
    first = render(root, root / "site")
    missing = ("P001", "reports/jtj/2024-h1.md")
    assert sorted(converted) == ["reports/jtj/2024-h1.md", "reports/jyj/2024-h1.md"]
    assert missing in {(f.code, f.path) for f in first.findings}

    converted.clear()
    again = render(root, root / "site")
    assert converted == [] and again.rendered == 0
    assert again.findings == first.findings  # the cached fragment keeps the missing image's finding

    # The report is unchanged, but the image it names now exists: its fragment must be made again.
    (root / "reports" / "jtj" / "images" / "missing.png").write_bytes(PIXEL)
    converted.clear()
    third = render(root, root / "site")
    assert converted == ["reports/jtj/2024-h1.md"]
    assert missing not in {(f.code, f.path) for f in third.findings}
    assert image_count(root / "site" / "pdf" / "reports/jtj/2024-h1-ideology.pdf") == 2

    # A damaged cache entry is converted again, not trusted.
    for entry in (root / ".cache" / "huibian" / "pdf" / "fragments").glob("*.json"):
        entry.write_text("{", encoding="utf-8")
    converted.clear()
    assert render(root, root / "site").rendered == 0
    assert sorted(converted) == ["reports/jtj/2024-h1.md", "reports/jyj/2024-h1.md"]


def test_a_crashed_worker_fails_only_its_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from huibian.pdf import render as render_module

    collection = TINY_COLLECTION + "pdf:\n  bundles: [unit]\n"
    root = make_project(tmp_path, collection=collection)
    real = render_module.render_one

    def crash_on_jyj(job: render_module.Job, css: str, project: Path) -> dict[str, object]:
        if job.bundle.name == "unit-jyj":
            os._exit(9)  # like a segfault or the OOM killer: no exception, no goodbye
        return real(job, css, project)

    monkeypatch.setattr(render_module, "render_one", crash_on_jyj)
    broken = render(root, root / "site")
    assert [r.name for r in broken.failed] == ["unit-jyj"]
    assert "unit-jyj.pdf" in broken.failed[0].error and "退出码 9" in broken.failed[0].error
    assert (root / "site" / "pdf" / "unit-jtj.pdf").is_file()
    assert not (root / "site" / "pdf" / "unit-jyj.pdf").exists()
    assert [e["path"] for e in broken.manifest()["bundles"]] == ["pdf/unit-jtj.pdf"]
    cache = root / ".cache" / "huibian" / "pdf" / "bundles"
    assert not list(cache.glob("*.partial"))
    monkeypatch.setattr(render_module, "render_one", real)
    healed = render(root, root / "site")
    assert healed.failed == [] and sorted(r.name for r in healed.results if not r.cached) == ["unit-jyj"]


# -- command line and site build --------------------------------------------------------------


def test_cli_shards_partition_the_plan(project: Callable[..., Path]) -> None:
    root = project(REPORTS)
    listed = [run_huibian(root, "pdf", "--list", "--shard", f"{i}/2").stdout.split("\n") for i in (1, 2)]
    names = [[line.split("\t")[0] for line in part if line] for part in listed]
    everything = [line.split("\t")[0] for line in run_huibian(root, "pdf", "--list").stdout.split("\n") if line]
    assert set(names[0]).isdisjoint(names[1]) and sorted(names[0] + names[1]) == sorted(everything)
    assert len(everything) == 7
    bad = run_huibian(root, "pdf", "--shard", "3/2")
    assert bad.returncode == 2 and "--shard" in bad.stderr


def test_cli_renders_chosen_bundles(project: Callable[..., Path]) -> None:
    root = project(REPORTS)
    done = run_huibian(root, "pdf", "--jobs", "2", "unit-*")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (root / "site" / "pdf").iterdir()) == ["unit-jtj.docx", "unit-jtj.pdf", "unit-jyj.docx",
                                                                      "unit-jyj.pdf"]
    assert "P002" in done.stderr and "reports/jyj/2024-h1.md" in done.stderr
    unknown = run_huibian(root, "pdf", "unit-nobody")
    assert unknown.returncode == 2 and "没有这样的汇编" in unknown.stderr


def test_volumes_are_whole_reports_of_about_equal_length(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    report = next(r for r in check_collection(root).reports if r.unit == "jtj")
    reports = tuple(dataclasses.replace(report, body="字" * (510 * pages)) for pages in (3, 9, 2, 14, 5, 5, 7, 1, 12, 6))
    bundle = Bundle("period-2024-H1", "period", "汇编", "", "", reports)
    assert [estimated_pages(r) for r in reports] == [4, 10, 3, 15, 6, 6, 8, 2, 13, 7]  # 74 pages in all
    volumes = split_volumes(bundle, 30)
    assert [v.name for v in volumes] == ["period-2024-H1-v1", "period-2024-H1-v2", "period-2024-H1-v3"]
    assert tuple(r for v in volumes for r in v.reports) == reports  # every report once, in order
    lengths = [sum(estimated_pages(r) for r in v.reports) for v in volumes]
    assert lengths == [32, 20, 22] and max(lengths) - 74 / 3 < 15  # within one report of the average
    assert [v.volumes for v in volumes] == [3, 3, 3] and volumes[2].title == "汇编（第三册）"
    assert split_volumes(bundle, 74) == [bundle]


def test_large_compilations_are_split_into_volumes(project: Callable[..., Path]) -> None:
    root = project(REPORTS, collection=TINY_COLLECTION + "pdf:\n  bundles: [period, collection]\n  volume_pages: 1\n")
    listed = run_huibian(root, "pdf", "--list").stdout.splitlines()
    assert [line.split("\t") for line in listed] == [
        ["period-2024-H1-v1", "1 份", "2024年上半年工作报告汇编（第一册）"],
        ["period-2024-H1-v2", "1 份", "2024年上半年工作报告汇编（第二册）"],
        ["collection-v1", "1 份", "测试汇编（第一册）"],
        ["collection-v2", "1 份", "测试汇编（第二册）"],
    ]
    done = run_huibian(root, "pdf", "period-2024-H1")  # the compilation's name selects its volumes
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (root / "site" / "pdf").iterdir() if p.suffix == ".pdf") == [
        "period-2024-H1-v1.pdf", "period-2024-H1-v2.pdf"]
    second = root / "site" / "pdf" / "period-2024-H1-v2.pdf"
    cover = text_of(second, 1).replace(" ", "")
    assert "2024年上半年\n工作报告汇编" in cover and "第二册（共2册）" in cover
    body = text_of(second).replace(" ", "").replace("\n", "")
    assert JYJ_TITLE in body and JTJ_TITLE not in body
    assert "—3—" in text_of(second, 3).replace(" ", "")  # each volume is numbered on its own
    (root / "reports" / "collection.yml").write_text(TINY_COLLECTION + "pdf:\n  volume_pages: 0\n", encoding="utf-8")
    bad = run_huibian(root, "check")
    assert "P003" in bad.stdout and "volume_pages" in bad.stdout and "正整数" in bad.stdout


@pytest.mark.slow
def test_site_build_links_pdfs_and_writes_bundles_json(project: Callable[..., Path]) -> None:
    clean = {**REPORTS, "jyj/2024-h1.md": JYJ.replace("![](file:///etc/passwd)", "")}  # H001 would stop the build
    root = project(clean, collection=TINY_COLLECTION + "pdf:\n  bundles: [report, period]\n")
    built = mkdocs_build(root, env={"HUIBIAN_PDF": "1"})
    assert built.returncode == 0, built.stderr
    site = root / "site"
    manifest = json.loads((site / "bundles.json").read_text(encoding="utf-8"))["bundles"]
    assert [b["path"] for b in manifest] == [
        "pdf/reports/jtj/2024-h1-ideology.pdf", "pdf/reports/jyj/2024-h1-ideology.pdf", "pdf/period-2024-H1.pdf"]
    for entry in manifest:
        data = (site / entry["path"]).read_bytes()
        assert data.startswith(b"%PDF") and len(data) == entry["bytes"]
        word = (site / entry["docx"]["path"]).read_bytes()  # the Word file next to it
        assert word.startswith(b"PK") and len(word) == entry["docx"]["bytes"]
    catalog = {r["id"]: r for r in json.loads((site / "catalog.json").read_text(encoding="utf-8"))["reports"]}
    assert catalog["jtj/2024-h1-ideology"]["pdf"] == "pdf/reports/jtj/2024-h1-ideology.pdf"
    assert catalog["jtj/2024-h1-ideology"]["docx"] == "pdf/reports/jtj/2024-h1-ideology.docx"
    page = (site / "reports" / "jtj" / "2024-h1-ideology" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../pdf/reports/jtj/2024-h1-ideology.pdf"' in page
    assert 'href="../../../pdf/reports/jtj/2024-h1-ideology.docx"' in page
    period = (site / "periods" / "2024-h1" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../pdf/period-2024-H1.pdf"' in period and 'href="../../pdf/period-2024-H1.docx"' in period
    assert "PDF" in built.stderr  # the progress lines


def test_fonts_setting_uses_an_office_font_file(tmp_path: Path) -> None:
    kai = Path("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf")
    if not kai.is_file():
        pytest.skip("fonts-arphic-gkai00mp is not installed")
    collection = TINY_COLLECTION + "pdf:\n  bundles: [report]\n  fonts:\n    body: [NoSuchFont, fonts/office.ttf]\n"
    root = make_project(tmp_path, reports={"jtj/2024-h1.md": report_text()}, collection=collection)
    (root / "fonts").mkdir()
    shutil.copy(kai, root / "fonts" / "office.ttf")  # stands in for a licensed 仿宋_GB2312 file
    summary = render(root, root / "site")
    assert summary.failed == []
    fonts = subprocess.run(["pdffonts", str(root / "site" / "pdf" / "reports/jtj/2024-h1-ideology.pdf")],
                           capture_output=True, text=True, check=True).stdout
    body = next(line for line in fonts.splitlines() if "+hb-body " in line)
    assert "CID TrueType" in body  # the office's TrueType file, not the default FandolFang (CFF)


def test_pages_link_the_planned_bundles(tmp_path: Path) -> None:
    from huibian.pdf import pdf_links

    root = make_project(tmp_path)
    result = check_collection(root)
    assert result.collection is not None
    config, _ = read_pdf_config(result.collection)
    links = pdf_links(plan_bundles(SiteModel(result.collection, published(result.reports, "internal")), config))
    assert links["reports/jtj/2024-h1-ideology.md"] == [
        ("PDF", "pdf/reports/jtj/2024-h1-ideology.pdf"), ("Word", "pdf/reports/jtj/2024-h1-ideology.docx"),
        ("本期汇编 PDF", "pdf/period-2024-H1.pdf"), ("本期汇编 Word", "pdf/period-2024-H1.docx")]
    assert links["units/jtj.md"] == [("测试县交通运输局工作报告汇编（PDF）", "pdf/unit-jtj.pdf"),
                                     ("测试县交通运输局工作报告汇编（Word）", "pdf/unit-jtj.docx")]
    assert [path for _, path in links["periods/2024-h1.md"]] == ["pdf/period-2024-H1.pdf", "pdf/period-2024-H1.docx",
                                                                 "pdf/kind-ideology-2024-H1.pdf",
                                                                 "pdf/kind-ideology-2024-H1.docx"]
    assert links["kinds/ideology.md"][0] == ("2024年上半年意识形态工作报告汇编（PDF）", "pdf/kind-ideology-2024-H1.pdf")
    assert links["units/index.md"] == [("测试汇编（全部报告，PDF）", "pdf/collection.pdf"),
                                       ("测试汇编（全部报告，Word）", "pdf/collection.docx")]
    assert "units/glzx.md" not in links  # only a draft: no bundle, no link


def test_cache_keeps_recent_entries_and_drops_old_ones(tmp_path: Path) -> None:
    root = make_project(tmp_path, reports={"jtj/2024-h1.md": report_text()},
                       collection=TINY_COLLECTION + "pdf:\n  bundles: [report]\n")
    render(root, root / "site")
    bundles = root / ".cache" / "huibian" / "pdf" / "bundles"
    stale, other = bundles / "0000.pdf", bundles / "1111.pdf"  # e.g. the other edition's PDF, used recently
    stale.write_bytes(b"%PDF old")
    other.write_bytes(b"%PDF other")
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    again = render(root, root / "site")
    assert again.cached == 1
    assert not stale.exists() and other.exists()
    assert len(list(bundles.glob("*.pdf"))) == 2


def test_a_character_the_kai_face_lacks_still_prints(tmp_path: Path) -> None:
    # AR PL KaitiM GB has no 晩 (U+6669): the run-in heading falls back to the embedded body face.
    body = "## 一、工作开展情况\n\n（一）晩间学习常态开展。每周安排集中学习。\n"
    root = make_project(tmp_path, reports={"jtj/2024-h1.md": report_text(body=body)},
                       collection=TINY_COLLECTION + "pdf:\n  bundles: [report]\n")
    summary = render(root, root / "site")
    pdf = root / "site" / "pdf" / "reports/jtj/2024-h1-ideology.pdf"
    assert summary.failed == [] and "（一）晩间学习常态开展。" in text_of(pdf).replace(" ", "")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert all(row.split()[-5:-3] == ["yes", "yes"] for row in fonts.splitlines()[2:])


def body_lines(pdf: Path, page: int) -> list[str]:
    """The body text of a page, line by line (words of different faces grouped by position)."""
    lines: list[list[tuple[float, str]]] = []
    for _, _, _, y_max, word in sorted((w for w in words(pdf, page) if w[1] < 262), key=lambda w: w[3]):
        if lines and y_max - lines[-1][0][0] < 3:
            lines[-1].append((y_max, word))
        else:
            lines.append([(y_max, word)])
    return ["".join(word for _, word in line) for line in lines]


def test_full_pages_hold_22_lines_of_28_characters(rendered: tuple[Path, Path, RenderSummary]) -> None:
    _, out, _ = rendered
    pdf = out / "pdf" / "reports/jtj/2024-h1-ideology.pdf"
    pages = [body_lines(pdf, n) for n in range(1, len(PdfReader(pdf).pages) + 1)]
    assert len(pages) >= 3
    assert max(len(lines) for lines in pages) == 22  # 22 lines per page (fewer where a heading moves on)
    assert max(len(line) for lines in pages for line in lines) == 28  # 28 characters per full line


INNER_TEST = '''
from pathlib import Path

from test_pdf import make_project, render


def test_render(tmp_path: Path) -> None:
    summary = render(make_project(tmp_path / "project"), tmp_path / "out", jobs=2)
    assert summary.failed == [] and summary.rendered > 1
'''


def test_a_process_that_rendered_leaves_no_font_copies_behind(tmp_path: Path) -> None:
    # WeasyPrint copies the embedded fonts (~20 MB) into a temporary folder that its font
    # configuration deletes when freed; kept by the renderer until exit, it used to outlive
    # `shutil` and stay in /tmp after every test session ("Exception ignored in ... __del__").
    (tmp_path / "test_inner.py").write_text(INNER_TEST, encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    # This checkout's sources, not whichever the environment installed (a git worktree shares one .venv).
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": os.pathsep.join([str(REPO / "tests"), str(REPO / "src")])}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "base"),
         str(tmp_path / "test_inner.py")],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout
    assert "Exception ignored" not in done.stderr
    assert sorted(p.name for p in temp.iterdir()) == []


def layout_lines(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Each page's text lines as (xMin, xMax, text) in millimetres, from pdftotext -bbox-layout."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in xml.split("<page ")[1:]:
        lines = []
        for x_min, x_max, inner in re.findall(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</line>',
                                               page, re.S):
            lines.append((float(x_min) / MM, float(x_max) / MM, "".join(re.findall(r">([^<]*)</word>", inner))))
        pages.append(lines)
    return pages


def test_body_is_justified_on_the_grid_and_reads_back_unchanged(rendered: tuple[Path, Path, RenderSummary]) -> None:
    root, out, _ = rendered
    pdf = out / "pdf" / "reports/jtj/2024-h1-ideology.pdf"
    paragraphs = [p.strip().removeprefix("## ") for p in long_body("意识形态工作", 6).split("\n\n")]
    pages = layout_lines(pdf)
    # The title is broken between its parts, not inside 工作 (it used to be ……意识形态工 / 作情况汇报).
    assert [text for _, _, text in pages[0][:2]] == ["测试县交通运输局2024年上半年", "意识形态工作情况汇报"]
    checked = 0
    for number, lines in enumerate(pages, start=1):
        inner, outer = (28, 28 + 156) if number % 2 else (26, 26 + 156)
        for x_min, x_max, text in lines:
            if not any(text in p for p in paragraphs) or re.fullmatch(r"—\d+—", text):
                continue  # title, byline, footer, or text from the links and images
            last = any(p.endswith(text) for p in paragraphs)
            if last:
                continue  # a paragraph's last line stays left-aligned
            assert abs(x_max - outer) <= 0.5, (number, text, x_max)  # flush with the right edge
            assert abs(x_min - inner) <= 0.5 or abs(x_min - (inner + 2 * 5.57)) <= 0.5, (number, text, x_min)
            if re.fullmatch(r"[\u4e00-\u9fff，。、“”《》；：]+", text):
                assert len(text) == 28 or (abs(x_min - inner) > 1 and len(text) == 26), text
            checked += 1
    assert checked > 30
    # Copy and paste gives the report's characters: nothing inserted between them.
    plain = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    joined = "".join(line for line in plain.replace("\f", "\n").split("\n") if not re.fullmatch(r"—\s*\d+\s*—", line))
    for paragraph in paragraphs:
        assert paragraph in joined


def test_a_damaged_font_file_is_a_finding_with_its_line_not_a_traceback(tmp_path: Path) -> None:
    collection = TINY_COLLECTION + "pdf:\n  bundles: [report]\n  fonts:\n    body: 仿宋_GB2312\n    title: fonts/小标宋.ttf\n"
    root = make_project(tmp_path, reports={"jtj/2024-h1.md": report_text()}, collection=collection)
    (root / "fonts").mkdir()
    kai = Path("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf")
    (root / "fonts" / "小标宋.ttf").write_bytes(kai.read_bytes()[:5000] if kai.is_file() else b"\0\1\0\0garbage")
    line = collection.splitlines().index("    title: fonts/小标宋.ttf") + 1
    checked = run_huibian(root, "check")
    assert checked.returncode == 1
    assert f"reports/collection.yml:{line}:5: P005 错误" in checked.stdout
    assert "pdf.fonts.title" in checked.stdout and "fonts/小标宋.ttf" in checked.stdout
    rendered = run_huibian(root, "pdf")  # it used to end in a fontTools traceback
    assert rendered.returncode == 1
    assert "P005" in rendered.stderr and "Traceback" not in rendered.stderr


# -- Word files ---------------------------------------------------------------------------------

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def east_asian_font(style: object) -> str:
    fonts = style.element.find(f"{W_NS}rPr/{W_NS}rFonts")  # type: ignore[attr-defined]
    return "" if fonts is None else str(fonts.get(f"{W_NS}eastAsia"))


def test_every_bundle_has_a_word_file_set_like_an_official_document(rendered: tuple[Path, Path, RenderSummary]) -> None:
    import docx

    _, out, summary = rendered
    entries = {e["path"]: e for e in summary.manifest()["bundles"]}
    for entry in entries.values():  # next to every PDF, in bundles.json with its size and digest
        word = out / str(entry["docx"]["path"])  # type: ignore[index]
        assert word.name == Path(str(entry["path"])).with_suffix(".docx").name
        assert entry["docx"]["sha256"] == hashlib.sha256(word.read_bytes()).hexdigest()  # type: ignore[index]
    document = docx.Document(str(out / "pdf" / "period-2024-H1.docx"))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [
        37, 35, 28, 26]
    settings = document.settings.element
    assert settings.find(f"{W_NS}mirrorMargins") is not None and settings.find(f"{W_NS}evenAndOddHeaders") is not None
    grid = section._sectPr.find(f"{W_NS}docGrid")
    assert grid.get(f"{W_NS}type") == "linesAndChars"
    assert int(grid.get(f"{W_NS}linePitch")) * 22 <= 225 * 56.7 < (int(grid.get(f"{W_NS}linePitch")) + 1) * 22
    assert 28 * (16 + int(grid.get(f"{W_NS}charSpace")) / 4096) == pytest.approx(156 * 72 / 25.4, abs=0.3)
    for footer, side in ((section.footer, "RIGHT"), (section.even_page_footer, "LEFT")):
        number = footer.paragraphs[0]
        assert number.alignment.name == side and "PAGE" in number._p.xml and number.text.startswith("— ")
    styles = document.styles
    assert east_asian_font(styles["Normal"]) == "仿宋_GB2312" and styles["Normal"].paragraph_format.alignment.name == "JUSTIFY"
    assert east_asian_font(styles["公文标题"]) == "方正小标宋简体"
    levels = {"一级标题": ("黑体", "1"), "二级标题": ("楷体_GB2312", "2"), "三级标题": ("仿宋_GB2312", "3"),
              "四级标题": ("仿宋_GB2312", "4")}
    for name, (face, outline) in levels.items():
        assert east_asian_font(styles[name]) == face
        assert styles[name].element.find(f"{W_NS}pPr/{W_NS}outlineLvl").get(f"{W_NS}val") == outline
    # Cover, contents, then each report on a new page under its title; the text is the report's.
    paragraphs = document.paragraphs
    titles = [p for p in paragraphs if p.style.name == "公文标题" and p.paragraph_format.page_break_before
              and p.text.replace("\n", "") in (JTJ_TITLE, JYJ_TITLE)]
    assert [p.text for p in titles] == ["测试县交通运输局2024年上半年\n意识形态工作情况汇报",
                                        "测试县教育局2024年上半年\n意识形态工作情况汇报"]
    texts = [p.text for p in paragraphs]
    for paragraph in (p.strip().removeprefix("## ") for p in long_body("意识形态工作", 6).split("\n\n")):
        assert paragraph in texts
    assert "一、工作开展情况" in [p.text for p in paragraphs if p.style.name == "一级标题"]
    assert any(r.text == "（一）第1项重点工作扎实推进。" and east_asian_font(r) == "楷体_GB2312"
               for p in paragraphs for r in p.runs)
    assert len(document.inline_shapes) == 1  # images/dot.png
    assert not any("草稿正文" in t for t in texts)


def test_word_carries_tables_and_footnotes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import time

    import docx

    from huibian.word import word_faces, write_docx

    body = "正文见表。[^1]\n\n| 项目 | 数量 |\n|---|---|\n| 谈话 | 6 |\n\n[^1]: 数据截至6月底。\n"
    root = make_project(tmp_path, reports={"jtj/2024-h1.md": report_text(body=body)})
    result = check_collection(root)
    html = render_report(result.reports[0], root, "r1-").html
    document = docx.Document(io.BytesIO(write_docx(f'<article class="hb-report">{html}</article>', "", word_faces({}), root)))
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [["项目", "数量"], ["谈话", "6"]]
    texts = [p.text for p in document.paragraphs]
    assert "正文见表。1" in texts and "数据截至6月底。" in texts
    now = time.time()
    first = write_docx(f'<article class="hb-report">{html}</article>', "", word_faces({}), root)
    monkeypatch.setattr(time, "time", lambda: now + 86_400)  # a day later, as the zip writer and the clock see it
    later = write_docx(f'<article class="hb-report">{html}</article>', "", word_faces({}), root)
    assert later == first  # reproducible: the same report gives the same bytes on another day


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer-nogui) is not installed")
def test_libreoffice_lays_out_the_word_files_like_the_pdfs(rendered: tuple[Path, Path, RenderSummary], tmp_path: Path) -> None:
    _, out, _ = rendered
    names = ["reports/jtj/2024-h1-ideology", "period-2024-H1"]
    for name in names:
        shutil.copy(out / "pdf" / f"{name}.docx", tmp_path / f"{Path(name).name}.docx")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *(str(tmp_path / f"{Path(n).name}.docx") for n in names)],
                   capture_output=True, check=True, timeout=300)
    for name in names:
        ours, theirs = PdfReader(out / "pdf" / f"{name}.pdf"), PdfReader(tmp_path / f"{Path(name).name}.pdf")
        box = theirs.pages[0].mediabox
        assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (210, 297)
        assert abs(len(theirs.pages) - len(ours.pages)) <= max(1, len(ours.pages) // 5)
        body = [w for w in words(tmp_path / f"{Path(name).name}.pdf", len(theirs.pages) - 1) if w[1] < 262]
        page = len(theirs.pages) - 1
        inner, outer = (28, 184) if page % 2 else (26, 182)
        assert abs(min(w[0] for w in body) - inner) <= 1 and max(w[2] for w in body) <= outer + 1
        # Word's exact line spacing puts the half leading (2.3 mm) above the first line's text.
        assert 37 - 1 <= min(w[1] for w in body) <= 37 + 2.3 + 2
