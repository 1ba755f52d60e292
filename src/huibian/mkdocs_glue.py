"""The one module that knows MkDocs: turns Huibian's site model into MkDocs files and nav.

`hooks/huibian_site.py` forwards MkDocs events here. Everything else in the package is
framework-free, so the same functions serve `huibian check` and a future engine.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from collections.abc import Callable
from functools import partial
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

from huibian.check import REPORTS_DIR
from huibian.code_version import code_digest
from huibian.collection import COLLECTION_FILE
from huibian.file_errors import describe
from huibian.generate import (
    HOME,
    Generation,
    GenerationError,
    Settings,
    finish,
    finish_page_html,
    generate,
    navigation,
    with_home,
)
from huibian.indexes import TAGS as TAGS_PAGE
from huibian.lint import findings_admonition
from huibian.preview import PreviewMemory, RebuildPlan, digest, tags_key
from huibian.watching import changes_observer

log = logging.getLogger("mkdocs.plugins.huibian")

# Survives MkDocs re-importing the hook module on every `mkdocs serve` rebuild.
_command: dict[str, Any] = {"name": "build", "dirty": False}
_preview = PreviewMemory()
"""The generated pages of the last rebuild of this `serve --dirty` process (huibian.preview)."""
_reading = {"now": False}
"""True while MkDocs reads pages (before on_env), False while it writes them."""


class BuildState:
    """Everything one build learns; created afresh on each (re)build."""

    def __init__(self, root: Path, settings: Settings) -> None:
        self.root = root
        self.settings = settings
        self.generation: Generation | None = None
        self.shared_blocks: SharedBlocks | None = None
        self.rebuild: RebuildPlan | None = None
        self.remember: Callable[[], None] | None = None


_state: dict[str, BuildState] = {}


def state() -> BuildState:
    return _state["current"]


def on_startup(command: str, dirty: bool = False) -> None:
    _command["name"], _command["dirty"] = command, dirty
    if command == "serve" and dirty:  # Huibian makes the dirty rebuild exact: no need to alarm the author
        for name in ("mkdocs.commands.build", "properdocs.commands.build"):
            logging.getLogger(name).addFilter(_quiet_dirty_warning)
    elif command == "serve":
        log.info("提示：每次保存都会重新生成全部页面。用 make serve（huibian serve）预览，只重新生成改动涉及的页面。")


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("A 'dirty' build is being performed")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.use_directory_urls:
        # Generated pages, the search index and the catalog write directory URLs (reports/u/p/).
        raise Abort("Huibian 需要 mkdocs.yml 中 use_directory_urls: true（生成的页面、检索和目录都按“目录式网址”链接）")
    root = Path(config.config_file_path).resolve().parent
    try:
        settings = Settings.from_environment(serving=_command["name"] == "serve", incremental=_command["dirty"])
    except GenerationError as problem:
        raise Abort(str(problem)) from problem
    _state["current"] = BuildState(root, settings)
    reports_dir = root / REPORTS_DIR
    if str(reports_dir) not in config.watch:
        config.watch.append(str(reports_dir))
    config.nav = navigation(config.nav)
    return config


TEMPLATE_CACHE_DIR = Path(".cache") / "huibian" / "jinja"


def on_env(env: Environment) -> None:
    """Keep the theme's compiled templates in .cache/huibian/jinja/, as Python keeps .pyc files;
    give overrides/main.html its `hb_shared`.

    Compiling Material's templates costs every build about 0.2 s; Jinja checks each cached
    template against its source, so an edited override is compiled again.
    """
    _reading["now"] = False
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
    """The generate step: every generated page, image and planned PDF joins MkDocs' files."""
    current = state()
    wait_for_finish()
    if current.settings.incremental and _preview.site_key is not None:
        # A live preview keeps a large heap between rebuilds: the cycle collector's passes over it cost
        # a third of a rebuild at 5,000 reports. It runs once, after the reload (`_finish_quietly`).
        gc.disable()
    try:
        current.generation = generation = generate(current.root, current.settings, log)
    except GenerationError as problem:
        gc.enable()
        raise Abort(str(problem)) from problem
    added = {page.src_uri: _add(files, config, page.src_uri, page.content, page.in_nav) for page in generation.pages}
    for bundle in generation.pdf_plan:
        # An empty placeholder, so MkDocs' link validation knows the PDF; the finish step writes it.
        for path in (bundle.path, bundle.docx_path):
            _add(files, config, path, b"", in_nav=False)
    if current.settings.incremental:
        _plan_rebuild(current, generation, files, added, config)
    return files


def _add(files: Files, config: MkDocsConfig, src_uri: str, content: str | bytes, in_nav: bool) -> File:
    existing = files.get_file_from_path(src_uri)
    if existing is not None:
        files.remove(existing)
    inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
    file = File.generated(config, src_uri, content=content, inclusion=inclusion)
    files.append(file)
    return file


def _plan_rebuild(current: BuildState, generation: Generation, files: Files, added: dict[str, File],
                  config: MkDocsConfig) -> None:
    """Under `serve --dirty`: let MkDocs read and write only the generated pages that changed (huibian.preview)."""
    site = generation.site
    shown: dict[str, list[str]] = {}  # a report page shows its findings under serve
    for report in site.reports:
        shown[report.src_uri] = [f.as_text() for f in generation.findings_by_path.get(report.source, [])]
    # A page's recycled passages (`marked`) can change with another report while its Markdown stays the same.
    digests = {}
    for page in generation.pages:
        parts = (page.content, *(page.generated.marked if page.generated else ()), "\0", *shown.get(page.src_uri, []))
        digests[page.src_uri] = generation.memo.get(("digest", *parts), partial(digest, *parts))
    digests[HOME] = digest(generation.home)  # the hand-written home page shows generated Markdown too
    tagged = [(r.src_uri, r.title, r.tags) for r in site.reports if r.tags]
    key = _site_key(current, config)
    plan = _preview.plan(key, digests, tags_key(tagged))
    current.rebuild = plan
    site_dir = Path(config.site_dir).resolve()
    for output in plan.removed:
        path = Path(output).resolve()
        if path.is_relative_to(site_dir) and path.is_file():
            path.unlink()
    # The tags page is always read: report pages link their tags to a listing the tags plugin has seen.
    reread = {uri for uri, _, _ in tagged} | {TAGS_PAGE} if plan.reread_tagged else {TAGS_PAGE}
    for uri, file in added.items():
        write = plan.must_write(uri) or (uri == TAGS_PAGE and plan.reread_tagged)
        file.is_modified = _modified(file, write, uri in reread)  # type: ignore[method-assign]
    home = files.get_file_from_path(HOME)
    if home is not None and home.src_uri not in added and plan.must_write(HOME):
        home.is_modified = _modified(home, True, False)  # type: ignore[method-assign]
    if plan.everything:
        for file in files.documentation_pages():
            if file.src_uri not in added:
                file.is_modified = _modified(file, True, False)  # type: ignore[method-assign]
    log.info(f"增量预览：{'全部页面' if plan.everything else f'{len(plan.modified)} 个生成页面'}重新生成")
    _reading["now"] = True
    outputs = {uri: file.abs_dest_path for uri, file in added.items()}
    current.remember = lambda: _preview.remember(key, digests, outputs, tags_key(tagged))


def _modified(file: File, write: bool, read: bool) -> Callable[[], bool]:
    """`File.is_modified` for a rebuild: write again, read again (only while MkDocs reads), or keep the output."""
    def is_modified() -> bool:
        return write or (read and _reading["now"]) or not os.path.isfile(file.abs_dest_path)
    return is_modified


def _site_key(current: BuildState, config: MkDocsConfig) -> str:
    """What every page depends on: mkdocs.yml, collection.yml, the theme's templates, the edition, Huibian."""
    from importlib.metadata import version

    parts: list[str | bytes] = [code_digest(), version("mkdocs-material"), repr(current.settings), str(current.root),
                                config.site_dir]
    for path in (Path(config.config_file_path), current.root / REPORTS_DIR / COLLECTION_FILE):
        parts.append(path.read_bytes() if path.is_file() else b"")
    custom_dir = config.theme.custom_dir  # the theme's own templates change only with its version
    for folder in [custom_dir] if custom_dir else []:
        for template in sorted(Path(folder).rglob("*")):
            if template.is_file():
                stat = template.stat()
                parts.append(f"{template}\0{stat.st_mtime_ns}\0{stat.st_size}")
    return digest(*parts)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """Add the generated part of the home page below its own text; in `mkdocs serve` (or with
    HUIBIAN_SHOW_FINDINGS=1), list a report's findings at the top of its page."""
    current = _state.get("current")
    generation = current.generation if current else None
    if generation is not None and page.file.src_uri == HOME and page.file.generated_by is None:
        return with_home(markdown, generation)
    report_id = page.meta.get("huibian_report")
    if current is None or generation is None or not report_id:
        return markdown
    if not (current.settings.serving or current.settings.show_findings):
        return markdown
    report = generation.reports_by_id.get(report_id)
    findings = generation.findings_by_path.get(report.source, []) if report else []
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
    """Finish a generated page's HTML (huibian.generate.finish_page_html)."""
    if page.file.generated_by is None:
        return html
    current = _state.get("current")
    generation = current.generation if current else None
    return finish_page_html(html, generation.generated.get(page.file.src_uri) if generation else None)


def on_post_build(config: MkDocsConfig) -> None:
    """The finish step over the built site: PDFs, catalog, search index."""
    current = state()
    if current.generation is None:
        return
    site_dir = Path(config.site_dir)
    if current.rebuild is not None and current.remember is not None:
        # Live preview: the browser reloads when this returns; the search index and catalog follow
        # a moment later in a thread (joined before the next rebuild starts).
        _keep_tags_json(current.rebuild, site_dir)
        current.remember()
        generation = current.generation
        thread = threading.Thread(target=_finish_quietly, args=(generation, site_dir), daemon=True)
        _finishing["thread"] = thread
        thread.start()
        return
    try:
        finish(current.generation, site_dir, log)
    except GenerationError as problem:
        raise Abort(str(problem)) from problem
    if (shared := current.shared_blocks) is not None:
        log.debug(f"主题区块（标签栏、导航、配置）：{shared.reused} 次沿用已渲染的")


_finishing: dict[str, threading.Thread | None] = {"thread": None}


def _finish_quietly(generation: Generation, site_dir: Path) -> None:
    gc.collect()  # before the search index: when its line is logged, the rebuild has settled
    gc.enable()
    try:
        finish(generation, site_dir, log)
    except GenerationError as problem:
        log.error(str(problem))
    except OSError as problem:
        log.error(f"全文检索索引或 catalog.json 未能写入：{describe(problem)}")


def on_serve(server: Any) -> Any:
    """Under the live preview, learn of saved files from the operating system (inotify on Linux) instead
    of MkDocs' polling, which lists every watched file twice a second: at 5,000 reports each pass costs
    0.12 s of CPU and slows the rebuild it runs beside, and a save is seen only 0.35–0.76 s later.

    Polling stays where the system has no notifications or too few of them for the watched folders.
    """
    watched = getattr(server, "_watched_paths", None)
    if not state().settings.incremental or not isinstance(watched, dict):
        return server
    observer = changes_observer([state().root / REPORTS_DIR, *map(Path, watched)])
    if observer is None:
        return server
    counts = dict(watched)
    for path, count in counts.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = observer
    for path, count in counts.items():
        for _ in range(count):
            server.watch(path)
    return server


def on_build_error() -> None:
    """A failed rebuild of the live preview: collect garbage again (`on_files` turned the collector off)."""
    gc.enable()


def wait_for_finish() -> None:
    """Wait until the last preview rebuild's search index and catalog are written."""
    thread, _finishing["thread"] = _finishing["thread"], None
    if thread is not None:
        thread.join()


def _keep_tags_json(plan: RebuildPlan, site_dir: Path) -> None:
    """Material's tags plugin writes tags.json from the pages it read: after a rebuild that read only
    some, put back the one written when every tagged page was read."""
    path = site_dir / "tags.json"
    if plan.reread_tagged:
        _preview.tags_json = path.read_bytes() if path.is_file() else None
    elif _preview.tags_json is not None:
        path.write_bytes(_preview.tags_json)
