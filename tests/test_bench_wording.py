"""scripts/bench_wording.py on 100 reports: precision, recall and the cost against its baseline, all written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SEED_WORDING, SEEDS

SECONDS = r"\d+\.\d\d s"


@pytest.mark.slow
def test_bench_wording_smoke(tmp_path: Path) -> None:
    out = tmp_path / "wording.md"
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "bench_wording.py"), "--n", "100", "--seeds", str(SEEDS),
                           "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    page = out.read_text(encoding="utf-8")
    assert "| demo collection (`reports/`) | 23 reports | 0 | – | 0 |" in page
    if SEEDS.is_dir():
        assert f"| 2 files | {len(SEED_WORDING)} | 8 of the 8 errors issue #22 names |" in page
    planted = re.search(r"\| 100 reports \| (\d+) \| (\d+) of (\d+) at their exact line and column \| 0 \|", page)
    assert planted and planted[1] == planted[2] == planted[3] != "0"
    assert re.search(r"inside the \d{3},\d{3} words and phrases", page) and "FAILED" not in page
    # The cost: every figure present and well-formed, the ratio to the baseline of the same run; no value asserted.
    assert re.search(rf"^\| baseline: each of the \d+ wrong forms .* \| {SECONDS} \| [\d.]+ ms \| 1\.00× \|$", page, re.M)
    assert re.search(rf"^\| the wording scan .* \| {SECONDS} \| [\d.]+ ms \| \d+\.\d\d× \|$", page, re.M)
    assert re.search(rf"reading and compiling the tables took {SECONDS}, once per process", page)
