"""A build that fails halfway leaves the previous site/ intact and usable."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import report_text, run_huibian, tree

NO_PDF = {"HUIBIAN_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture
def built(project: Callable[..., Path]) -> tuple[Path, dict[str, bytes]]:
    """A project with a good site/ already built; returns the root and a snapshot of site/."""
    root = project({"jtj/a.md": report_text(body="导语。\n\n## 一、工作开展情况\n\n" + "正文。" * 2000 + "\n")})
    done = run_huibian(root, "build", env=NO_PDF)
    assert done.returncode == 0, done.stderr
    return root, tree(root / "site")


def add_report(root: Path) -> None:
    (root / "reports/jyj").mkdir(exist_ok=True)
    (root / "reports/jyj/b.md").write_text(report_text(unit="jyj"), encoding="utf-8")


def test_exception_in_a_hook_keeps_previous_site(built: tuple[Path, dict[str, bytes]]) -> None:
    root, before = built
    add_report(root)
    (root / "hooks/boom.py").write_text("def on_post_build(config):\n    raise RuntimeError('boom')\n", encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("hooks:\n", "hooks:\n  - hooks/boom.py\n"), encoding="utf-8")
    done = run_huibian(root, "build", env=NO_PDF)
    assert done.returncode == 1
    assert "上一次的网站 site/ 保持不变" in done.stderr
    assert tree(root / "site") == before


def test_killed_build_keeps_previous_site_and_next_build_recovers(built: tuple[Path, dict[str, bytes]]) -> None:
    root, before = built
    add_report(root)
    process = subprocess.Popen(
        [sys.executable, "-m", "huibian", "build"], cwd=root, env={**os.environ, **NO_PDF},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not list(root.glob(".site.building*")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert process.poll() is None, process.communicate()[0].decode()
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    assert tree(root / "site") == before
    again = run_huibian(root, "build", env=NO_PDF)
    assert again.returncode == 0, again.stderr
    assert (root / "site/reports/jyj/2024-h1-ideology/index.html").is_file()
    assert not list(root.glob(".site.*"))


def _small_file_limit() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG, like a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_failing_writes_keep_previous_site(built: tuple[Path, dict[str, bytes]]) -> None:
    root, before = built
    add_report(root)
    done = subprocess.run(
        [sys.executable, "-m", "huibian", "build"], cwd=root, env={**os.environ, **NO_PDF},
        capture_output=True, text=True, preexec_fn=_small_file_limit,
    )
    assert done.returncode == 1
    assert "上一次的网站 site/ 保持不变" in done.stderr
    assert tree(root / "site") == before
