"""Wording rules W001–W004: every table entry is a certain error, found where it stands, and nothing else is."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import jieba
import pytest
from pypinyin.phrases_dict import phrases_dict

from huibian.check import check_collection
from huibian.code_version import code_files
from huibian.findings import Severity
from huibian.rules import RULES
from huibian.wording import DATA, TABLE_FILES, WILDCARD, Entry, TableError, find_wording, load_tables, parse_table

from conftest import REPO, SEED_WORDING, SEEDS, report_text, run_huibian, write_reports

ENTRIES = [entry for entries in load_tables().values() for entry in entries]

# Word-list entries that contain a wrong form and are themselves misspellings (jieba's list comes from
# web text, so it holds common errors too; pypinyin's holds variant spellings).
ERRONEOUS_WORDS = {
    "编篡者", "相砥励", "设陷井", "震憾全球", "震憾力", "幅射线", "威摄力", "查觉到", "群星璀灿", "坐谈会", "会议记要",
    "留党查看",
}


_QUOTED = re.compile(r"“[^“”\n]*”")


def _in_context(entry: Entry, form: str) -> str:
    """`form` (the entry's wrong or right form) in a sentence, with the context the entry requires."""
    before = entry.before[0] if entry.before else ""
    return "在" + (entry.after[0] if entry.after else "") + form.replace(WILDCARD, "舆论宣传") + before + "。"


def _gen_corpus() -> object:
    spec = importlib.util.spec_from_file_location("gen_corpus", REPO / "scripts" / "gen_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def correct_texts() -> Iterator[tuple[str, str]]:
    """(name, text) of writing with no wording error: the demo reports, a clean generated corpus, the docs
    (README.md is left out: it lists wrong forms as examples)."""
    for path in sorted((REPO / "reports").rglob("*.md")):
        yield path.relative_to(REPO).as_posix(), path.read_text(encoding="utf-8")
    corpus = _gen_corpus().generate(400, plant_rate=0.0, wording_rate=0.0)  # type: ignore[attr-defined]
    yield from sorted(corpus.files.items())
    for path in sorted((REPO / "docs").glob("*.md")):
        if path.name not in ("rules.md", "wording.md", "benchmarks-wording.md"):  # tables and examples of errors
            # The writing guide quotes a few wrong forms as examples, always in quotation marks.
            yield path.relative_to(REPO).as_posix(), _QUOTED.sub("", path.read_text(encoding="utf-8"))


def test_tables_are_substantial_and_every_entry_corrects_something() -> None:
    tables = load_tables()
    assert set(tables) == set(TABLE_FILES) and all(code in RULES for code in tables)
    assert len(ENTRIES) >= 300
    assert len(tables["W001"]) >= 100 and len(tables["W002"]) >= 250
    assert all(entry.wrong != entry.right for entry in ENTRIES)
    duplicates = {e.wrong for e in ENTRIES if sum(o.wrong == e.wrong for o in ENTRIES) > 1}
    assert duplicates == set()


def test_every_wrong_form_is_found_with_its_correction() -> None:
    missed = []
    for entry in ENTRIES:
        text = _in_context(entry, entry.wrong)
        start = text.index(entry.wrong.split(WILDCARD)[0])
        hits = find_wording(text)
        right = entry.right.replace(WILDCARD, "舆论宣传")
        if [(h.col, h.code, h.right) for h in hits] != [(start + 1, entry.code, right)]:
            missed.append((entry.wrong, hits))
    assert missed == []


def test_no_correction_is_itself_flagged() -> None:
    flagged = []
    for entry in ENTRIES:
        text = _in_context(entry, entry.right)
        flagged += [(entry.right, hit.wrong) for hit in find_wording(text)]
    assert flagged == []


def dictionary_words() -> set[str]:
    """The words of jieba's dictionary and pypinyin's phrase list (scripts/bench_wording.py counts them too)."""
    words = set(phrases_dict)
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as handle:
        words.update(line.split(" ", 1)[0] for line in handle)
    return words


def test_no_wrong_form_is_part_of_a_longer_word() -> None:
    """jieba's 349,000 words and pypinyin's 47,000 phrases: a wrong form inside a longer word could be correct."""
    words = dictionary_words()
    assert len(words) > 350_000
    by_wrong: dict[str, list[Entry]] = {}
    for entry in ENTRIES:
        if WILDCARD not in entry.wrong:
            by_wrong.setdefault(entry.wrong, []).append(entry)
    # The words that hold a wrong form somewhere (a plain regex), then what the check reports on each of them.
    anywhere = re.compile("|".join(sorted(map(re.escape, by_wrong), key=len, reverse=True)))
    holding = [word for word in words - ERRONEOUS_WORDS if anywhere.search(word)]
    assert set(holding) - set(by_wrong)  # words longer than a wrong form they hold: what this test is about
    inside = {(hit.wrong, word) for word in holding for hit in find_wording(word) if hit.wrong != word}
    assert inside == set()


def test_no_finding_on_correct_text() -> None:
    scanned = 0
    hits = []
    for name, text in correct_texts():
        for number, line in enumerate(text.split("\n"), 1):
            scanned += len(line)
            hits += [(name, number, hit.col, hit.wrong) for hit in find_wording(line)]
    assert hits == []
    assert scanned > 1_000_000


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not available")
def test_seeds_have_exactly_their_known_errors_and_none_once_corrected() -> None:
    for prefix in ("000", "003"):
        expected = [(line, wrong, right) for seed, line, wrong, right, _ in SEED_WORDING if seed == prefix]
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        lines = path.read_text(encoding="utf-8").split("\n")
        found = [(number, hit.wrong, hit.right) for number, line in enumerate(lines, 1) for hit in find_wording(line)]
        assert found == expected
        for number, wrong, right in expected:
            lines[number - 1] = lines[number - 1].replace(wrong, right, 1)
        assert [hit for line in lines for hit in find_wording(line)] == []


@pytest.mark.parametrize("text", [
    "常常", "人人有责", "天天向上", "研究研究", "讨论讨论", "一一对应", "多多益善", "明明白白", "的的确确", "实实在在",
    "村村通", "户户通", "全省县县通高速", "全省县县有特色",
    "全省县县、乡乡都要", "县乡乡村振兴", "省县县直单位", "省市市场监管", "全县乡乡通公路", "各市县县委书记",
    "截止日期", "报名截止时间", "导致性别失衡", "次第线条", "追求卓越", "追求进步", "将就一下", "不能将就，要讲究艺术",
    "全面从严治党", "全面从严治警", "涣发大号", "史志编纂改为", "路面塌陷井盖", "规范筹集资金", "出新招开新局",
    "提拔付出多的干部", "创建全国文明城市", "登记律师事务所", "核心要意识到", "第19大经济体",
])
def test_near_misses_are_not_flagged(text: str) -> None:
    assert find_wording(text) == []


def test_several_errors_on_one_line_are_each_found_once() -> None:
    line = "截止目前，全县全县干部在工作第线再接再励。"
    assert [(h.col, h.wrong, h.right, h.code) for h in find_wording(line)] == [
        (1, "截止目前", "截至目前", "W002"), (6, "全县全县", "全县", "W003"), (15, "第线", "第一线", "W004"),
        (17, "再接再励", "再接再厉", "W002"),
    ]


def test_a_malformed_table_is_reported_with_file_and_line() -> None:
    with pytest.raises(TableError, match=r"misspellings.yml:3: .*do not make a correction"):
        parse_table("W002", "# table\n- [截止目前, 截至目前]\n- [再接再厉, 再接再厉]\n", "misspellings.yml")
    with pytest.raises(TableError, match=r"doubled.yml: words must be a list"):
        parse_table("W003", "words: 全县\n", "doubled.yml")
    with pytest.raises(TableError, match=r"x.yml:2: unknown keys \['rigth'\]"):
        parse_table("W001", "- {wrong: 截止目前, right: 截至目前}\n- {wrong: 再接再励, rigth: 再接再厉}\n", "x.yml")
    with pytest.raises(TableError, match=r"x.yml:1: a wrong form of one character"):
        parse_table("W002", "- [截, 至]\n", "x.yml")


def test_the_tables_are_part_of_the_code_digest_that_keys_the_caches() -> None:
    assert {DATA / name for name in TABLE_FILES.values()} <= set(code_files())


def test_check_reports_wording_with_line_column_and_the_right_form(project: Callable[..., Path], tmp_path: Path) -> None:
    body = "今年以来，我局扎实推进各项工作。\n\n## 一、工作开展情况\n\n截止目前，共开展专题学习6次。\n"
    root = project({"jtj/a.md": report_text(body=body)})
    (finding,) = [f for f in check_collection(root).findings if f.code.startswith("W")]
    assert (finding.path, finding.line, finding.col, finding.code) == ("reports/jtj/a.md", 15, 1, "W002")
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("“截止目前”应为“截至目前”（")
    silenced = write_reports(tmp_path / "silenced", {"jtj/a.md": report_text(body=body, extra="ignore: [W]\n")})
    assert [f for f in check_collection(silenced).findings if f.code.startswith("W")] == []


def test_fix_never_changes_wording(project: Callable[..., Path]) -> None:
    body = "\u3000\u3000截止目前，全县全县干部站在工作第线，严肃追求责任。\n\n## 一、工作开展情况\n\n开展学习6次。\n"
    root = project({"jtj/a.md": report_text(body=body)})
    before = run_huibian(root, "check", "--format", "json")
    fixed = run_huibian(root, "check", "--fix", "--format", "json")
    text = (root / "reports" / "jtj" / "a.md").read_text(encoding="utf-8")
    assert "截止目前，全县全县干部站在工作第线，严肃追求责任。" in text  # the wording is the author's
    assert "\u3000" not in text  # while the mechanical fix (J004) was made
    codes = sorted(f["code"] for f in json.loads(before.stdout) if f["code"].startswith("W"))
    assert codes == ["W002", "W002", "W003", "W004"]
    after = [(f["line"], f["code"]) for f in json.loads(fixed.stdout) if f["code"].startswith("W")]
    assert sorted(code for _, code in after) == codes
