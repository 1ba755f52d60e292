"""scripts/bench_pdf.py in smoke mode (10 reports): real renders, a table with every row filled."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


@pytest.mark.slow
def test_bench_pdf_smoke(tmp_path: Path) -> None:
    out = tmp_path / "result.md"
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench_pdf.py"), "--smoke", "--work", str(tmp_path / "work"),
         "--markdown", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    table = out.read_text(encoding="utf-8")
    rows = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 6 and cells[1].endswith(" s"):
            rows[cells[0]] = cells
    bare = rows["bare WeasyPrint, sequential, system fonts"]
    bundles = int(bare[5].split()[0])
    assert bundles > 10  # report, unit, period, kind-period and collection bundles of 10 reports
    for label in ("Huibian --jobs 1, system fonts, empty cache", "Huibian --jobs 1, fonts subset once, empty cache",
                  "Huibian --jobs 2, fonts subset once, empty cache"):
        assert rows[label][3] == bare[3]  # the same pages as bare WeasyPrint
        assert rows[label][5] == f"{bundles} rendered"
    # Justifying changes no line break, so no page; the Word files are timed within the jobs-1 run.
    assert rows["Huibian --jobs 1, fonts subset once, empty cache, lines not justified"][3] == bare[3]
    word = rows["the Word files of the same bundles (python-docx), part of the Huibian --jobs 1, fonts subset once, "
                "empty cache run"]
    assert word[5] == f"{bundles} Word files" and re.fullmatch(r"\d+\.\d+ s", word[1])  # a timing's value is never asserted
    rebuild = rows["Huibian --jobs 2, one report changed, warm cache (median of 1)"]
    # The report's own PDF, its unit, period, kind-period and the collection: nothing else.
    assert re.fullmatch(rf"5 of {bundles} re-rendered", rebuild[5])
    assert 0 < int(rebuild[3]) < int(bare[3])
