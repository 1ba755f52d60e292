"""scripts/bench_preview.py at 20 reports: two real servers, every figure present and well-formed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

SECONDS = r"\d+(\.\d+)? s"


@pytest.mark.slow
def test_bench_preview_smoke(tmp_path: Path) -> None:
    out = tmp_path / "preview.md"
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "bench_preview.py"), "--sizes", "20", "--edits", "1",
                           "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    page = out.read_text(encoding="utf-8")
    low_high = r"\(\d+\.\d–\d+\.\d\)"
    spread = rf"{SECONDS} {low_high}"
    first = rf"{SECONDS} / {SECONDS}"
    row = re.search(rf"^\| 20 \| {first} \| \*\*{SECONDS}\*\* {low_high} \| {spread} \| \d+\.\d\d× \| {spread} \| {spread} \|$",
                    page, re.M)
    assert row, page
    split = re.search(r"^- N=20: (.*)$", page, re.M)
    assert split and "whole rebuild" in split[1] and "generate (all)" in split[1] and "finish (all" in split[1]
