"""scripts/bench_body_limits.py in smoke mode: every limit's row, with its baseline, written to the page."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from huibian.body_limits import MAX_EMPHASIS, MAX_HTML_NESTING, MAX_NESTING

from conftest import REPO

SECONDS = r"\d+\.\d\d s"


@pytest.mark.slow
def test_bench_body_limits_smoke(tmp_path: Path) -> None:
    out = tmp_path / "limits.md"
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "bench_body_limits.py"), "--smoke", "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    page = out.read_text(encoding="utf-8")
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in page.splitlines() if line.startswith("| ")][1:]
    assert len(rows) == 8
    for label, _, at_n, baseline, ratio, times, over in rows:
        # Present and well-formed; no timing's value is asserted.
        assert re.fullmatch(SECONDS, at_n) and re.fullmatch(SECONDS, baseline), label
        assert re.fullmatch(r"\d+\.\d×", ratio) and re.fullmatch(r"\d+ ×", times), label
        assert re.fullmatch(rf"{SECONDS}|> 2 s|RecursionError", over), label
    accepted = {label: int(n.replace(",", "")) for label, n, *_ in rows}
    # The largest accepted n is the limit itself where the limit counts that very thing.
    assert accepted["`*`×n + x + `*`×n"] == MAX_EMPHASIS
    assert accepted["nested `!!! note` × n"] == MAX_NESTING
    assert accepted['nested `<div markdown="1">` × n'] == MAX_HTML_NESTING
