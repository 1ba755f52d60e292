"""The one module that knows MkDocs: turns Huibian's site model into MkDocs files and nav.

`hooks/huibian_site.py` forwards MkDocs events here. Everything else in the package is
framework-free, so the same functions serve `huibian check` and a future engine.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, pass_context
from jinja2.runtime import Context
from markdown.extensions.toc import slugify as toc_default_slugify
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from huibian import history as git_history
from huibian.assets import report_assets
from huibian.catalog import catalog
from huibian.check import REPORTS_DIR, CheckResult, check_collection, published
from huibian.findings import Finding, Severity
from huibian.html_blocks import finish
from huibian.indexes import NAV_SECTIONS, index_pages
from huibian.lint import findings_admonition
from huibian.pdf import Bundle, PdfConfig, pdf_links, plan_bundles, read_pdf_config, report_pdfs
from huibian.pinyin import PinyinTableMissing
from huibian.report_page import report_page
from huibian.sanitize import clean_html
from huibian.search import index_site, search_page
from huibian.search_cache import CACHE_FILE as SEARCH_CACHE_FILE
from huibian.search_cache import SectionCache
from huibian.site import GeneratedPage, SiteModel

log = logging.getLogger("mkdocs.plugins.huibian")

# Survives MkDocs re-importing the hook module on every `mkdocs serve` rebuild.
_command = {"name": "build"}


@dataclass
class Settings:
    """What an edition is built with, read from the environment."""

    audience: str = "internal"
    pdf: bool = True
    serving: bool = False

    @classmethod
    def from_environment(cls, serving: bool) -> Settings:
        audience = os.environ.get("HUIBIAN_AUDIENCE", "internal").strip().lower() or "internal"
        if audience not in ("internal", "public"):
            raise Abort(f"HUIBIAN_AUDIENCE 只能是 internal 或 public，而不是“{audience}”")
        pdf_default = "0" if serving else "1"
        pdf = os.environ.get("HUIBIAN_PDF", pdf_default).strip() not in ("0", "false", "no", "")
        return cls(audience, pdf, serving)


@dataclass
class BuildState:
    """Everything one build learns; created afresh on each (re)build."""

    root: Path
    settings: Settings
    result: CheckResult | None = None
    site: SiteModel | None = None
    findings_by_path: dict[str, list[Finding]] = field(default_factory=dict)
    pdf_config: PdfConfig | None = None
    pdf_plan: list[Bundle] = field(default_factory=list)
    index_pages: list[GeneratedPage] = field(default_factory=list)
    generated: dict[str, GeneratedPage] = field(default_factory=dict)
    """src_uri -> the report and index pages Huibian generated, to finish their HTML."""
    shared_blocks: SharedBlocks | None = None


_state: dict[str, BuildState] = {}


def state() -> BuildState:
    return _state["current"]


def on_startup(command: str) -> None:
    _command["name"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.use_directory_urls:
        # Generated pages, the search index and the catalog write directory URLs (reports/u/p/).
        raise Abort("Huibian 需要 mkdocs.yml 中 use_directory_urls: true（生成的页面、检索和目录都按“目录式网址”链接）")
    root = Path(config.config_file_path).resolve().parent
    settings = Settings.from_environment(serving=_command["name"] == "serve")
    _state["current"] = BuildState(root, settings)
    reports_dir = root / REPORTS_DIR
    if str(reports_dir) not in config.watch:
        config.watch.append(str(reports_dir))
    config.nav = _navigation(config.nav)
    return config


def _navigation(configured: list[Any] | None) -> list[Any]:
    """The hand-written pages of mkdocs.yml with the generated sections after the home page."""
    generated: list[Any] = [{title: uri} for title, uri in NAV_SECTIONS]
    generated.append({git_history.NAV_ENTRY[0]: git_history.NAV_ENTRY[1]})
    pages = list(configured or [{"首页": "index.md"}])
    return pages[:1] + generated + pages[1:]


TEMPLATE_CACHE_DIR = Path(".cache") / "huibian" / "jinja"


def on_env(env: Environment) -> None:
    """Keep the theme's compiled templates in .cache/huibian/jinja/, as Python keeps .pyc files;
    give overrides/main.html its `hb_shared`.

    Compiling Material's templates costs every build about 0.2 s; Jinja checks each cached
    template against its source, so an edited override is compiled again.
    """
    env.globals["hb_shared"] = state().shared_blocks = SharedBlocks()
    folder = state().root / TEMPLATE_CACHE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as problem:  # a read-only checkout: build without the cache
        log.debug(f"模板缓存不可用：{problem}")
        return
    if os.access(folder, os.W_OK):
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))


class SharedBlocks:
    """`hb_shared(name, render)` in a template: a theme block rendered once for all pages outside the navigation.

    A page outside the navigation (every report page) has no active tab or navigation item, so
    its tabs, primary navigation and `__config` script differ from another such page's only by
    their relative links. Those depend only on the page's depth (`base_url`) when the page's
    folder shares its first part with no page of the navigation and with the theme's `assets/`.
    """

    def __init__(self) -> None:
        self.reused = 0
        self._rendered: dict[tuple[str, str], Markup] = {}
        self._nav_folders: frozenset[str] | None = None  # one instance per build, so one navigation

    @pass_context
    def __call__(self, context: Context, name: str, render: Callable[[], str]) -> Markup:
        page, nav = context.get("page"), context.get("nav")
        if not isinstance(page, Page) or nav is None or not self._shareable(page, nav):
            return Markup(render())
        key = (name, str(context.get("base_url")))
        if key in self._rendered:
            self.reused += 1
        else:
            self._rendered[key] = Markup(render())
        return self._rendered[key]

    def _shareable(self, page: Page, nav: Any) -> bool:
        if self._nav_folders is None:
            self._nav_folders = frozenset(p.url.split("/", 1)[0] for p in nav.pages) | {"assets"}
        return page.url.split("/", 1)[0] not in self._nav_folders and page not in nav.pages


def on_files(files: Files, config: MkDocsConfig) -> Files:
    current = state()
    # No worker processes beside the live-reload server threads of `mkdocs serve`.
    result = check_collection(current.root, jobs=1 if current.settings.serving else None)
    current.result = result
    log.debug(f"检查：{len(result.reports)} 篇报告，{result.unchanged} 篇未改动，沿用上次的检查结果")
    for finding in result.findings:
        current.findings_by_path.setdefault(finding.path, []).append(finding)
        (log.error if finding.severity is Severity.ERROR else log.warning)(finding.as_text())
    if result.collection is None:
        raise Abort("reports/collection.yml 有错误，无法构建网站（见上方信息）")
    errors = sum(f.severity is Severity.ERROR for f in result.findings)
    if errors and not current.settings.serving:
        raise Abort(f"报告中有 {errors} 个错误，网站未构建。请按上方信息修改，或运行 huibian check 查看。")
    site = SiteModel(result.collection, published(result.reports, current.settings.audience),
                     current.settings.audience)
    current.site = site
    _plan_pdfs(current, site, files, config)  # before the pages: they link to the planned PDFs
    history = git_history.collect_history(current.root)  # one git log for the whole build
    if not history.available:
        log.info(f"没有 git 历史（{history.problem}），“最近更新”按成文日期排列")
    git_history.attach_history(site, history)
    try:
        current.index_pages = index_pages(site)
    except PinyinTableMissing as problem:
        raise Abort(str(problem)) from problem
    for page in [report_page(r, site) for r in site.reports] + current.index_pages:
        _add(files, config, page.src_uri, page.content, in_nav=page.src_uri.endswith("index.md"))
        current.generated[page.src_uri] = page
    for report in site.reports:  # images the published reports link to (e.g. from `huibian import`)
        for uri, path in report_assets(report, current.root):
            _add(files, config, uri, path.read_bytes(), in_nav=False)
    recent = git_history.recent_page(site, history)
    _add(files, config, recent.src_uri, recent.content, in_nav=True)
    search = search_page()
    _add(files, config, search.src_uri, search.content, in_nav=False)
    return files


def _add(files: Files, config: MkDocsConfig, src_uri: str, content: str | bytes, in_nav: bool) -> None:
    existing = files.get_file_from_path(src_uri)
    if existing is not None:
        files.remove(existing)
    inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
    files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """In `mkdocs serve` (or with HUIBIAN_SHOW_FINDINGS=1), list a report's findings at the top of its page."""
    current = _state.get("current")
    report_id = page.meta.get("huibian_report")
    if current is None or current.result is None or not report_id:
        return markdown
    show = os.environ.get("HUIBIAN_SHOW_FINDINGS", "").strip().lower() in ("1", "true", "yes")
    if not (current.settings.serving or show):
        return markdown
    report = next((r for r in current.result.reports if r.id == report_id), None)
    findings = current.findings_by_path.get(report.source, []) if report else []
    if report is None or not findings:
        return markdown
    toc_slugify = config.mdx_configs.get("toc", {}).get("slugify") or toc_default_slugify
    box = findings_admonition(report, findings, lambda text: str(toc_slugify(text, "-")))
    lines = markdown.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if title is None:
        return box + "\n" + markdown
    return "\n".join(lines[: title + 1] + ["", box] + lines[title + 1 :])


def on_page_content(html: str, page: Page) -> str:
    """Finish a generated page's HTML; it carries report text: keep only the HTML declared in huibian.sanitize."""
    if page.file.generated_by is None:
        return html
    current = _state.get("current")
    generated = current.generated.get(page.file.src_uri) if current else None
    if generated is not None:
        html = finish(html, generated)
    return clean_html(html)


def on_post_build(config: MkDocsConfig) -> None:
    site = state().site
    if site is None:
        return
    _render_pdfs(state(), Path(config.site_dir))
    write_json(Path(config.site_dir) / "catalog.json", catalog(site, report_pdfs(state().pdf_plan)))
    sections = SectionCache(state().root / SEARCH_CACHE_FILE)
    stats = index_site(site, Path(config.site_dir), state().index_pages, sections.sections)
    sections.save()
    log.debug(f"全文检索：{sections.extracted} 个页面重新提取，{sections.reused} 个沿用缓存")
    if (shared := state().shared_blocks) is not None:
        log.debug(f"主题区块（标签栏、导航、配置）：{shared.reused} 次沿用已渲染的")
    log.info(
        f"全文检索索引：{stats.reports} 个页面（报告 {len(site.reports)} 篇），"
        f"{stats.sections} 个章节，{stats.bytes / 1e6:.1f} MB"
    )


def _plan_pdfs(current: BuildState, site: SiteModel, files: Files, config: MkDocsConfig) -> None:
    """Plan the PDF bundles (HUIBIAN_PDF=1) and put their links on the pages that will be generated.

    Each planned PDF is registered as an empty placeholder file, so MkDocs' link validation knows
    it; on_post_build writes the real PDF over it.
    """
    if not current.settings.pdf:
        return
    pdf_config, problems = read_pdf_config(site.collection)
    for finding in problems:
        log.error(finding.as_text())
    if problems:
        raise Abort("reports/collection.yml 的 pdf 设置有错误（见上方信息）")
    current.pdf_config = pdf_config
    current.pdf_plan = plan_bundles(site, pdf_config)
    site.pdf_links = pdf_links(current.pdf_plan)
    for bundle in current.pdf_plan:
        _add(files, config, bundle.path, b"", in_nav=False)


def _render_pdfs(current: BuildState, site_dir: Path) -> None:
    """Render the planned bundles into site/pdf/ (cached, in parallel) and write site/bundles.json."""
    if not current.pdf_plan or current.pdf_config is None or current.site is None:
        return
    import sys

    from huibian.pdf.fonts import FontProblem
    from huibian.pdf.render import render_bundles, write_manifest

    try:
        summary = render_bundles(current.pdf_plan, current.site.collection, current.pdf_config, current.root,
                                 site_dir, progress=sys.stderr)
    except FontProblem as problem:
        raise Abort(str(problem)) from problem
    for finding in summary.findings:
        log.warning(finding.as_text())
    for warning in summary.warnings:
        log.warning(warning)
    for failed in summary.failed:
        log.error(failed.error)
    write_manifest(site_dir / "bundles.json", summary)
    if summary.failed:
        raise Abort(f"{len(summary.failed)} 个 PDF 汇编生成失败（见上方信息）")


def write_json(path: Path, data: object) -> None:
    """Write JSON atomically: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    partial.replace(path)
