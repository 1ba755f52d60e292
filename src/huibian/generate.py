"""Generation as steps any engine can use: generate the pages, let an engine build them, finish the site.

1. `generate(root, settings, log)` checks the collection and returns every page Huibian
   generates (report pages, index pages, matrix, term index, statistics, recent changes, the
   search page), the images they link to, the navigation sections, the PDF plan and the part of
   the home page below its hand-written text (`with_home`).
2. An engine turns Markdown into HTML: MkDocs or ProperDocs with the hook (which hands
   `generate`'s pages over in memory), or any engine over a tree written by `write_tree`.
3. `finish(generation, site_dir, log)` works on a built site: PDFs and `bundles.json`,
   `catalog.json`, the search index. For a tree built without the hook, `finish_built_pages`
   first does to the generated pages' HTML what the hook does while building
   (`finish_page_html`: blocks put back, run-in headings in bold, sanitized).

Framework-free: `huibian.mkdocs_glue` is one adapter over these steps, `huibian generate` /
`huibian finish` (`huibian.commands.engine_steps`) another.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from huibian import history as git_history
from huibian.assets import report_assets
from huibian.catalog import catalog
from huibian.check import CheckResult, audience_from_environment, check_collection, edition_recycled, published
from huibian.findings import Finding, Severity
from huibian.home import HOME, home_markdown
from huibian.html_blocks import finish as finish_blocks
from huibian.indexes import NAV_SECTIONS, edition_matrix, index_pages
from huibian.memo import OFF, Memo
from huibian.pdf import Bundle, PdfConfig, pdf_links, plan_bundles, read_pdf_config, report_pdfs
from huibian.pinyin import PinyinTableMissing
from huibian.report import Report
from huibian.report_page import page_url, report_page
from huibian.sanitize import clean_html
from huibian.search import IndexState, index_site, search_page
from huibian.search_cache import CACHE_FILE as SEARCH_CACHE_FILE
from huibian.search_cache import SectionCache
from huibian.site import GeneratedPage, SiteModel, within_site


class GenerationError(Exception):
    """The site cannot be generated; the message (Chinese) says why and what to do."""


@dataclass
class Settings:
    """What an edition is built with, read from the environment."""

    audience: str = "internal"
    pdf: bool = True
    serving: bool = False
    incremental: bool = False
    """A live preview's rebuilds keep what they computed and redo only what a save changed (huibian.memo)."""
    show_findings: bool = False
    """List a report's findings at the top of its page (always under `serve`; HUIBIAN_SHOW_FINDINGS=1)."""

    @classmethod
    def from_environment(cls, serving: bool, incremental: bool = False) -> Settings:
        try:
            audience = audience_from_environment()
        except ValueError as exc:
            raise GenerationError(str(exc)) from exc
        pdf_default = "0" if serving else "1"
        pdf = os.environ.get("HUIBIAN_PDF", pdf_default).strip() not in ("0", "false", "no", "")
        show = os.environ.get("HUIBIAN_SHOW_FINDINGS", "").strip().lower() in ("1", "true", "yes")
        return cls(audience, pdf, serving, serving and incremental, show)


@dataclass(frozen=True)
class OutputPage:
    """A generated page as an engine takes it: Markdown, or bytes for an image or a planned PDF."""

    src_uri: str
    content: str | bytes
    in_nav: bool = False
    generated: GeneratedPage | None = None
    """The page whose HTML `finish_page_html` completes (every generated Markdown page)."""


@dataclass
class Generation:
    """Everything the generate step learned: the engine builds `pages`, `finish` completes the site."""

    root: Path
    settings: Settings
    result: CheckResult
    site: SiteModel
    pages: list[OutputPage] = field(default_factory=list)
    index_pages: list[GeneratedPage] = field(default_factory=list)
    pdf_config: PdfConfig | None = None
    pdf_plan: list[Bundle] = field(default_factory=list)
    findings_by_path: dict[str, list[Finding]] = field(default_factory=dict)
    memo: Memo = OFF
    """What a live preview keeps between rebuilds (`Settings.incremental`)."""
    home: str = ""
    """Markdown the engine adds below the hand-written home page (`with_home`)."""

    @cached_property
    def reports_by_id(self) -> dict[str, Report]:
        """Every checked report (the findings shown on a page are those of its report), by id."""
        return {report.id: report for report in self.result.reports}

    @cached_property
    def generated(self) -> dict[str, GeneratedPage]:
        """src_uri -> each generated Markdown page, to finish its HTML."""
        return {p.src_uri: p.generated for p in self.pages if p.generated is not None}


_preview_memo = Memo()
"""What the last rebuild of this live preview computed (`Settings.incremental`)."""
_preview_search: dict[Path, tuple[SectionCache, IndexState]] = {}
"""Project -> its live preview's search sections (read from the cache file by the first build) and index."""


def navigation(configured: list[object] | None) -> list[object]:
    """The hand-written pages of mkdocs.yml with the generated sections after the home page."""
    generated: list[object] = [{title: uri} for title, uri in NAV_SECTIONS]
    generated.append({git_history.NAV_ENTRY[0]: git_history.NAV_ENTRY[1]})
    pages = list(configured or [{"首页": "index.md"}])
    return pages[:1] + generated + pages[1:]


def generate(root: Path, settings: Settings, log: logging.Logger) -> Generation:
    """Check the collection and generate every page of the edition (GenerationError if it cannot be built)."""
    # No worker processes beside the live-reload server threads of `mkdocs serve`.
    result = check_collection(root, jobs=1 if settings.serving else None, remember_reads=settings.incremental)
    log.debug(f"检查：{len(result.reports)} 篇报告，{result.unchanged} 篇未改动，沿用上次的检查结果")
    findings_by_path: dict[str, list[Finding]] = {}
    for finding in result.findings:
        findings_by_path.setdefault(finding.path, []).append(finding)
        (log.error if finding.severity is Severity.ERROR else log.warning)(finding.as_text())
    if result.collection is None:
        raise GenerationError("reports/collection.yml 有错误，无法构建网站（见上方信息）")
    errors = sum(f.severity is Severity.ERROR for f in result.findings)
    if errors and not settings.serving:
        raise GenerationError(f"报告中有 {errors} 个错误，网站未构建。请按上方信息修改，或运行 huibian check 查看。")
    memo = _preview_memo if settings.incremental else OFF
    memo.next_round((result.collection.digest, settings.audience, settings.pdf, str(root)))
    site = SiteModel(result.collection, published(result.reports, settings.audience), settings.audience)
    site.recycled = edition_recycled(result, site.reports)
    generation = Generation(root, settings, result, site, findings_by_path=findings_by_path, memo=memo)
    _plan_pdfs(generation, log)  # before the pages: they link to the planned PDFs
    history = git_history.collect_history(root, memo=memo)  # one git log for the whole build
    if not history.available:
        log.info(f"没有 git 历史（{history.problem}），“最近更新”按成文日期排列")
    git_history.attach_history(site, history)
    matrix = edition_matrix(site, memo)
    generation.home = home_markdown(site, history, matrix)
    try:
        generation.index_pages = index_pages(site, matrix, memo)
    except PinyinTableMissing as problem:
        raise GenerationError(str(problem)) from problem
    for page in [report_page(r, site, memo) for r in site.reports] + generation.index_pages:
        generation.pages.append(OutputPage(page.src_uri, page.content, page.src_uri.endswith("index.md"), page))
    for report in site.reports:  # images the published reports link to (e.g. from `huibian import`)
        for uri, path in report_assets(report, root):
            generation.pages.append(OutputPage(uri, _image_bytes(path, memo)))
    recent = git_history.recent_page(site, history)
    generation.pages.append(OutputPage(recent.src_uri, recent.content, True, recent))
    search = search_page()
    generation.pages.append(OutputPage(search.src_uri, search.content, False, search))
    confine([page.src_uri for page in generation.pages] + [bundle.path for bundle in generation.pdf_plan])
    return generation


def _image_bytes(path: Path, memo: Memo) -> bytes:
    """An image's bytes; a live preview reads again only an image whose file changed."""
    if not memo.enabled:
        return path.read_bytes()
    stat = path.stat()
    return memo.get(("image", str(path), stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino), path.read_bytes)


def confine(paths: list[str]) -> None:
    """GenerationError if a page, image or PDF would be written outside the output folder.

    Ids are checked (C007), so this does not happen; it is the defence behind that check.
    """
    outside = [path for path in paths if not within_site(path)]
    if outside:
        raise GenerationError(f"拒绝写入网站目录以外的位置“{outside[0]}”：请检查 reports/collection.yml 中单位和类别的编号")


def _plan_pdfs(generation: Generation, log: logging.Logger) -> None:
    """Plan the PDF bundles (when PDFs are on) and give the pages their links."""
    if not generation.settings.pdf:
        return
    pdf_config, problems = read_pdf_config(generation.site.collection, generation.root)
    for finding in problems:
        log.error(finding.as_text())
    if problems:
        raise GenerationError("reports/collection.yml 的 pdf 设置有错误（见上方信息）")
    generation.pdf_config = pdf_config
    generation.pdf_plan = plan_bundles(generation.site, pdf_config)
    generation.site.pdf_links = pdf_links(generation.pdf_plan)


def with_home(markdown: str, generation: Generation) -> str:
    """The hand-written home page (HOME) with the generated part below it."""
    return markdown.rstrip("\n") + "\n" + generation.home


def finish_page_html(html: str, page: GeneratedPage | None) -> str:
    """A generated page's HTML as the engine wrote it, completed: blocks put back, bold set, sanitized.

    Generated pages carry report text: only the HTML declared in huibian.sanitize is kept.
    """
    if page is not None:
        html = finish_blocks(html, page)
    return clean_html(html)


def finish(generation: Generation, site_dir: Path, log: logging.Logger) -> None:
    """The steps after the engine: PDFs and bundles.json, catalog.json, the search index."""
    _render_pdfs(generation, site_dir, log)
    write_json(site_dir / "catalog.json", catalog(generation.site, report_pdfs(generation.pdf_plan)))
    kept = _preview_search.get(generation.root) if generation.settings.incremental else None
    sections = kept[0] if kept else SectionCache(generation.root / SEARCH_CACHE_FILE)
    stats, state = index_site(generation.site, site_dir, generation.index_pages, sections.of_file,
                              kept[1] if kept else None)
    if kept is None:
        sections.save()
    if generation.settings.incremental:  # a live preview's later rebuilds read only the pages they wrote
        _preview_search[generation.root] = (sections, state)
    log.debug(f"全文检索：{sections.extracted} 个页面重新提取，{sections.reused} 个沿用缓存")
    log.info(
        f"全文检索索引：{stats.reports} 个页面（报告 {len(generation.site.reports)} 篇），"
        f"{stats.sections} 个章节，{stats.bytes / 1e6:.1f} MB"
    )


def _render_pdfs(generation: Generation, site_dir: Path, log: logging.Logger) -> None:
    """Render the planned bundles into site/pdf/ (cached, in parallel) and write site/bundles.json."""
    if not generation.pdf_plan or generation.pdf_config is None:
        return
    from huibian.pdf.fonts import FontProblem
    from huibian.pdf.render import render_bundles, write_manifest

    try:
        summary = render_bundles(generation.pdf_plan, generation.site.collection, generation.pdf_config,
                                 generation.root, site_dir, progress=sys.stderr)
    except FontProblem as problem:
        raise GenerationError(str(problem)) from problem
    for finding in summary.findings:
        log.warning(finding.as_text())
    for warning in summary.warnings:
        log.warning(warning)
    for failed in summary.failed:
        log.error(failed.error)
    write_manifest(site_dir / "bundles.json", summary)
    if summary.failed:
        raise GenerationError(f"{len(summary.failed)} 个 PDF 汇编生成失败（见上方信息）")


def write_json(path: Path, data: object) -> None:
    """Write JSON atomically: a reader never sees half a file."""
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    partial.replace(path)


# --- A tree for engines that run no hook -------------------------------------------------------

CONTENT_START = "<!-- huibian:content -->"
CONTENT_END = "<!-- /huibian:content -->"
"""Written around a generated page's body in a tree for another engine, so that `finish_built_pages`
finds the page's own HTML in whatever template the theme wraps it in (HTML comments pass through
Markdown unchanged, and the sanitizer drops them)."""


def write_tree(generation: Generation, docs_dir: Path, out: Path) -> list[str]:
    """Write the hand-written pages of `docs_dir` and every generated page into `out`; return the generated src_uris.

    `out` is emptied first; it must not be inside `docs_dir` nor hold it.
    """
    import shutil

    out, docs_dir = out.resolve(), docs_dir.resolve()
    if out == docs_dir or out.is_relative_to(docs_dir) or docs_dir.is_relative_to(out):
        raise GenerationError(f"生成目录 {out} 不能与文档目录 {docs_dir} 重叠，请换一个目录")
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(docs_dir, out)
    home = out / HOME
    if home.is_file():
        home.write_text(with_home(home.read_text(encoding="utf-8"), generation), encoding="utf-8")
    written = []
    for page in generation.pages:
        target = (out / page.src_uri).resolve()
        if not target.is_relative_to(out):
            raise GenerationError(f"生成的页面 {page.src_uri} 会写到目录 {out} 之外，已停止")
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(page.content, bytes):
            target.write_bytes(page.content)
        else:
            target.write_text(_marked(page.content), encoding="utf-8")
        written.append(page.src_uri)
    return written


def _marked(markdown: str) -> str:
    """The page's Markdown with its body between CONTENT_START and CONTENT_END.

    The markers follow the front matter and the page's `# title` line: an engine takes the page
    title from a first-level heading only where it opens the page.
    """
    head, body = "", markdown
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            head, body = markdown[: end + 5], markdown[end + 5 :]
    stripped = body.lstrip("\n")
    if stripped.startswith("# "):
        title_end = stripped.find("\n")
        title_end = len(stripped) if title_end == -1 else title_end
        head, body = head + "\n" + stripped[:title_end] + "\n", stripped[title_end:]
    return f"{head}\n{CONTENT_START}\n\n{body.strip()}\n\n{CONTENT_END}\n"


def finish_built_pages(generation: Generation, site_dir: Path) -> int:
    """Complete the HTML of every generated page an engine built from `write_tree`'s tree; return how many."""
    done = 0
    for src_uri, page in generation.generated.items():
        path = site_dir / page_url(src_uri) / "index.html"
        if not path.is_file():
            continue
        html = path.read_text(encoding="utf-8")
        start, end = html.find(CONTENT_START), html.find(CONTENT_END)
        if start == -1 or end < start:
            continue
        # Python-Markdown joins blocks with one newline and strips what it returns, as the hook sees it.
        body = html[start + len(CONTENT_START) : end].strip()
        title_end = html.rfind("</h1>", 0, start)
        if title_end != -1 and not html[title_end + 5 : start].strip():  # the page title, before the marker
            start = html.rfind("<h1", 0, title_end)
            body = html[start : title_end + 5] + "\n" + body
        path.write_text(html[:start] + finish_page_html(body, page) + html[end + len(CONTENT_END) :], encoding="utf-8")
        done += 1
    return done
