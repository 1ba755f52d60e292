"""Render bundles to PDF: a content-hash cache, parallel worker processes, a progress bar.

Each bundle is rendered in its own forked process (at most `jobs` at a time) into the cache
folder, then copied to the output. A worker that crashes fails only its bundle; the cache holds
only complete files (written as `.partial`, then renamed), so the next build picks up cleanly.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import shutil
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, TextIO

from huibian.code_version import code_digest
from huibian.collection import Collection
from huibian.findings import Finding
from huibian.parent_death import die_with_parent
from huibian.pdf.assemble import Assembler, Document, fill_front
from huibian.pdf.config import PdfConfig
from huibian.pdf.fonts import (
    FontSet,
    character_set,
    css_families,
    file_digest,
    office_families,
    prepare_fonts,
    resolve_faces,
)
from huibian.pdf.fragments import FragmentCache
from huibian.pdf.plan import Bundle
from huibian.pdf.style import stylesheet
from huibian.site import within_site
from huibian.word import word_faces, write_docx

CACHE_DIR = Path(".cache") / "huibian" / "pdf"


@dataclass
class BundleResult:
    """One bundle's outcome; `entry()` is its line in bundles.json."""

    name: str
    path: str
    title: str
    reports: list[str]
    pages: int = 0
    bytes: int = 0
    sha256: str = ""
    cached: bool = False
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    docx: dict[str, object] = field(default_factory=dict)
    """The Word file: path, bytes, sha256."""

    def entry(self) -> dict[str, object]:
        return {"path": self.path, "title": self.title, "reports": self.reports, "pages": self.pages,
                "bytes": self.bytes, "sha256": self.sha256, "docx": self.docx}


@dataclass
class RenderSummary:
    results: list[BundleResult]
    findings: list[Finding]
    rendered: int = 0
    cached: int = 0
    word_seconds: tuple[float, float] = (0.0, 0.0)
    """Wall and CPU time spent writing the Word files that were not in the cache."""

    @property
    def warnings(self) -> list[str]:
        """Resources WeasyPrint was refused (raw HTML in reports), once each, cached bundles included."""
        return sorted({w for r in self.results for w in r.warnings})

    @property
    def failed(self) -> list[BundleResult]:
        return [r for r in self.results if r.error]

    def manifest(self) -> dict[str, list[dict[str, object]]]:
        return {"bundles": [r.entry() for r in self.results if not r.error]}


@dataclass
class Job:
    bundle: Bundle
    html: str
    front: str
    key: str
    cached_pdf: Path


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def render_bundles(
    bundles: Sequence[Bundle], collection: Collection, config: PdfConfig, root: Path, out_dir: Path,
    jobs: int = 0, subset_fonts: bool = True, progress: TextIO | None = None,
    cache_dir: Path | None = None, justify_chinese: bool = True,
) -> RenderSummary:
    """Render `bundles` into `out_dir/<bundle.path>`; unchanged bundles come from the cache.

    `justify_chinese=False` leaves Chinese lines ragged, as WeasyPrint sets them (scripts/bench_pdf.py
    measures what justifying costs).
    """
    root = root.resolve()
    jobs = jobs or default_jobs()
    cache = (cache_dir or root / CACHE_DIR).resolve()
    fragments = FragmentCache(cache / "fragments", root)
    assembler = Assembler(collection, root, fragments)
    documents = [assembler.document(b) for b in bundles]
    faces = resolve_faces(config.fonts, root)
    # One character set for all bundles: the fonts are subset once per build, not once per PDF.
    charset = character_set(_all_reports_text(bundles, collection))
    fonts = prepare_fonts(faces, charset, cache / "fonts", subset=subset_fonts, jobs=jobs)
    css = fonts.css + "\n" + stylesheet(css_families(subset_fonts, faces))
    if not justify_chinese:
        css += "\n/* Chinese lines left ragged */"  # part of the cache key: such PDFs are never reused as justified
    work = [_job(d, css, fonts, cache) for d in documents]
    results = {j.bundle.name: _result(j.bundle) for j in work}
    # Largest first: the whole-collection bundle must not start last and leave the other worker idle.
    todo = sorted((j for j in work if not j.cached_pdf.is_file()), key=lambda j: -len(j.html))
    fresh = {j.bundle.name for j in todo}
    bar = Progress(len(work), progress)
    for job in work:
        if job.bundle.name not in fresh:
            bar.step(job.bundle.name, "缓存")
    _run(todo, css, root, jobs, lambda job, outcome: _finish(job, outcome, results, bar), justify_chinese)
    summary = RenderSummary(list(results.values()), assembler.findings())
    for job in work:
        result = results[job.bundle.name]
        if not within_site(job.bundle.path):  # ids are checked (C007); never write outside out_dir anyway
            result.error = f"{job.bundle.name}：拒绝写入输出目录以外的位置“{job.bundle.path}”，请检查 collection.yml 中的编号"
        if result.error:
            continue
        result.cached = job.bundle.name not in fresh
        target = out_dir / job.bundle.path
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        shutil.copyfile(job.cached_pdf, partial)
        partial.replace(target)
        meta = json.loads(job.cached_pdf.with_suffix(".json").read_text(encoding="utf-8"))
        result.pages, result.bytes, result.sha256 = meta["pages"], meta["bytes"], meta["sha256"]
        result.warnings = meta.get("warnings", [])
    summary.word_seconds = _write_word_files(work, results, word_faces(office_families(config.fonts, faces)), root, out_dir)
    _prune(cache, [j.cached_pdf for j in work] + [j.cached_pdf.with_suffix(".docx") for j in work]
           + list(fonts.files) + fragments.used)
    summary.rendered = sum(1 for r in summary.results if not r.cached and not r.error)
    summary.cached = sum(1 for r in summary.results if r.cached)
    bar.done(summary)
    return summary


def _write_word_files(work: list[Job], results: dict[str, BundleResult], faces: dict[str, str], root: Path,
                      out_dir: Path) -> tuple[float, float]:
    """Each rendered bundle's Word file next to its PDF, from the cache when its inputs are unchanged.

    Returns the wall and CPU time the new files took (they are written in this process).
    """
    import time

    wall = cpu = 0.0
    for job in work:
        result = results[job.bundle.name]
        if result.error:
            continue
        cached = job.cached_pdf.with_suffix(".docx")
        if not cached.is_file():
            started, started_cpu = time.perf_counter(), time.process_time()
            data = write_docx(job.html, job.front, faces, root)
            wall += time.perf_counter() - started
            cpu += time.process_time() - started_cpu
            partial = cached.with_name(cached.name + f".{os.getpid()}.partial")
            partial.write_bytes(data)
            partial.replace(cached)
        target = out_dir / job.bundle.docx_path
        partial = target.with_name(target.name + ".partial")
        shutil.copyfile(cached, partial)
        partial.replace(target)
        result.docx = {"path": job.bundle.docx_path, "bytes": target.stat().st_size, "sha256": file_digest(target)}
    return wall, cpu


KEEP_DAYS = 30


def _prune(cache: Path, used: list[Path]) -> None:
    """Mark what this build used, and delete cache files no build has used for KEEP_DAYS days.

    Age, not "unused by this build", decides: the internal and public editions, shards and
    single-bundle runs share the cache without evicting each other.
    """
    import time

    for path in used:
        for item in (path, path.with_suffix(".json")):
            if item.is_file():
                os.utime(item)
    limit = time.time() - KEEP_DAYS * 86400
    for folder in (cache / "bundles", cache / "fonts", cache / "fragments"):
        for item in folder.glob("*") if folder.is_dir() else ():
            try:
                if item.is_file() and item.stat().st_mtime < limit:
                    item.unlink()
            except OSError:
                continue


def _all_reports_text(bundles: Sequence[Bundle], collection: Collection) -> list[str]:
    texts = {r.id: r.title + r.body for b in bundles for r in b.reports}
    labels = [b.title + b.subtitle + b.issuer for b in bundles]
    names = [u.name + u.short for u in collection.units.values()]
    return [*texts.values(), *labels, *names, collection.title, collection.issuer, "〇一二三四五六七八九十年月日共份报告"]


def _job(document: Document, css: str, fonts: FontSet, cache: Path) -> Job:
    digest = hashlib.sha256()
    for part in (code_digest(), css, fonts.digest, document.html, document.front):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    for image in document.images:
        digest.update(f"{image}:{file_digest(image)}".encode())
    key = digest.hexdigest()
    return Job(document.bundle, document.html, document.front, key, cache / "bundles" / f"{key}.pdf")


def _result(bundle: Bundle) -> BundleResult:
    return BundleResult(bundle.name, bundle.path, bundle.title, [r.id for r in bundle.reports])


def _finish(job: Job, outcome: dict[str, Any], results: dict[str, BundleResult], bar: Progress) -> None:
    result = results[job.bundle.name]
    if outcome.get("error"):
        result.error = f"PDF《{job.bundle.title}》（{job.bundle.path}）生成失败：{outcome['error']}"
        bar.step(job.bundle.name, "失败")
    else:
        bar.step(job.bundle.name, f"{outcome['pages']} 页")


def _run(todo: list[Job], css: str, root: Path, jobs: int,
         finished: Callable[[Job, dict[str, Any]], None], justify_chinese: bool = True) -> None:
    """Render the jobs in `jobs` forked worker processes that live for the whole build.

    Workers inherit the loaded fonts and keep their caches from bundle to bundle; they receive job
    numbers (the jobs themselves are inherited by the fork). A worker that dies fails only the
    bundle it was rendering and is replaced.
    """
    if not todo:
        return
    from huibian.pdf import justify

    justify.install(justify_chinese)  # before forking: the workers inherit it
    _styles(css, root, todo[0].cached_pdf.parent.parent / "fonts")  # load fonts once, before forking
    context = get_context("fork")
    pending = list(range(len(todo)))
    busy: dict[Any, tuple[Any, Connection, int]] = {}  # connection -> (process, connection, job number)

    def start() -> None:
        mine, theirs = context.Pipe(duplex=True)
        process = context.Process(target=_serve, args=(todo, css, root, theirs, os.getpid()), daemon=True)
        process.start()
        theirs.close()
        give(process, mine)

    def give(process: Any, connection: Connection) -> None:
        if pending:
            number = pending.pop(0)
            connection.send(number)
            busy[connection] = (process, connection, number)
        else:
            connection.send(None)  # no more work: the worker exits
            connection.close()
            process.join()

    for _ in range(min(jobs, len(pending))):
        start()
    while busy:
        for ready in wait(list(busy)):
            process, connection, number = busy.pop(ready)
            try:
                outcome: dict[str, Any] | None = connection.recv()
            except (EOFError, OSError):
                outcome = None
            if outcome is None:  # the worker died mid-bundle
                connection.close()
                process.join()
                finished(todo[number], {"error": f"渲染进程意外退出（退出码 {process.exitcode}）"})
                if pending:
                    start()
                continue
            finished(todo[number], outcome)
            give(process, connection)


def _serve(todo: list[Job], css: str, root: Path, connection: Connection, parent: int) -> None:
    """A worker: render the job numbers it is sent until it is sent None; it dies with `parent`."""
    die_with_parent(parent)
    while (number := connection.recv()) is not None:
        job = todo[number]
        try:
            outcome = render_one(job, css, root)
        except Exception as exc:  # a failed bundle is reported, and the worker carries on
            outcome = {"error": "".join(traceback.format_exception_only(type(exc), exc)).strip()}
        connection.send(outcome)
    connection.close()


_STYLES: dict[str, tuple[Any, Any]] = {}
# Dropped before the interpreter tears modules down: WeasyPrint's font configuration deletes its
# temporary folder of font copies (~20 MB) when freed, which fails once `shutil` is gone.
# Forked workers end with os._exit, so only the process that made the folder deletes it.
atexit.register(_STYLES.clear)
_WARM_UP = (
    '<section class="hb-cover"><p class="hb-cover-title">汇编</p><p class="hb-cover-issuer">汇编</p></section>'
    '<article class="hb-report"><h1 class="hb-title">汇编 1</h1><h2>一、汇编</h2><h3>（一）汇编</h3>'
    '<p><span class="hb-h2">（一）汇编。</span><span class="hb-h3">1.汇编。</span>汇编 2024</p></article>'
)


def _styles(css: str, root: Path, fonts_dir: Path) -> tuple[Any, Any]:
    """The parsed stylesheet and its font configuration, made once per process and warmed up.

    Made in the parent before forking, so every worker inherits loaded fonts instead of loading
    the CJK faces again for each bundle.
    """
    if css not in _STYLES:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        from huibian.pdf.fetcher import ProjectFetcher

        # Refused resources are reported by the parent (RenderSummary.warnings), cached runs included.
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        fonts = FontConfiguration()  # without it WeasyPrint ignores @font-face
        fetcher = ProjectFetcher(root, fonts=fonts_dir)
        stylesheet = CSS(string=css, base_url=root.as_uri() + "/", url_fetcher=fetcher, font_config=fonts)
        HTML(string=_WARM_UP, url_fetcher=fetcher).render(stylesheets=[stylesheet], font_config=fonts).write_pdf()
        _STYLES.clear()
        _STYLES[css] = (fonts, stylesheet)
    return _STYLES[css]


def render_one(job: Job, css: str, root: Path) -> dict[str, Any]:
    """Render one bundle into the cache: `<key>.pdf` and `<key>.json` (pages, bytes, sha256)."""
    from weasyprint import CSS, HTML

    from huibian.pdf.fetcher import ProjectFetcher

    def blame(url: str) -> str:
        return ", ".join(r.source for r in job.bundle.reports if url in r.body) or job.bundle.path

    fonts_dir = job.cached_pdf.parent.parent / "fonts"
    fonts, stylesheet = _styles(css, root, fonts_dir)
    fetcher = ProjectFetcher(root, blame, fonts=fonts_dir)

    def layout(html: str, *extra: str) -> Any:
        sheets = [stylesheet, *(CSS(string=rule) for rule in extra)]
        return HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=fetcher).render(
            stylesheets=sheets, font_config=fonts)

    if not job.front:
        document = layout(job.html)
    else:
        # The front matter is laid out with placeholder numbers to learn its length, then the body
        # after it, then the front matter again with the start pages the body layout gave.
        front = layout(fill_front(job.front, {}))
        for _ in range(3):  # the numbers are narrower than the placeholders: one round in practice
            first = len(front.pages) + 1
            side = "right" if first % 2 else "left"  # mirrored margins follow the page's real side
            body = layout(job.html, f"@page :first {{ counter-reset: page {first}; }} html {{ break-before: {side}; }}")
            starts: dict[str, int] = {}
            for number, page in enumerate(body.pages):  # an article's anchor is on every page it spans
                for anchor in page.anchors:
                    starts.setdefault(anchor, first + number)
            numbered = layout(fill_front(job.front, starts))
            if len(numbered.pages) == len(front.pages):
                break
            front = numbered
        document = body.copy([*numbered.pages, *body.pages])
    data = document.write_pdf()
    if not isinstance(data, bytes):  # pragma: no cover - write_pdf() without target returns bytes
        raise TypeError("write_pdf returned no bytes")
    meta = {"pages": len(document.pages), "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            "warnings": fetcher.refused}
    job.cached_pdf.parent.mkdir(parents=True, exist_ok=True)
    partial_pdf = job.cached_pdf.with_name(job.cached_pdf.name + f".{os.getpid()}.partial")
    partial_pdf.write_bytes(data)
    meta_path = job.cached_pdf.with_suffix(".json")
    partial_meta = meta_path.with_name(meta_path.name + f".{os.getpid()}.partial")
    partial_meta.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    partial_meta.replace(meta_path)  # metadata first: a PDF in the cache always has its metadata
    partial_pdf.replace(job.cached_pdf)
    return meta


class Progress:
    """A progress bar on stderr (one line per bundle when stderr is not a terminal)."""

    def __init__(self, total: int, stream: TextIO | None) -> None:
        self.total, self.stream, self.count = total, stream, 0
        self.tty = bool(stream is not None and stream.isatty())

    def step(self, name: str, note: str) -> None:
        self.count += 1
        if self.stream is None:
            return
        if self.tty:
            filled = int(30 * self.count / max(self.total, 1))
            self.stream.write(f"\rPDF [{'#' * filled}{'.' * (30 - filled)}] {self.count}/{self.total} {name[:40]:<40}")
        else:
            self.stream.write(f"PDF {self.count}/{self.total} {name}：{note}\n")
        self.stream.flush()

    def done(self, summary: RenderSummary) -> None:
        if self.stream is None:
            return
        if self.tty:
            self.stream.write("\n")
        self.stream.write(f"PDF：{len(summary.results)} 个汇编，新生成 {summary.rendered} 个，"
                          f"沿用缓存 {summary.cached} 个，失败 {len(summary.failed)} 个\n")
        self.stream.flush()


def write_manifest(path: Path, summary: RenderSummary) -> None:
    """`bundles.json` (DESIGN.md contract), written atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(summary.manifest(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    partial.replace(path)

