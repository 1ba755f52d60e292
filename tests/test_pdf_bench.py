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
        if line.startswith("| ") and len(cells) == 8 and cells[1].endswith(" s"):
            rows[cells[0]] = cells
    # Every figure is present and well-formed; a timing's value is never asserted.
    for label, wall, cpu, word, ratio, *_ in rows.values():
        assert all(re.fullmatch(r"\d+\.\d s", cell) for cell in (wall, cpu)), label
        assert re.fullmatch(r"\d+\.\d\d×", ratio) or ratio == "1.00× (baseline)", label
        assert re.fullmatch(r"\d+\.\d s", word) or (word == "–" and ratio == "1.00× (baseline)"), label
    bare = rows["bare WeasyPrint, sequential, system fonts"]
    assert bare[4] == "1.00× (baseline)"
    bundles = int(bare[7].split()[0])
    assert bundles > 10  # report, unit, period, kind-period and collection bundles of 10 reports
    for label in ("Huibian --jobs 1, system fonts, empty cache", "Huibian --jobs 1, fonts subset once, empty cache",
                  "Huibian --jobs 2, fonts subset once, empty cache",
                  "Huibian --jobs 1, fonts subset once, empty cache, lines not justified"):
        assert rows[label][5] == bare[5]  # the same pages as bare WeasyPrint: justifying moves no line break
        assert rows[label][7] == f"{bundles} rendered"
    assert re.search(r"^Justifying Chinese lines: PDF CPU \d+\.\d\d× that of the same build", table, re.M)
    rebuild = rows["Huibian --jobs 2, one report changed, warm cache (median of 1)"]
    # The report's own PDF, its unit, period, kind-period and the collection: nothing else.
    assert re.fullmatch(rf"5 of {bundles} re-rendered", rebuild[7])
    assert 0 < int(rebuild[5]) < int(bare[5])
