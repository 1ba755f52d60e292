"""Recycled text (重复率): passages found again in the unit's earlier reports and in other units' reports."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from huibian.check import check_collection
from huibian.recycled import CACHE_FILE, RecycledCache, RecycledSettings, analyse, fingerprint, normalise, percent
from huibian.report import parse_report

from conftest import REPO, TINY_COLLECTION, mkdocs_build, report_text, run_huibian, serve_build, tree

GEN = REPO / "scripts" / "gen_corpus.py"

# Fictional prose of a unit's own, three paragraphs; the copy below changes the year, every figure and the order.
OWN_2023 = (
    "2023年，我局坚持以学促干，在城西片区开展交通安全夜查行动12次，查处违规车辆45辆。\n\n"
    "## 一、工作开展情况\n\n"
    "局党组在白沙渡口设立流动宣讲点，全年开展“路畅心安”宣讲活动8场，覆盖船工和司机300余人。"
    "组织青年干部在南坪货运站开展驾驶员座谈会，收集意见建议27条并逐条答复。\n\n"
    "针对桥梁老化问题，会同乡镇对辖区内17座农村公路桥逐一体检，建立一桥一档，完成维修加固6座。\n\n"
    "## 二、存在的问题\n\n"
    "部分乡镇农村公路养护经费落实不到位，养护人员年龄偏大，专业技术力量薄弱。\n\n"
    "## 三、下一步工作计划\n\n"
    "2024年，我局将在东岭隧道口增设应急物资储备点，健全恶劣天气道路管控联动机制。\n"
)
COPY_2024 = (
    "2024年，我局坚持以学促干，在城西片区开展交通安全夜查行动15次，查处违规车辆52辆。\n\n"
    "## 一、工作开展情况\n\n"
    "针对桥梁老化问题，会同乡镇对辖区内21座农村公路桥逐一体检，建立一桥一档，完成维修加固9座。\n\n"
    "组织青年干部在南坪货运站开展驾驶员座谈会，收集意见建议31条并逐条答复。"
    "局党组在白沙渡口设立流动宣讲点，全年开展“平安出行”宣讲活动十场，覆盖船工和司机三百余人。\n\n"
    "## 二、存在的问题\n\n"
    "今年新划入的三条县道路面病害较多，日常巡查频次不足，群众反映的坑槽修补不够及时。\n\n"
    "## 三、下一步工作计划\n\n"
    "2025年，我局将在东岭隧道口增设应急物资储备点，健全恶劣天气道路管控联动机制。\n"
)
FRESH_2024 = (
    "2024年，县教育局围绕立德树人根本任务，在全县中小学开展“书香校园”读书月活动，参与师生一万二千人次。\n\n"
    "## 一、工作开展情况\n\n"
    "在溪南中学试点思政课集体备课，组织骨干教师跨校听课评课四十余节，形成优秀教案汇编一册。\n\n"
    "## 二、存在的问题\n\n"
    "农村学校心理健康教师配备不足，家校沟通渠道还不够畅通。\n\n"
    "## 三、下一步工作计划\n\n"
    "完善家校共育机制，推动心理健康教育专兼职教师全覆盖。\n"
)
BORROWED = "组织青年干部在南坪货运站开展驾驶员座谈会，收集意见建议27条并逐条答复。"


def parsed(text: str, source: str = "reports/jtj/a.md"):  # type: ignore[no-untyped-def]
    report, findings = parse_report(text.encode("utf-8"), source, None)
    assert report is not None, findings
    return report


def reports_of(files: dict[str, str]):  # type: ignore[no-untyped-def]
    return [parsed(text, f"reports/{name}") for name, text in files.items()]


def test_normalising_forgets_figures_years_placeholders_and_punctuation() -> None:
    assert normalise("2023年，完成12.5%的任务！") == normalise("二〇二四年完成XX%的任务。") == "#年完成#的任务"
    assert normalise("第1、2、3项") == normalise("第四项") == "第#项"


def test_headings_and_signatures_are_not_compared() -> None:
    report = parsed(report_text(body=(
        "## 一、加强组织领导，压实工作责任\n\n"
        "（一）健全工作机制，明确责任分工。局党组在白沙渡口设立流动宣讲点，覆盖船工和司机三百余人。\n\n"
        "测试县交通运输局\n2024年7月8日\n"
    )))
    joined = "".join(report.body[s:e] for s, e in zip(fingerprint(report).starts, fingerprint(report).ends, strict=True))
    assert "局党组在白沙渡口设立流动宣讲点" in joined
    assert "加强组织领导" not in joined and "健全工作机制" not in joined  # headings, Markdown and run-in
    assert "测试县交通运输局" not in joined and "2024年7月8日" not in joined


def test_code_blocks_are_not_compared_and_prose_after_them_is() -> None:
    report = parsed(report_text(body=(
        "~~~\n```\n代码块里的示例文字，局党组在白沙渡口设立流动宣讲点，覆盖船工和司机三百余人。\n~~~\n\n"
        "针对桥梁老化问题，会同乡镇对辖区内17座农村公路桥逐一体检，建立一桥一档，完成维修加固6座。\n"
    )))
    joined = "".join(report.body[s:e] for s, e in zip(fingerprint(report).starts, fingerprint(report).ends,
                                                      strict=True))
    assert "白沙渡口" not in joined
    assert "针对桥梁老化问题" in joined


def test_quotations_are_not_compared() -> None:
    def hashes(body: str) -> list[int]:
        return list(fingerprint(parsed(report_text(body=body))).hashes)

    # The same sentence quoting other terms and titles is the same passage; quotations alone are none.
    quoting = hashes("开展“路畅心安、平安出行、文明交通”宣讲活动，组织干部职工逐条学习《农村公路养护管理办法》全文。\n")
    assert quoting != [] and quoting == hashes("开展“安全生产月”宣讲活动，组织干部职工逐条学习《安全生产法》全文。\n")
    assert hashes("学习了《中华人民共和国公路法》《农村公路养护管理办法》。\n") == []


def two_years(extra: dict[str, str] | None = None) -> dict[str, str]:
    return {
        "jtj/2023.md": report_text(period="2023", extra="date: 2024-01-10\nclassification: public\nstatus: final\n",
                                   body=OWN_2023),
        "jtj/2024.md": report_text(period="2024", extra="date: 2025-01-10\nclassification: public\nstatus: final\n",
                                   body=COPY_2024),
        "jyj/2024.md": report_text(unit="jyj", period="2024",
                                   extra="date: 2025-01-12\nclassification: public\nstatus: final\n", body=FRESH_2024),
        **(extra or {}),
    }


def test_a_copy_with_year_figures_and_order_changed_is_found_with_its_source() -> None:
    reports = reports_of(two_years())
    analysis = analyse(reports, {r.source: fingerprint(r) for r in reports}, RecycledSettings())
    copy = analysis.of(reports[1])
    assert copy is not None and copy.earlier_share > 0.5
    assert [s.report.source for s in copy.earlier] == ["reports/jtj/2023.md"] and copy.others == []
    recycled = "".join(analysis.marked(reports[1]))
    assert "针对桥梁老化问题" in recycled and "逐条答复" in recycled
    assert "今年新划入的三条县道" not in recycled  # rewritten text
    original = analysis.of(reports[0])  # the earlier report copies nothing: a later report is no source
    fresh = analysis.of(reports[2])
    assert original is not None and original.passages == [] and fresh is not None and fresh.passages == []


def test_a_paragraph_borrowed_from_another_unit_is_found_but_not_from_a_later_report() -> None:
    borrowed = FRESH_2024.replace("## 二、", BORROWED + "\n\n## 二、")
    files = two_years({"jyj/2024.md": report_text(unit="jyj", period="2024", body=borrowed,
                                                  extra="date: 2025-01-12\nclassification: public\nstatus: final\n")})
    own = "养护中心全年修补县道坑槽两千余平方米，在马鞍岭路段新建错车道四处，雨季前疏通边沟十二公里。\n\n"
    files["glzx/2022.md"] = report_text(unit="glzx", period="2022", body=own + BORROWED + "\n",
                                       extra="date: 2023-01-12\nclassification: public\nstatus: final\n")
    reports = reports_of(files)
    analysis = analyse(reports, {r.source: fingerprint(r) for r in reports}, RecycledSettings())
    taker = analysis.of(next(r for r in reports if r.source == "reports/jyj/2024.md"))
    assert taker is not None
    other = [p for p in taker.passages if p.category == "other"]
    assert other and {m.source.source for p in other for m in p.matches} >= {"reports/jtj/2023.md"}
    assert 0 < taker.other_share < 0.5
    early = analysis.of(next(r for r in reports if r.source == "reports/glzx/2022.md"))
    assert early is not None and not [p for p in early.passages if p.category == "other"]


def test_passages_many_units_share_are_standard_formulations() -> None:
    formula = "坚持以新时代中国特色社会主义思想为指导，认真落实意识形态工作责任制。"
    files = {f"u{i}/2024.md": report_text(unit=f"u{i}", title=f"测试县第{i}单位2024年意识形态工作情况汇报", period="2024",
                                          extra="date: 2025-01-10\n",
                                          body=formula + f"\n\n## 一、工作情况\n\n第{i}单位在本辖区开展了各具特色的宣讲活动。\n")
             for i in range(6)}
    reports = reports_of(files)
    prints = {r.source: fingerprint(r) for r in reports}
    assert analyse(reports, prints, RecycledSettings()).of(reports[0]).passages == []  # type: ignore[union-attr]
    strict = analyse(reports, prints, RecycledSettings(common_units=7))
    found = strict.of(reports[5])
    assert found is not None and len(found.others) == 5


def collection_with(review: str) -> str:
    return TINY_COLLECTION + review


def test_check_warns_above_the_threshold_at_the_first_recycled_passage(project) -> None:  # type: ignore[no-untyped-def]
    root = project(two_years())
    done = run_huibian(root, "check", "--format", "json")
    findings = json.loads(done.stdout)
    recycled = [f for f in findings if f["code"].startswith("R")]
    assert [(f["path"], f["code"], f["severity"]) for f in recycled] == [("reports/jtj/2024.md", "R001", "warning")]
    lines = (root / "reports/jtj/2024.md").read_text(encoding="utf-8").split("\n")
    assert lines[recycled[0]["line"] - 1][recycled[0]["col"] - 1 :].startswith("2024年，我局坚持以学促干")
    assert "reports/jtj/2023.md" in recycled[0]["message"] and "阈值 50%" in recycled[0]["message"]
    assert done.returncode == 0
    assert run_huibian(root, "check", "--strict").returncode == 1

    (root / "reports/collection.yml").write_text(collection_with("review:\n  recycled:\n    threshold: 0.95\n"),
                                                 encoding="utf-8")
    assert not [f for f in json.loads(run_huibian(root, "check", "--format", "json").stdout) if f["code"][0] == "R"]

    (root / "reports/collection.yml").write_text(collection_with("review:\n  recycled:\n    threshold: 50\n    size: 3\n"),
                                                 encoding="utf-8")
    done = run_huibian(root, "check")
    assert done.returncode == 1
    assert "reports/collection.yml:" in done.stdout and "review.recycled.threshold" in done.stdout
    assert "review.recycled.size" in done.stdout and "Traceback" not in done.stderr


def test_front_matter_ignore_silences_the_warning(project) -> None:  # type: ignore[no-untyped-def]
    files = two_years()
    files["jtj/2024.md"] = files["jtj/2024.md"].replace("status: final\n", "status: final\nignore: [R001]\n")
    result = check_collection(project(files))
    assert not [f for f in result.findings if f.code.startswith("R")]


def test_fingerprints_of_unchanged_reports_come_from_the_cache(project) -> None:  # type: ignore[no-untyped-def]
    root = project(two_years())
    check_collection(root)
    result = check_collection(root)
    cache = RecycledCache(root / CACHE_FILE)
    cache.fingerprints(result.reports)
    assert cache.reused == 3
    path = root / "reports/jyj/2024.md"
    path.write_text(path.read_text(encoding="utf-8").replace("一万二千", "一万三千"), encoding="utf-8")
    cache = RecycledCache(root / CACHE_FILE)  # what the next check finds
    again = check_collection(root)
    prints = cache.fingerprints(again.reports)
    assert cache.reused == 2
    assert prints == {r.source: fingerprint(r) for r in again.reports}


def test_cli_shows_each_passage_beside_its_source(project) -> None:  # type: ignore[no-untyped-def]
    root = project(two_years())
    done = run_huibian(root, "recycled", "reports/jtj/2024.md")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("reports/jtj/2024.md：重复率 ")
    row = next(line for line in out.split("\n") if line.startswith("针对桥梁老化问题"))
    assert "│ 针对桥梁老化问题" in row and "21座" in row.split("│")[0] and "17座" in row.split("│")[1]
    assert "本单位早期报告：reports/jtj/2023.md:" in out
    fresh = run_huibian(root, "recycled", "reports/jyj/2024.md")
    assert fresh.returncode == 0 and "没有与本单位早期报告或其他单位报告相同的文字" in fresh.stdout
    missing = run_huibian(root, "recycled", "reports/nope.md")
    assert missing.returncode == 2 and "找不到报告文件" in missing.stderr


# -- the generated corpus and the demo -------------------------------------------------------------

@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("recycled") / "c"
    done = subprocess.run([sys.executable, str(GEN), "400", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


def test_every_planted_recycled_passage_is_found_with_its_source(planted: Path) -> None:
    entries = json.loads((planted / "planted.json").read_text(encoding="utf-8"))["recycled"]
    assert {e["category"] for e in entries} == {"earlier", "other"} and len(entries) >= 10
    result = check_collection(planted)
    assert result.recycled is not None
    by_source = {r.source: r for r in result.reports}
    warned = {f.path: f for f in result.findings if f.code.startswith("R")}
    for entry in entries:
        found = result.recycled.of(by_source[entry["path"]])
        assert found is not None
        if entry["category"] == "earlier":
            assert found.earlier_share > result.recycled.settings.threshold, entry
            assert found.earlier[0].report.source == entry["source"], entry
            assert warned[entry["path"]].code == "R001" and entry["source"] in warned[entry["path"]].message
        else:
            line = entry["line"]
            passages = [p for p in found.passages if p.category == "other"]
            assert {m.source.source for p in passages for m in p.matches} >= {entry["source"]}, entry
            text = "".join(found.report.body[p.start : p.end] for p in passages)
            assert text == entry["text"], entry  # exactly the paragraph the generator copied
            first_line = found.report.body_line + found.report.body.count("\n", 0, passages[0].start)
            assert first_line == line, entry
    assert set(warned) == {e["path"] for e in entries if e["category"] == "earlier"}


def test_clean_corpus_has_no_report_above_the_threshold(tmp_path: Path) -> None:
    out = tmp_path / "clean"
    subprocess.run([sys.executable, str(GEN), "400", str(out), "--clean"], check=True, capture_output=True)
    result = check_collection(out)
    assert result.recycled is not None
    shares = sorted(r.share for r in result.recycled.by_source.values())
    assert shares[-1] < result.recycled.settings.threshold
    assert not [f for f in result.findings if f.code.startswith("R")]


def test_demo_collection_recycles_little(demo_copy: Path) -> None:
    """The demo's units reuse a few set phrases (现将全年工作总结如下) and figures' sentences; none is near the threshold."""
    result = check_collection(demo_copy)
    assert result.recycled is not None
    assert not [f for f in result.findings if f.code.startswith("R")]
    shares = {r.report.source: r for r in result.recycled.by_source.values()}
    top = max(shares.values(), key=lambda r: r.share)
    assert top.report.source == "reports/jtj/2024-summary.md" and percent(top.share) == "6%"
    assert top.earlier[0].report.source == "reports/jtj/2023-summary.md"
    assert all(result.recycled.shown(r.report) is None for r in shares.values())  # no page shows a line


# -- the site ---------------------------------------------------------------------------------------

@pytest.mark.slow
def test_report_page_names_its_sources_and_marks_the_passages(project, browser) -> None:  # type: ignore[no-untyped-def]
    files = two_years()
    files["jtj/2023.md"] = files["jtj/2023.md"].replace("classification: public", "classification: internal")
    root = project(files)
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr[-2000:]
    page = (root / "site/reports/jtj/2024-ideology/index.html").read_text(encoding="utf-8")
    line = re.search(r'<p class="hb-recycled[^"]*" id="hb-recycled">(.*?)</p>', page, re.S)
    assert line is not None
    assert "与本单位早期报告重复" in line.group(1) and 'href="../2023-ideology/"' in line.group(1)
    assert "2023年度意识形态工作" in line.group(1)
    marks = re.findall(r'<mark class="hb-recycled">(.*?)</mark>', page)
    assert any("针对桥梁老化问题" in m for m in marks) and not any("今年新划入" in m for m in marks)
    review = (root / "site/review/index.html").read_text(encoding="utf-8")
    assert "2024年度（1 份）" in review and "超过阈值" in review and 'href="../reports/jtj/2024-ideology/"' in review
    fresh = (root / "site/reports/jyj/2024-ideology/index.html").read_text(encoding="utf-8")
    assert 'id="hb-recycled"' not in fresh and "<mark" not in fresh

    tab = browser.new_page()
    tab.goto((root / "site/reports/jtj/2024-ideology/index.html").as_uri())
    mark = tab.locator("mark.hb-recycled").first
    plain = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    tab.click("text=标出重复文字")
    marked = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert plain == "rgba(0, 0, 0, 0)" and marked != plain
    tab.click("text=取消标出")
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == plain
    tab.close()

    # The public edition compares only what it publishes: the internal 2023 report is neither named nor quoted.
    public = mkdocs_build(root, env={"HUIBIAN_AUDIENCE": "public"})
    assert public.returncode == 0, public.stderr[-2000:]
    page = (root / "site/reports/jtj/2024-ideology/index.html").read_text(encoding="utf-8")
    assert 'id="hb-recycled"' not in page and "<mark" not in page and "2023-ideology" not in page
    review = (root / "site/review/index.html").read_text(encoding="utf-8")
    assert "2023-ideology" not in review and "没有重复率达到" in review


@pytest.mark.slow
def test_preview_marks_again_what_another_report_changed(project, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Under `serve --dirty`, editing a source re-renders the copy whose marked passages change, even when the
    copy's Markdown and its line (same share, same source) stay the same."""
    a = "局党组在白沙渡口设立流动宣讲点覆盖沿江船工和货车司机。"
    b = "组织青年干部在南坪货运站开展驾驶员座谈会收集意见建议。"
    c = "会同乡镇对辖区内农村公路桥梁逐座体检并建立桥梁档案卡。"
    own = "今年在东岭隧道口增设应急物资储备点并健全恶劣天气管控联动机制。"  # the copy's own: enough prose to show
    assert len(normalise(a)) == len(normalise(b)) == len(normalise(c))

    def body(*sentences: str) -> str:
        return "## 一、工作开展情况\n\n" + "\n\n".join(sentences) + "\n"

    extra = "classification: public\nstatus: final\n"
    root = project({
        "jtj/2023.md": report_text(period="2023", extra="date: 2024-01-10\n" + extra, body=body(a, b)),
        "jtj/2024.md": report_text(period="2024", extra="date: 2025-01-10\n" + extra, body=body(a, b, c, own)),
    })
    monkeypatch.setenv("HUIBIAN_PDF", "0")
    monkeypatch.chdir(root)
    live = tmp_path / "live"
    serve_build(root, live, dirty=True)
    page = live / "reports/jtj/2024-ideology/index.html"
    before = page.read_text(encoding="utf-8")
    assert f'<mark class="hb-recycled">{b}</mark>' in before
    (root / "reports/jtj/2023.md").write_text(
        report_text(period="2023", extra="date: 2024-01-10\n" + extra, body=body(a, c)), encoding="utf-8")
    serve_build(root, live, dirty=True)
    after = page.read_text(encoding="utf-8")
    assert f'<mark class="hb-recycled">{c}</mark>' in after and f'<mark class="hb-recycled">{b}</mark>' not in after
    line = re.compile(r'<p class="hb-recycled[^"]*" id="hb-recycled">.*?</p>', re.S)
    assert line.findall(before) == line.findall(after)  # the copy's line alone would not have told
    full = tmp_path / "full"
    serve_build(root, full, dirty=False)
    assert tree(live)["reports/jtj/2024-ideology/index.html"] == tree(full)["reports/jtj/2024-ideology/index.html"]
