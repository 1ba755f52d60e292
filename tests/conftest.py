"""Shared fixtures: tiny real projects in tmp_path, built with the real MkDocs."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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


# -- the demo collection, built and served for the browser tests -----------------------------------

DEMO_PDF_BUNDLES = "\npdf:\n  bundles: [period]\n"
"""The internal edition is built with PDFs (their links must show on screen and not on paper),
only the period compilations: four PDFs instead of forty."""


@dataclass
class Served:
    site: Path
    base: str  # URL of the site root, ending in "/"


def _build_demo(tmp: Path, env: dict[str, str], site_url: str | None = None) -> Path:
    root = tmp / "project"
    root.mkdir()
    for folder in ("hooks", "docs", "overrides", "reports"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if site_url:
        config = f"site_url: {site_url}\n" + config
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    if env.get("HUIBIAN_PDF") == "1":
        with (root / "reports" / "collection.yml").open("a", encoding="utf-8") as collection:
            collection.write(DEMO_PDF_BUNDLES)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUIBIAN_PDF": "0", **env}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site")],
                          cwd=root, capture_output=True, text=True, env=environment)
    assert done.returncode == 0, done.stderr[-3000:]
    return root / "site"


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder; a missing page gets the site's 404.html, as nginx's `error_page 404` does."""

    not_found_page: Path | None = None

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or self.not_found_page is None or not self.not_found_page.is_file():
            super().send_error(code, message, explain)
            return
        body = self.not_found_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the browser closing a connection early is not a test failure


@contextmanager
def _serve(directory: Path, not_found_page: Path) -> Iterator[str]:
    handler = type("Handler", (_SiteHandler,), {"not_found_page": not_found_page})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def internal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The demo's internal edition with its period PDFs, served from the sub-path /huibian/ as on an intranet server."""
    tmp = tmp_path_factory.mktemp("demo-internal")
    site = _build_demo(tmp, {"HUIBIAN_AUDIENCE": "internal", "HUIBIAN_PDF": "1"},
                       site_url="http://intranet.example/huibian/")
    www = tmp / "www"
    www.mkdir()
    site.rename(www / "huibian")
    with _serve(www, www / "huibian" / "404.html") as url:
        yield Served(www / "huibian", url + "huibian/")


@pytest.fixture(scope="session")
def public(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The demo's public edition (no PDFs), served from the root."""
    tmp = tmp_path_factory.mktemp("demo-public")
    site = _build_demo(tmp, {"HUIBIAN_AUDIENCE": "public"})
    with _serve(site, site / "404.html") as url:
        yield Served(site, url)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser tab; `page.requested` lists every URL it asked for."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    yield page
    context.close()
