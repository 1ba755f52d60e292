"""scripts/bench_search.py in smoke mode (20 reports): it runs and reports what it measured."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="/usr/bin/chromium is not installed")
def test_bench_search_smoke(tmp_path: Path) -> None:
    out = tmp_path / "result.md"
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench_search.py"), "--smoke", "--skip-material",
         "--work", str(tmp_path / "work"), "--markdown", str(out)],
        capture_output=True, text=True, cwd=REPO,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    page = out.read_text(encoding="utf-8")
    assert page.startswith("Collection: 20 generated reports")
    assert re.search(r"^\| \*\*Huibian bigram index\*\* \(chosen\) \| [\d.]+ MB \| \d+ \|", page, re.M)
    assert re.search(r"^\| Pagefind extended 1\.5\.2 \| [\d.]+ MB \|", page, re.M)
    recall = re.findall(r"^\| (\d 字|单位名称|常用词) \| \d+ \| \d+ \| ([\d.]+) % ", page, re.M)
    assert [kind for kind, _ in recall] == ["2 字", "3 字", "4 字", "单位名称", "常用词"]
    assert all(value == "100.0" for _, value in recall), page  # Huibian's recall equals substring search
