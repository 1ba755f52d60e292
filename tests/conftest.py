"""Shared fixtures: tiny real projects in tmp_path, built with the real MkDocs."""

from __future__ import annotations

import functools
import html
import http.server
import os
import posixpath
import re
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

from huibian.collection import Collection, load_collection
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
        root = copy_project(tmp_path / "project", demo=False)
        (root / "reports").mkdir()
        return write_reports(root, reports or {}, collection)

    return make


def copy_project(root: Path, demo: bool = True) -> Path:
    """This repository's site (mkdocs.yml, hooks, docs, overrides) copied to `root`; with `demo`, its reports too.

    Tests work on such a copy, never on the repository itself: a check writes its cache under .cache/.
    """
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("hooks", "docs", "overrides", *(("reports",) if demo else ())):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest.fixture(scope="session")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the demo project for the tests that only check or read it (not built)."""
    return copy_project(tmp_path_factory.mktemp("demo") / "project")


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its relative path: two trees compare equal when their files are the same."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def collection_of(root: Path) -> Collection:
    """The project's collection.yml, loaded (it must load without errors)."""
    collection, findings = load_collection(root / "reports")
    assert collection is not None, findings
    return collection


def body_of(markdown: str) -> str:
    """A report's Markdown after its front matter."""
    return markdown.split("\n---\n", 1)[1]


def git(root: Path, *args: str, when: str = "2024-07-10T09:30:00+08:00") -> str:
    """Run git in `root` as a fixed author at the time `when`, without the user's configuration."""
    env = {
        **os.environ, "GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "测试",
        "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(root.parent),
    }
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def commit(root: Path, message: str, when: str, *paths: str) -> None:
    git(root, "add", *paths, when=when)
    git(root, "commit", "-q", "-m", message, when=when)


def serve_build(root: Path, site_dir: Path, dirty: bool) -> None:
    """One build as `mkdocs serve` runs it on a change: config loaded again, built in the same process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from huibian import mkdocs_glue as glue

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
    config.plugins.on_startup(command="serve", dirty=dirty)
    build(config, serve_url="http://127.0.0.1:8000/", dirty=dirty)
    glue.wait_for_finish()  # the search index of a preview rebuild is written in a thread


# -- reading built pages -------------------------------------------------------------------------

_HREF = re.compile(r'href="([^"#]*)(#[^"]*)?"')
_ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.S)


def article(site: Path, url: str) -> str:
    """The article HTML of a built page, by its URL (`units/jtj/`)."""
    page = (site / url / "index.html").read_text(encoding="utf-8")
    match = _ARTICLE.search(page)
    assert match, f"no article in {url}"
    return match.group(1)


def text(fragment: str) -> str:
    """Visible text: inline tags vanish, block tags separate words."""
    fragment = re.sub(r"</?(?:a|strong|em|span|code)\b[^>]*>", "", fragment)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment)))


def report_links(site_url: str, fragment: str) -> set[str]:
    """Site-relative URLs of the report pages an HTML fragment links to."""
    found = set()
    for href, _ in _HREF.findall(fragment):
        target = posixpath.normpath(posixpath.join(site_url, href)) + "/"
        if target.startswith("reports/"):
            found.add(target)
    return found


def row(fragment: str, label: str) -> str:
    """The text of the table row whose first cell is `label`."""
    for match in re.finditer(r"<tr>(.*?)</tr>", fragment, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", match.group(1), re.S)
        if cells and text(cells[0]).strip() == label:
            return " | ".join(text(c).strip() for c in cells[1:])
    raise AssertionError(f"no row {label}")


# The seeds' wording errors (issue #22) in reading order: (seed, line of the seed file, wrong form, correction, code).
SEED_WORDING = [
    ("000", 10, "截止目前", "截至目前", "W002"), ("000", 11, "将就舆论宣传艺术", "讲究舆论宣传艺术", "W002"),
    ("000", 14, "严肃追求责任", "严肃追究责任", "W002"),
    ("003", 6, "十九四中全会", "十九届四中全会", "W001"), ("003", 9, "新型冠状肺炎", "新型冠状病毒肺炎", "W001"),
    ("003", 11, "习总书记", "习近平总书记", "W001"), ("003", 11, "截止目前", "截至目前", "W002"),
    ("003", 25, "第线", "第一线", "W004"), ("003", 25, "第线", "第一线", "W004"), ("003", 29, "截止目前", "截至目前", "W002"),
    ("003", 31, "致性", "一致性", "W004"), ("003", 32, "截止目前", "截至目前", "W002"),
]


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
    root = copy_project(tmp / "project")
    if site_url:
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs.yml").write_text(f"site_url: {site_url}\n" + config, encoding="utf-8")
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
def serve_folder(directory: Path, not_found_page: Path | None = None) -> Iterator[str]:
    """Serve `directory` on a free local port; yields its URL (ending in "/")."""
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
    with serve_folder(www, www / "huibian" / "404.html") as url:
        yield Served(www / "huibian", url + "huibian/")


@pytest.fixture(scope="session")
def public(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The demo's public edition (no PDFs), served from the root."""
    tmp = tmp_path_factory.mktemp("demo-public")
    site = _build_demo(tmp, {"HUIBIAN_AUDIENCE": "public"})
    with serve_folder(site, site / "404.html") as url:
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
