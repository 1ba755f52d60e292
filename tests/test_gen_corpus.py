"""The benchmark corpus generator: deterministic, realistic, and clean apart from what it plants."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from huibian.check import check_collection
from huibian.collection import load_collection
from huibian.rules import RULES

from conftest import REPO, tree

GEN = REPO / "scripts" / "gen_corpus.py"


def generate(out: Path, n: int, *options: str) -> Path:
    done = subprocess.run([sys.executable, str(GEN), str(n), str(out), *options], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def planted_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 reports, every second one with a planted finding."""
    return generate(tmp_path_factory.mktemp("planted") / "c", 120, "--plant-rate", "0.5")


def test_same_n_gives_the_same_bytes(tmp_path: Path) -> None:
    first = tree(generate(tmp_path / "a", 40))
    second = tree(generate(tmp_path / "b", 40))
    assert first == second
    assert len([p for p in first if p.startswith("reports/") and p.endswith(".md")]) == 40
    other_seed = tree(generate(tmp_path / "c", 40, "--seed", "9"))
    assert other_seed != first


def test_clean_corpus_differs_only_where_findings_were_planted(tmp_path: Path, planted_corpus: Path) -> None:
    clean = tree(generate(tmp_path / "clean", 120, "--clean"))
    dirty = tree(planted_corpus)
    planted = json.loads(dirty["planted.json"])
    changed = {p for p in clean if p.endswith(".md") and clean[p] != dirty[p]}
    recycled = {path for entry in planted["recycled"] for path in (entry["path"], entry["source"])}
    assert changed == {f["path"] for f in planted["findings"] + planted["wording"]} | recycled
    assert json.loads(clean["planted.json"])["findings"] == []
    assert json.loads(clean["planted.json"])["wording"] == []
    assert json.loads(clean["planted.json"])["recycled"] == []


def test_collection_has_a_unit_tree_kinds_and_expectations(planted_corpus: Path) -> None:
    collection, findings = load_collection(planted_corpus / "reports")
    assert findings == [] and collection is not None
    assert len(collection.units) == 12  # about N/10 units
    parents = {u.parent for u in collection.units.values() if u.parent}
    assert parents and parents <= set(collection.units)
    assert set(collection.kinds) == {"ideology", "summary", "security"}
    assert all(len(kind.sections) == 3 for kind in collection.kinds.values())
    owed = collection.owed()
    assert len(owed) == 120  # every generated report is owed, nothing owed is missing


def test_reports_look_like_real_reports(planted_corpus: Path) -> None:
    result = check_collection(planted_corpus)
    assert len(result.reports) == 120 and result.collection is not None
    units = result.collection.units
    years = {r.period.year for r in result.reports}
    assert years <= {2021, 2022, 2023, 2024, 2025} and len(years) >= 4
    assert {r.period.code.endswith("-H1") for r in result.reports} == {True, False}
    assert {r.classification for r in result.reports} == {"public", "internal"}
    assert {r.status for r in result.reports} == {"draft", "final"}
    for report in result.reports:
        body = report.body
        assert 1500 <= len(body) <= 9000, (report.source, len(body))
        assert body.lstrip().split("\n", 1)[0].endswith("：")  # the opening paragraph announces the report
        assert re.search(r"^## 一、", body, re.M) and re.search(r"^## 三、", body, re.M)
        assert re.search(r"^(### )?（一）", body, re.M)
        assert report.title.startswith(units[report.unit].name + f"{report.period.year}年"), report.title
        assert body.rstrip().endswith("{: .hb-signature }")
    bodies = "\n".join(r.body for r in result.reports)
    assert re.search(r"^1\.\S", bodies, re.M)  # run-in numbered items
    assert re.search(r"一是.+；二是.+；三是", bodies)


def test_check_reports_exactly_the_planted_findings(planted_corpus: Path) -> None:
    planted = json.loads((planted_corpus / "planted.json").read_text(encoding="utf-8"))
    entries = planted["findings"]
    assert {e["kind"] for e in entries} == {"placeholder", "junk", "metadata"}
    assert sum(planted["counts"].values()) == len(entries) >= 40
    places = {(e["path"], e["line"]) for e in entries + planted["wording"]}
    recycled = {e["path"] for e in planted["recycled"]}  # R00x findings: tests/test_recycled.py checks their sources
    findings = check_collection(planted_corpus).findings
    unplanted = [f.as_text() for f in findings if (f.path, f.line) not in places
                 and not (f.code.startswith("R") and f.path in recycled)]
    assert unplanted == []
    reported = {(f.path, f.line, f.col, f.code) for f in findings}
    expected = [e for e in entries if e["code"] in RULES]
    assert expected, "no planted finding has a rule yet"
    missed = [e for e in expected if (e["path"], e["line"], e["col"], e["code"]) not in reported]
    assert missed == []


def test_every_planted_wording_error_is_found_and_nothing_else(planted_corpus: Path) -> None:
    planted = json.loads((planted_corpus / "planted.json").read_text(encoding="utf-8"))["wording"]
    assert len(planted) >= 4 and len({e["code"] for e in planted}) >= 3
    reported = {(f.path, f.line, f.col, f.code) for f in check_collection(planted_corpus).findings if f.code.startswith("W")}
    assert reported == {(e["path"], e["line"], e["col"], e["code"]) for e in planted}  # recall and precision 100%
    for entry in planted:
        line = (planted_corpus / entry["path"]).read_text(encoding="utf-8").split("\n")[entry["line"] - 1]
        assert line[entry["col"] - 1 :].startswith(entry["wrong"])


def test_clean_corpus_has_no_findings(tmp_path: Path) -> None:
    root = generate(tmp_path / "clean", 60, "--clean")
    assert check_collection(root).findings == []


def test_bare_baseline_holds_the_same_markdown(tmp_path: Path) -> None:
    huibian = tree(generate(tmp_path / "h", 25, "--clean"))
    bare = tree(generate(tmp_path / "b", 25, "--clean", "--bare"))
    reports = {p: data for p, data in huibian.items() if p.startswith("reports/") and p.endswith(".md")}
    assert {p: bare["docs/" + p] for p in reports} == reports
    # The hand-written pages Huibian publishes too (home, guide, rules …), not the benchmark pages.
    pages = {p: data for p, data in huibian.items() if p.startswith("docs/") and p.count("/") == 1 and p.endswith(".md")}
    assert {"docs/index.md", "docs/guide.md", "docs/rules.md"} <= set(pages)
    assert {p: bare[p] for p in pages if not p.startswith("docs/benchmarks")} == {
        p: data for p, data in pages.items() if not p.startswith("docs/benchmarks")}
    assert not any(p.startswith("docs/benchmarks") for p in bare)
    config = bare["mkdocs.yml"].decode("utf-8")
    assert "name: material" in config and "- search" in config and "hooks:" not in config and "nav:" not in config
    assert "hooks/huibian_site.py" in huibian["mkdocs.yml"].decode("utf-8")
    assert "hooks/huibian_site.py" in huibian
