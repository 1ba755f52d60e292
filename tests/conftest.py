"""Shared fixtures: tiny real projects in tmp_path, built with the real MkDocs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from huibian.periods import parse_period

# Hypothesis fails an example that takes over 200 ms by default: a timing, which a busy machine breaks.
settings.register_profile("huibian", deadline=None)
settings.load_profile("huibian")

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")  # Debian's, installed by scripts/setup_system.sh; never downloaded
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
# The real reports in ../shared/seeds; HUIBIAN_SEEDS points elsewhere (a git worktree lives deeper).
SEEDS = Path(os.environ.get("HUIBIAN_SEEDS") or REPO.parent / "shared" / "seeds")

TINY_COLLECTION = """\
title: 测试汇编
issuer: 测试县委宣传部
units:
  - id: jtj
    name: 测试县交通运输局
    short: 交通运输局
    order: 10
  - id: glzx
    name: 测试县公路养护中心
    short: 养护中心
    parent: jtj
    order: 11
  - id: jyj
    name: 测试县教育局
    short: 教育局
    order: 20
kinds:
  - id: ideology
    name: 意识形态工作
    title: 意识形态工作情况汇报
expectations:
  - kind: ideology
    units: all
    periods: [2024-H1]
tags: [理论学习, 舆论引导]
"""


UNIT_NAMES = {"jtj": "测试县交通运输局", "glzx": "测试县公路养护中心", "jyj": "测试县教育局"}


def report_text(
    title: str | None = None,
    unit: str = "jtj",
    period: str = "2024-H1",
    kind: str = "ideology",
    extra: str = "date: 2024-07-08\nclassification: public\nstatus: final\n",
    body: str = "今年上半年，我局扎实推进各项工作。\n\n## 一、工作开展情况\n\n加强理论学习。\n",
) -> str:
    if title is None:
        period_label = parse_period(period.strip('"'))
        label = period_label.label if period_label else period
        title = f"{UNIT_NAMES.get(unit, UNIT_NAMES['jtj'])}{label}意识形态工作情况汇报"
    return f"---\ntitle: {title}\nunit: {unit}\nperiod: {period}\nkind: {kind}\n{extra}---\n\n{body}"


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    """Make a project in tmp_path: `project({"jtj/a.md": text, ...}, collection=...)`."""

    def make(reports: dict[str, str | bytes] | None = None, collection: str = TINY_COLLECTION) -> Path:
        root = tmp_path / "project"
        (root / "reports").mkdir(parents=True)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(REPO / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(REPO / "docs", root / "docs")
        if (REPO / "overrides").is_dir():
            shutil.copytree(REPO / "overrides", root / "overrides")
        return write_reports(root, reports or {}, collection)

    return make


def write_reports(root: Path, reports: dict[str, str | bytes], collection: str = TINY_COLLECTION) -> Path:
    """Write collection.yml and the given files (text or bytes) under root/reports."""
    for name, content in {"collection.yml": collection, **reports}.items():
        path = root / "reports" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def run_huibian(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "huibian", *args], cwd=root, capture_output=True, text=True,
        env={**os.environ, **(env or {})},
    )


def mkdocs_build(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUIBIAN_PDF": "0", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args], cwd=root, capture_output=True, text=True, env=environment
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the whole session (Playwright's sync API allows one driver per thread)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (scripts/setup_system.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
