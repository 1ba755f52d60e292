"""`huibian import` on text files: seeds, encodings, artefacts, junk, splitting, metadata, nothing lost."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from huibian.check import check_collection
from huibian.importer import ImportOptions, ImportProblem, import_bytes
from huibian.importer.lossless import normalise
from huibian.importer.writer import assign_targets, write_result

from conftest import SEEDS, body_of, collection_of, run_huibian

SEED_000 = SEEDS / "000_5ee0a1b48d6f6dc9.txt"
SEED_003 = SEEDS / "003_fb14f036452b93f4.txt"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not available")

# A small report written for these tests (not taken from the seeds).
SAMPLE = """\
测试县交通运输局2024年上半年意识形态工作情况汇报
　　2024年上半年，我局认真落实意识形态工作责任制，现将有关情况汇报如下：
一、工作开展情况
　　(一)加强理论学习，筑牢思想根基。局党组开展集中学习6次，一是读原著，二是谈体会。
　　1. 学习制度进一步健全。制定年度学习计划。
二、存在的问题
　　基层学习的覆盖面还不够广。
三、下一步工作计划
　　继续抓好理论学习和阵地管理。
测试县交通运输局
2024年7月8日
"""


def test_sample_becomes_a_valid_report(project: Callable[..., Path]) -> None:
    root = project()
    result = import_bytes(SAMPLE.encode(), "sample.txt", collection_of(root))
    (report,) = result.reports
    meta = {key: item.value for key, item in report.metadata.items()}
    assert meta == {
        "title": "测试县交通运输局2024年上半年意识形态工作情况汇报", "unit": "jtj", "period": "2024-H1",
        "kind": "ideology", "date": "2024-07-08",
    }
    body = body_of(report.markdown)
    assert "## 一、工作开展情况" in body
    assert "## 三、下一步工作计划" in body
    # Half-width (一) becomes （一）; the run-in heading stays in its paragraph, bold.
    assert "**（一）加强理论学习，筑牢思想根基**。局党组开展集中学习6次" in body
    # "1. " would become a Markdown list: the item stays a paragraph "1.学习……".
    assert "\n1.学习制度进一步健全。" in body
    assert "\u3000" not in body
    assert result.removals == []


def test_cli_import_writes_report_and_log_that_pass_check(project: Callable[..., Path]) -> None:
    root = project()
    source = root / "sample.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    done = run_huibian(root, "import", "sample.txt")
    assert done.returncode == 0, done.stderr
    target = root / "reports" / "jtj" / "2024-h1-ideology.md"
    assert target.is_file()
    assert "reports/jtj/2024-h1-ideology.md" in done.stdout
    assert (root / "reports" / "jtj" / "sample.import.log").is_file()
    result = check_collection(root)
    assert [f.as_text() for f in result.findings if f.severity.value == "error"] == []
    assert [r.id for r in result.reports] == ["jtj/2024-h1-ideology"]
    assert result.reports[0].status == "draft"
    # A second import refuses to overwrite the report.
    again = run_huibian(root, "import", "sample.txt")
    assert again.returncode == 1
    assert "已存在" in again.stderr


@pytest.mark.parametrize(
    ("encoding", "newline", "shown"),
    [
        ("utf-8", "\n", "UTF-8"),
        ("utf-8-sig", "\r\n", "UTF-8（带 BOM）"),
        ("gb18030", "\r\n", "GB18030"),
        ("gbk", "\n", "GB18030"),
        ("utf-16", "\r\n", "UTF-16LE"),
        ("utf-16-le", "\n", "UTF-16LE"),
        ("utf-16-be", "\r", "UTF-16BE"),
    ],
)
def test_encodings_and_line_endings_import_identically(
    project: Callable[..., Path], encoding: str, newline: str, shown: str
) -> None:
    collection = collection_of(project())
    reference = import_bytes(SAMPLE.encode(), "a.txt", collection).reports[0].markdown
    data = SAMPLE.replace("\n", newline).encode(encoding)
    result = import_bytes(data, "a.txt", collection)
    assert result.reports[0].markdown == reference
    assert result.encoding.startswith(shown)
    if newline != "\n":
        assert ("CRLF" if newline == "\r\n" else "CR") in result.encoding


def test_undecodable_bytes_fail_with_a_chinese_message() -> None:
    with pytest.raises(ImportProblem) as caught:
        import_bytes("第一行\n".encode() + b"\x80\xff\xfe\x81\n", "bad.txt", None)
    assert caught.value.code == "encoding"
    assert "bad.txt" in caught.value.message and "编码" in caught.value.message


def test_web_artefacts_are_cleaned(project: Callable[..., Path]) -> None:
    text = (
        "目  录\n一、工作开展情况……………………1\n二、存在的问题……………………3\n"
        "测试县教育局2024年第三季度意识形态工作情况汇报\n"
        "发布时间：2024-10-09 10:22  浏览次数：35\n"
        ">　　今年第三季度，我局坚持正确方向。\n"
        "####一、工作开展情况\n"
        "> 　　（一）注重思想引领，加强阵地建设 一是完善制度。二是加强检查。\n"
        "- 2 -\n####\n"
        "二、存在的问题和\n下一步打算\n"
        "　　宣传力量还比较薄弱。\n"
    )
    result = import_bytes(text.encode(), "web.txt", collection_of(project()))
    (report,) = result.reports
    body = body_of(report.markdown)
    reasons = {r.line: r.reason for r in result.removals}
    assert set(reasons) == {1, 2, 3, 5, 9, 10}
    assert "网页残留" in reasons[10]
    assert reasons[1].startswith("目录") and reasons[9] == "页码残留"
    assert "网页署名" in reasons[5]
    # The byline date is never the report's date; the period comes from the title.
    assert report.metadata["date"].value is None
    assert report.metadata["period"].value == "2024-Q3"
    assert report.metadata["unit"].value == "jyj"
    assert "## 一、工作开展情况" in body
    # Heading and paragraph separated by a space: split unambiguously.
    assert "### （一）注重思想引领，加强阵地建设\n\n一是完善制度。二是加强检查。" in body
    # A heading broken over two lines is joined.
    assert "## 二、存在的问题和下一步打算" in body
    assert ">" not in body and "#一" not in body


def test_one_line_document_is_cut_at_its_headings(project: Callable[..., Path]) -> None:
    text = SAMPLE.replace("\n", "")
    result = import_bytes(text.encode(), "one.txt", collection_of(project()))
    (report,) = result.reports
    body = body_of(report.markdown)
    assert report.metadata["title"].value == "测试县交通运输局2024年上半年意识形态工作情况汇报"
    assert [line for line in body.split("\n") if line.startswith("## ")] == [
        "## 一、工作开展情况", "## 二、存在的问题", "## 三、下一步工作计划",
    ]
    assert report.metadata["date"].value == "2024-07-08"


def test_missing_metadata_becomes_placeholders_that_check_reports(project: Callable[..., Path]) -> None:
    root = project()
    (root / "note.txt").write_text("我们做了很多工作，取得了一定成效。\n一、主要做法\n加强学习。\n", encoding="utf-8")
    done = run_huibian(root, "import", "note.txt")
    assert done.returncode == 0, done.stderr
    target = root / "reports" / "imported" / "note.md"
    text = target.read_text(encoding="utf-8")
    assert 'title: ""' in text and "unit: 待填写" in text and "period: 待填写" in text and "kind: 待填写" in text
    codes = {f.code for f in check_collection(root).findings if f.path == "reports/imported/note.md"}
    assert {"M004", "M006", "M007", "M008"} <= codes
    # Options override inference and complete the title the way `huibian new` would.
    target.unlink()
    done = run_huibian(root, "import", "note.txt", "--unit", "jyj", "--period", "2024-h1", "--kind", "ideology")
    assert done.returncode == 0, done.stderr
    made = (root / "reports" / "jyj" / "2024-h1-ideology.md").read_text(encoding="utf-8")
    assert "title: 测试县教育局2024年上半年意识形态工作情况汇报" in made
    bad = run_huibian(root, "import", "note.txt", "--unit", "jyjj")
    assert bad.returncode == 2 and "jyj" in bad.stderr


def test_dry_run_writes_nothing_and_shows_removals(project: Callable[..., Path]) -> None:
    root = project()
    (root / "w.txt").write_text("仅供学习 禁止外传\n" + SAMPLE, encoding="utf-8")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    done = run_huibian(root, "import", "w.txt", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    assert "第 1 行［文档分享网站的水印" in done.stdout
    assert "## 一、工作开展情况" in done.stdout
    assert "试运行" in done.stdout


def test_collection_patterns_remove_lines_and_bad_patterns_are_reported(project: Callable[..., Path]) -> None:
    from conftest import TINY_COLLECTION

    custom = TINY_COLLECTION + "import:\n  junk:\n    - pattern: ^本站编辑\n      reason: 本站编辑署名\n"
    collection = collection_of(project(collection=custom))
    result = import_bytes(("本站编辑 小王\n" + SAMPLE).encode(), "c.txt", collection)
    assert [(r.line, r.reason) for r in result.removals] == [(1, "本站编辑署名（^本站编辑）")]
    collection.settings["import"] = {"junk": ["[unclosed"]}
    with pytest.raises(ImportProblem) as caught:
        import_bytes(SAMPLE.encode(), "c.txt", collection)
    assert caught.value.code == "config" and "import.junk[0]" in caught.value.message


def test_lost_text_is_an_error_and_nothing_is_written(project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    from huibian.importer import pipeline

    real = pipeline.render_report

    def dropping(meta, blocks, title_notes):  # type: ignore[no-untyped-def]
        return real(meta, [b for b in blocks if "覆盖面" not in b.text], title_notes)

    monkeypatch.setattr(pipeline, "render_report", dropping)
    with pytest.raises(ImportProblem) as caught:
        import_bytes(SAMPLE.encode(), "lost.txt", collection_of(project()))
    assert caught.value.code == "lost-text"
    assert "第 7 行：基层学习的覆盖面还不够广。" in caught.value.message


def test_interrupted_write_leaves_no_half_written_report(project: Callable[..., Path],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root = project()
    result = import_bytes(SAMPLE.encode(), "s.txt", collection_of(root))
    assign_targets(result, root / "reports", "s")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_result(result, "s", force=False)
    folder = root / "reports" / "jtj"
    assert list(folder.iterdir()) == []


def test_no_split_keeps_one_report(project: Callable[..., Path]) -> None:
    twice = SAMPLE + SAMPLE.replace("2024年上半年", "2024年下半年")
    collection = collection_of(project())
    split = import_bytes(twice.encode(), "two.txt", collection)
    assert [r.metadata["period"].value for r in split.reports] == ["2024-H1", "2024-H2"]
    assert [r.first_line for r in split.reports] == [1, 13]
    whole = import_bytes(twice.encode(), "two.txt", collection, ImportOptions(split=False))
    assert len(whole.reports) == 1


def _sentences(lines: list[str]) -> list[str]:
    return [s for line in lines for s in re.split(r"(?<=[。！？；])", line) if len(normalise(s)) > 4]


@needs_seeds
def test_seed_000_one_clean_report(project: Callable[..., Path]) -> None:
    root = project()
    done = run_huibian(root, "import", str(SEED_000))
    assert done.returncode == 0, done.stderr
    target = root / "reports" / "jtj" / "2020-ideology.md"
    markdown = target.read_text(encoding="utf-8")
    assert "title: X县交通运输局2020年意识形态工作情况汇报" in markdown
    assert "period: '2020'" in markdown
    lines = SEED_000.read_text(encoding="utf-8").split("\n")
    junk = [i + 1 for i, line in enumerate(lines) if re.search(r"QQ|仅供学习|会员|酷乐文行", line)]
    assert len(junk) >= 8
    log = (root / "reports" / "jtj" / f"{SEED_000.stem}.import.log").read_text(encoding="utf-8")
    for number in junk:
        assert f"第 {number} 行［" in log
        assert f"第 {number} 行［" in done.stdout
        assert lines[number - 1].strip() not in markdown
    kept = [line for i, line in enumerate(lines) if i + 1 not in junk and i + 1 > 4 and line.strip()]
    flat = normalise(markdown.replace("**", ""))
    for sentence in _sentences(kept[:-5]):
        assert normalise(sentence) in flat, sentence


@needs_seeds
def test_seed_003_three_reports_with_their_sections_in_order(project: Callable[..., Path]) -> None:
    root = project()
    result = import_bytes(SEED_003.read_bytes(), SEED_003.name, collection_of(root))
    assert len(result.reports) == 3
    assert [r.metadata["period"].value for r in result.reports] == ["2024-H1"] * 3
    assert [r.metadata["kind"].value for r in result.reports] == ["ideology"] * 3
    # The source's top-level headings (一、二、… after the `>` artefacts), per report, in order.
    source = SEED_003.read_text(encoding="utf-8").split("\n")
    expected: list[list[str]] = []
    for line in source:
        text = line.lstrip(" >\u3000")
        if re.match(r"^[一二三四五六七八九十]、", text):
            if text.startswith("一、"):
                expected.append([])
            expected[-1].append(text.rstrip())
    got = [[line[3:] for line in r.markdown.split("\n") if line.startswith("## ")] for r in result.reports]
    assert got == expected
    assert [len(g) for g in got] == [4, 3, 3]


def test_contents_list_breadcrumb_and_repeated_title_are_removed(project: Callable[..., Path]) -> None:
    text = (
        "首页 > 工作汇报 > 意识形态\n"
        "测试县交通运输局2024年上半年意识形态工作情况汇报\n"
        "一、工作开展情况\n二、存在的问题\n"
        "今年以来，我局扎实开展工作。\n"
        "一、工作开展情况\n(1)召开会议2次。\n"
        "测试县交通运输局2024年上半年意识形态工作情况汇报\n"
        "二、存在的问题\n学习还不够深入。\n"
    )
    result = import_bytes(text.encode(), "toc.txt", collection_of(project()))
    (report,) = result.reports
    assert [(r.line, r.reason) for r in result.removals] == [
        (1, "网页导航（面包屑）"), (3, "目录（与正文标题重复）"), (4, "目录（与正文标题重复）"), (8, "重复的标题"),
    ]
    body = body_of(report.markdown)
    assert body.count("## 一、工作开展情况") == 1 and body.count("## 二、存在的问题") == 1
    assert "（1）召开会议2次。" in body


def test_damaged_utf8_is_not_read_as_gb18030() -> None:
    data = SAMPLE.encode("utf-8")
    cut = data.index("存在".encode()) + 1  # cut a character in half
    with pytest.raises(ImportProblem) as caught:
        import_bytes(data[:cut] + data[cut + 1 :], "cut.txt", None)
    assert caught.value.code == "encoding"
    assert "第 6 行" in caught.value.message and "UTF-8" in caught.value.message


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        ("测试县交通运输局\n二〇二四年十二月二十八日\n", "2024-12-28"),
        ("测试县交通运输局　2024年7月8日\n", "2024-07-08"),
        ("我们将于2024年7月8日前完成整改。\n", None),  # a date inside a sentence is no 落款
        ("测试县交通运输局\n2024年2月30日\n", None),  # no such day
    ],
)
def test_date_only_from_the_closing_lines(project: Callable[..., Path], closing: str, expected: str | None) -> None:
    text = SAMPLE.split("测试县交通运输局\n2024年7月8日")[0] + closing
    (report,) = import_bytes(text.encode(), "d.txt", collection_of(project())).reports
    assert report.metadata["date"].value == expected


def test_existing_report_in_another_encoding_is_converted_in_place(project: Callable[..., Path]) -> None:
    from conftest import report_text

    original = report_text(body="上半年工作有序开展。\n\n## 一、工作开展情况\n\n**重点**工作：\n\n- 学习\n- 宣传\n")
    root = project({"jtj/a.md": original.replace("\n", "\r\n").encode("gb18030")})
    (finding,) = check_collection(root).findings
    assert finding.code == "F001" and "huibian import reports/jtj/a.md" in finding.message
    done = run_huibian(root, "import", "reports/jtj/a.md")
    assert done.returncode == 0, done.stderr
    assert "原样保留" in done.stdout and "GB18030" in done.stdout
    assert (root / "reports" / "jtj" / "a.md").read_bytes() == original.encode("utf-8")
    assert check_collection(root).findings == []


def test_a_file_system_error_is_told_in_chinese(project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from huibian import cli

    root = project()
    (root / "s.txt").write_text(SAMPLE, encoding="utf-8")
    (root / "blocker").write_text("", encoding="utf-8")  # a file where the output folder should be
    monkeypatch.chdir(root)
    assert cli.main(["import", "s.txt", "--out", "blocker", "--unit", "jtj"]) == 1
    message = capsys.readouterr().err
    assert "导入失败：s.txt：" in message and "应是文件夹的地方是一个文件" in message
    assert "Not a directory" not in message and "Traceback" not in message
