"""Checking a whole collection (or some of its files) without building a site."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from huibian import rules
from huibian.collection import COLLECTION_FILE, Collection, load_collection
from huibian.displayed_text import check_displayed_fields
from huibian.findings import Finding
from huibian.links import check_links
from huibian.lint import LintSettings, lint_settings
from huibian.lint_cache import CACHE_FILE, LintCache
from huibian.parent_death import die_with_parent
from huibian.pdf.config import read_pdf_config
from huibian.recycled import CACHE_FILE as RECYCLED_CACHE_FILE
from huibian.recycled import Analysis, Fingerprint, RecycledCache, analyse, recycled_settings
from huibian.recycled import findings as recycled_findings
from huibian.report import Report, read_report

REPORTS_DIR = "reports"

ReportCheck = Callable[[Report, Collection], list[Finding]]
"""A rule set applied to every valid report after the linter (whose results are cached)."""

REPORT_CHECKS: list[ReportCheck] = [check_links, check_displayed_fields]


@dataclass
class CheckResult:
    collection: Collection | None
    reports: list[Report] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    unchanged: int = 0
    """Reports whose lint findings came from the previous run's (`huibian.lint_cache`)."""
    fingerprints: dict[str, Fingerprint] = field(default_factory=dict)
    """Each report's passages (by source path), for the recycled-text analysis of an edition."""
    recycled: Analysis | None = None
    """Recycled text among all reports (`huibian.recycled`)."""


def find_root(start: Path) -> Path | None:
    """The project folder: the nearest folder at or above `start` holding reports/collection.yml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / REPORTS_DIR / COLLECTION_FILE).is_file():
            return folder
    return None


def report_files(reports_dir: Path) -> list[Path]:
    # Sorting by parts is the order of paths, without comparing Path objects.
    return sorted((p for p in reports_dir.rglob("*.md") if p.is_file()), key=lambda p: p.parts)


def display_path(path: Path, root: Path) -> str:
    """A file's path as users see it: relative to the project root (resolved), else as given."""
    return _locate([path], root)[0][0]


def _locate(paths: list[Path], root: Path) -> list[tuple[str, Path | None]]:
    """`display_path` of every file, and where it really is when that is outside the project (else None).

    Each folder is resolved once, a file itself only if it is a link. A file outside the project
    (a link, or in a linked folder) is shown by the path it was found at.
    """
    resolved_root = root.resolve()
    folders: dict[Path, Path] = {}
    located: list[tuple[str, Path | None]] = []
    for path in paths:
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = path.parent.resolve()
        resolved = path.resolve() if path.is_symlink() else folder / path.name
        try:
            located.append((resolved.relative_to(resolved_root).as_posix(), None))
        except ValueError:
            try:
                shown = path.absolute().relative_to(root.absolute()).as_posix()
            except ValueError:
                shown = path.as_posix()
            located.append((shown, resolved))
    return located


def check_collection(root: Path, only: Iterable[Path] | None = None, jobs: int | None = None,
                     remember_reads: bool = False) -> CheckResult:
    """Load the collection and every report under `root/reports`; validate all of them.

    With `only`, findings are limited to those files, but the whole collection is still read
    so that cross-report rules (duplicates) see every report. `jobs` worker processes share
    a large collection (default: one per core; 1 = in this process). `remember_reads` keeps each
    file's result in this process, and the next call with it checks only the files that changed
    (a live preview's rebuilds, in this process).
    """
    reports_dir = root / REPORTS_DIR
    shown = display_path(reports_dir / COLLECTION_FILE, root)
    collection, findings = _load_remembered(reports_dir, shown) if remember_reads else load_collection(reports_dir, shown)
    result = CheckResult(collection, [], list(findings))
    if collection is None:
        return result
    settings, settings_findings = lint_settings(collection)
    result.findings = [f for f in result.findings if not settings.ignored(f)]  # e.g. C006 under `lint: ignore:`
    result.findings.extend(settings_findings)
    result.findings.extend(read_pdf_config(collection, root)[1])  # the `pdf:` section (P003, P005)
    wanted = None if only is None else {display_path(p, root) for p in _expand(only)}
    # Reports outside `only` are read for cross-report rules (duplicates) but not linted.
    files = report_files(reports_dir)
    jobs_list = []
    per_file: dict[str, list[Finding]] = {}
    for path, (source, outside) in zip(files, _locate(files, root), strict=True):
        if outside is None:
            jobs_list.append((path, source, wanted is None or source in wanted))
        else:  # never read: its text would be published as if it were part of the project
            per_file[source] = [rules.OUTSIDE_PROJECT.finding(source, target=outside.as_posix())]
    # A live preview's later rebuilds check a few changed files: the cache files would cost more than they save.
    on_disk = not (remember_reads and _checked)
    cache = LintCache(root / CACHE_FILE if on_disk else None, collection)
    prints = RecycledCache(root / RECYCLED_CACHE_FILE if on_disk else None)
    for checked in _check_files(jobs_list, collection, settings, cache, prints, jobs, remember_reads):
        if checked.report is not None and checked.fingerprint is not None:
            prints.keep(checked.report, checked.fingerprint)
            result.fingerprints[checked.report.source] = checked.fingerprint
        if checked.report is not None:
            result.reports.append(checked.report)
            if checked.linted is None:
                cache.keep_unlinted(checked.report)
            else:
                cache.keep(checked.report, checked.linted)
        result.unchanged += checked.unchanged
        per_file[checked.source] = checked.findings
    cache.save()
    prints.save()
    for report, finding in _duplicates(result.reports):
        per_file[report.source].append(finding)
    _check_recycled(root, result, per_file, settings, remember_reads)
    for source, found in per_file.items():
        if wanted is None or source in wanted:
            result.findings.extend(found)
    result.findings.sort(key=lambda f: (f.path, f.line, f.col, f.code))
    return result


_analyses: dict[Path, Analysis] = {}
"""Project -> its last recycled-text analysis, kept by `check_collection(remember_reads=True)`."""


def _check_recycled(root: Path, result: CheckResult, per_file: dict[str, list[Finding]], settings: LintSettings,
                    remember: bool) -> None:
    """Recycled text among all reports: R001–R003 above the threshold of `review: recycled:`."""
    assert result.collection is not None
    config, problems = recycled_settings(result.collection)
    result.findings.extend(problems)
    result.recycled = analyse(result.reports, result.fingerprints, config, _analyses.get(root) if remember else None)
    if remember:
        _analyses[root] = result.recycled
    by_source = {report.source: report for report in result.reports}
    for finding in recycled_findings(result.recycled, result.collection):
        per_file[finding.path].extend(settings.apply([finding], by_source[finding.path]))


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 400
_context: dict[str, Any] = {}


class Checked(NamedTuple):
    source: str
    report: Report | None
    findings: list[Finding]
    linted: list[Finding] | None = None
    """The linter's findings alone (None: not linted)."""
    unchanged: bool = False
    """The linter's findings came from the cache."""
    fingerprint: Fingerprint | None = None
    """The report's passages, for the recycled-text analysis (`huibian.recycled`)."""


_collections: dict[Path, tuple[bytes, Collection | None, list[Finding]]] = {}
"""collection.yml -> (its bytes, what load_collection made of them), kept by `check_collection(remember_reads=True)`."""


def _load_remembered(reports_dir: Path, shown: str) -> tuple[Collection | None, list[Finding]]:
    """`load_collection`, or what it gave this process for the same bytes."""
    path = reports_dir / COLLECTION_FILE
    try:
        data = path.read_bytes()
    except OSError:
        return load_collection(reports_dir, shown)
    known = _collections.get(path)
    if known is None or known[0] != data:
        known = _collections[path] = (data, *load_collection(reports_dir, shown))
    return known[1], list(known[2])


_checked: dict[str, tuple[tuple[object, ...], Checked]] = {}
"""source -> (the file's identity on disk and what it was checked under, the result), kept by
`check_collection(remember_reads=True)`: the rebuilds of a live preview check only the files that changed."""


def _identity(path: Path, lint: bool, collection: Collection) -> tuple[object, ...] | None:
    """What a file's check depends on besides Huibian's code: its bytes (known by their stat, as make and
    git know them), whether it is linted, and collection.yml. None if the file cannot be looked at."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return str(path), stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino, lint, collection.digest


def _check_remembered(job: tuple[Path, str, bool]) -> Checked:
    """`_check_one`, or what it gave this process for the same file, unchanged since."""
    path, source, lint = job
    identity = _identity(path, lint, _context["collection"]) if _context["collection"].digest else None
    known = _checked.get(source)
    if identity is not None and known is not None and known[0] == identity:
        return known[1]._replace(findings=list(known[1].findings), unchanged=True)
    checked = _check_one(job)
    if identity is not None:
        _checked[source] = (identity, checked._replace(findings=list(checked.findings)))
    return checked


def _check_one(job: tuple[Path, str, bool]) -> Checked:
    path, source, lint = job
    collection, settings, cache = _context["collection"], _context["settings"], _context["cache"]
    report, found = read_report(path, source, collection)
    if report is None:
        return Checked(source, report, found)
    if not lint:
        return Checked(source, report, found, fingerprint=_context["prints"].lookup(report))
    linted, unchanged = cache.lint(report, collection)
    found.extend(linted)
    for check in REPORT_CHECKS:
        found.extend(check(report, collection))
    # After linting: the fingerprint leaves out the headings the linter's outline found.
    return Checked(source, report, settings.apply(found, report), linted, unchanged, _context["prints"].lookup(report))


def _check_files(
    jobs_list: list[tuple[Path, str, bool]], collection: Collection, settings: LintSettings, cache: LintCache,
    prints: RecycledCache, jobs: int | None, remember: bool = False,
) -> list[Checked]:
    """Read, lint and fingerprint every file, in order; forked workers share the work of a large collection."""
    _context.update(collection=collection, settings=settings, cache=cache, prints=prints)
    if remember:
        return [_check_remembered(job) for job in jobs_list]
    workers = min(jobs or os.cpu_count() or 1, len(jobs_list) // (PARALLEL_FROM // 2) or 1)
    if workers <= 1 or len(jobs_list) < PARALLEL_FROM:
        return [_check_one(job) for job in jobs_list]
    import multiprocessing  # only here: importing it costs more than checking a small collection

    if "fork" not in multiprocessing.get_all_start_methods():
        return [_check_one(job) for job in jobs_list]
    with multiprocessing.get_context("fork").Pool(workers, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        return pool.map(_check_one, jobs_list, chunksize=max(1, len(jobs_list) // (workers * 8)))


def _expand(paths: Iterable[Path]) -> list[Path]:
    expanded: list[Path] = []
    for path in paths:
        expanded.extend(report_files(path) if path.is_dir() else [path])
    return expanded


def _duplicates(reports: list[Report]) -> list[tuple[Report, Finding]]:
    """Flag every report whose (unit, period, kind) an earlier file already holds."""
    first: dict[tuple[str, str, str], Report] = {}
    found = []
    for report in reports:
        report.suffix = ""  # a report kept from an earlier check may have been a duplicate then
        slot = (report.unit, report.period.code, report.kind)
        if slot in first:
            other = first[slot]
            report.suffix = "-" + Path(report.source).stem
            found.append((report, rules.DUPLICATE_REPORT.finding(
                report.source, report.line_of("unit"), 1, other=other.source, unit=report.unit,
                period=report.period.code, kind=report.kind,
            )))
        else:
            first[slot] = report
    return found


def audience_from_environment() -> str:
    """HUIBIAN_AUDIENCE: `internal` (the default) or `public`; a ValueError with a Chinese message otherwise."""
    audience = os.environ.get("HUIBIAN_AUDIENCE", "internal").strip().lower() or "internal"
    if audience not in ("internal", "public"):
        raise ValueError(f"HUIBIAN_AUDIENCE 只能是 internal 或 public，而不是“{audience}”")
    return audience


def published(reports: list[Report], audience: str) -> list[Report]:
    """The reports an edition may show: the public edition shows only public, final reports."""
    if audience == "public":
        return [r for r in reports if r.is_public]
    return list(reports)


def edition_recycled(result: CheckResult, reports: list[Report]) -> Analysis | None:
    """Recycled text among the reports an edition publishes: computed among them alone, so it never names another."""
    if result.collection is None or result.recycled is None:
        return None
    if len(reports) == len(result.reports):
        return result.recycled
    return analyse(reports, result.fingerprints, result.recycled.settings)
