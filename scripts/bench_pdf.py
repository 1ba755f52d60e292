#!/usr/bin/env python3
"""PDF benchmark: Huibian's renderer against bare WeasyPrint on the same HTML, side by side.

    python scripts/bench_pdf.py                     # N=40 reports (scripts/gen_corpus.py), prints Markdown
    python scripts/bench_pdf.py --markdown docs/benchmarks-pdf.md
    python scripts/bench_pdf.py --smoke             # N=10, quick

Measured in one run, on one corpus, with wall time and CPU time (user + system, this process
and its workers), each the median of --repeat runs:

1. bare WeasyPrint: every bundle's HTML rendered with `HTML(string).write_pdf()` one after the
   other, the CSS naming the system font families (WeasyPrint subsets the full CJK faces itself);
2. Huibian, --jobs 1, system fonts (no pre-subsetting), empty cache;
3. Huibian, --jobs 1, fonts subset once per build (the default), empty cache; the same without
   justifying Chinese lines (`render_bundles(justify_chinese=False)`), and the ratio of the two;
4. Huibian, --jobs 2, default, empty cache;
5. Huibian, --jobs 2, after one report changed (warm cache): how many bundles re-rendered;
6. at a second, larger size (--scale-n, default 200 reports: long compilations split into volumes):
   the full build, a build with nothing changed, and the rebuild after one report changed, with
   a small edit and with an edit that adds pages, each as a share of the full build, and the
   peak memory of a worker.

Huibian also writes each bundle's Word file, which bare WeasyPrint does not: every Huibian row gives
the CPU its Word files took, and its ratio to the baseline (bare WeasyPrint) counts the PDFs alone.

Rebuilds take seconds and this shared machine's noise is large, so each rebuild figure (5 and
the rows after the full build in 6) is the median of 3, each after a new edit of the report.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from huibian.check import check_collection, published  # noqa: E402
from huibian.pdf import plan_bundles, read_pdf_config  # noqa: E402
from huibian.pdf.assemble import Assembler  # noqa: E402
from huibian.pdf.fonts import css_families, resolve_faces  # noqa: E402
from huibian.pdf.render import BundleResult, RenderSummary, render_bundles  # noqa: E402
from huibian.pdf.style import stylesheet  # noqa: E402
from huibian.site import SiteModel  # noqa: E402


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(action: Callable[[], object]) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = action()
    return time.perf_counter() - wall, cpu_seconds() - cpu, result


def make_corpus(n: int, work: Path) -> Path:
    root = work / f"corpus-{n}"
    if not (root / "reports" / "collection.yml").is_file():
        subprocess.run([sys.executable, str(REPO / "scripts" / "gen_corpus.py"), str(n), str(root), "--clean"],
                       check=True, capture_output=True)
    return root


def load(root: Path):  # type: ignore[no-untyped-def]
    result = check_collection(root)
    assert result.collection is not None
    config, _ = read_pdf_config(result.collection)
    site = SiteModel(result.collection, published(result.reports, "internal"))
    return result.collection, config, plan_bundles(site, config)


def bare_weasyprint(root: Path, out: Path) -> int:
    """Every bundle's HTML through plain WeasyPrint, sequentially; returns the page count."""
    from weasyprint import CSS, HTML

    collection, config, bundles = load(root)
    faces = resolve_faces(config.fonts, root)
    css = CSS(string=stylesheet(css_families(False, faces)))
    assembler = Assembler(collection, root)
    pages = 0
    out.mkdir(parents=True, exist_ok=True)
    for number, bundle in enumerate(bundles):
        document = HTML(string=assembler.document(bundle).whole(), base_url=root.as_uri() + "/").render(
            stylesheets=[css])
        document.write_pdf(out / f"{number}.pdf")
        pages += len(document.pages)
    return pages


def huibian(root: Path, out: Path, cache: Path, jobs: int, subset: bool, justified: bool = True) -> RenderSummary:
    collection, config, bundles = load(root)
    return render_bundles(bundles, collection, config, root, out, jobs=jobs, subset_fonts=subset, cache_dir=cache,
                          justify_chinese=justified)


def pages_of(summary: RenderSummary) -> int:
    return sum(r.pages for r in summary.results)


REBUILDS = 3  # a rebuild takes seconds and this shared machine's noise is large: median of this many


def rebuilds(project: Path, site: Path, cache: Path, edit: Callable[[int], object], times: int,
             ) -> tuple[float, float, RenderSummary]:
    """Median wall and CPU of `times` builds (--jobs 2), each after `edit(attempt)`; the last build's summary."""
    walls, cpus = [], []
    for attempt in range(times):
        edit(attempt)
        wall, cpu, outcome = timed(lambda: huibian(project, site, cache, 2, True))
        walls.append(wall)
        cpus.append(cpu)
    assert isinstance(outcome, RenderSummary)
    return statistics.median(walls), statistics.median(cpus), outcome


def add_sentence(report: Path) -> Callable[[int], object]:
    """An edit that appends a different sentence to `report` each time (so every rebuild has work)."""
    text = report.read_text(encoding="utf-8").rstrip("\n")
    return lambda attempt: report.write_text(f"{text}\n\n本段为基准测试第{attempt + 1}次追加的一句话。\n", encoding="utf-8")


def fresh_results(summary: RenderSummary) -> list[BundleResult]:
    """The bundles this build rendered (not copied from the cache)."""
    return [r for r in summary.results if not r.cached]


def scale(n: int, work: Path) -> list[tuple[str, float, float, int, int]]:
    """Full build, no-change build and two one-report rebuilds of an N-report corpus (--jobs 2).

    Each rebuild row is the median of REBUILDS rebuilds, each after a new edit of the same report.
    """
    root = make_corpus(n, work)
    project, site, cache = work / f"scale-{n}", work / f"scale-{n}-site", work / f"scale-{n}-cache"
    for folder in (project, site, cache):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(root / "reports", project / "reports")
    rows: list[tuple[str, float, float, int, int]] = []

    def build(label: str, edit: Callable[[int], object] | None = None) -> None:
        print(f"N={n}: {label}", file=sys.stderr)
        wall, cpu, summary = rebuilds(project, site, cache, edit or (lambda attempt: None), REBUILDS if edit else 1)
        fresh = fresh_results(summary)
        rows.append((label, wall, cpu, len(fresh), sum(r.pages for r in fresh)))

    build(f"full build, empty cache ({len(load(project)[2])} bundles)")
    build("nothing changed", lambda attempt: None)
    first = next(b for b in load(project)[2] if b.kind == "report").reports[0]
    report = project / first.source
    text = report.read_text(encoding="utf-8").rstrip("\n")
    build(f"one report changed (a sentence added to {first.source})", add_sentence(report))
    paragraph = "本段为基准测试追加的内容，用于让报告增加篇幅，检验页码变化时需要重新生成的范围。"
    build("the same report, about 2,000 characters longer (more pages)",
          lambda attempt: report.write_text(f"{text}\n\n{paragraph * (40 + attempt)}\n", encoding="utf-8"))
    return rows


def scale_in_child(n: int, work: Path) -> tuple[list[tuple[str, float, float, int, int]], float]:
    """`scale` in a fresh process, so the peak memory of its workers is theirs alone."""
    done = subprocess.run([sys.executable, __file__, "--scale-only", str(n), "--work", str(work)],
                          stdout=subprocess.PIPE, text=True, check=True)
    result = json.loads(done.stdout)
    return [tuple(row) for row in result["rows"]], result["peak_mb"]  # type: ignore[misc]


BASELINE = "bare WeasyPrint, sequential, system fonts"
JUSTIFIED = "Huibian --jobs 1, fonts subset once, empty cache"
RAGGED = "Huibian --jobs 1, fonts subset once, empty cache, lines not justified"


@dataclass
class Row:
    """One measured run of the main table; `word_cpu` is None for the baseline, which writes no Word files."""

    label: str
    wall: float
    cpu: float
    word_cpu: float | None
    pages: int
    note: str

    @property
    def pdf_cpu(self) -> float:
        return self.cpu - (self.word_cpu or 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=40, help="reports in the generated corpus (default 40)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the median is reported")
    parser.add_argument("--smoke", action="store_true", help="N=10, one run, no larger size")
    parser.add_argument("--scale-n", type=int, nargs="*", default=[200, 1000],
                        help="larger sizes for the rebuilds (default 200 1000; none: skip)")
    parser.add_argument("--scale-only", type=int, default=0, help=argparse.SUPPRESS)  # scale_in_child's child
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    parser.add_argument("--markdown", type=Path, default=None, help="write the Markdown here (default: stdout)")
    args = parser.parse_args()
    n, repeat = (10, 1) if args.smoke else (args.n, max(1, args.repeat))
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.scale_only:
        rows_only = scale(args.scale_only, work)
        print(json.dumps({"rows": rows_only, "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
        return 0
    root = make_corpus(n, work)
    _, _, bundles = load(root)
    rows: list[Row] = []

    def measure(label: str, action: Callable[[Path], tuple[int, str, float | None]]) -> None:
        walls, cpus, words, pages, note = [], [], [], 0, ""
        for attempt in range(repeat):
            scratch = work / f"run-{len(rows)}-{attempt}"
            shutil.rmtree(scratch, ignore_errors=True)
            wall, cpu, outcome = timed(lambda scratch=scratch: action(scratch))
            pages, note, word = outcome  # type: ignore[misc]
            walls.append(wall)
            cpus.append(cpu)
            words.append(word)
            shutil.rmtree(scratch, ignore_errors=True)
        word_cpu = None if words[0] is None else statistics.median(w for w in words if w is not None)
        rows.append(Row(label, statistics.median(walls), statistics.median(cpus), word_cpu, pages, note))
        print(f"{label}: {statistics.median(walls):.1f} s wall, {statistics.median(cpus):.1f} s CPU, {pages} pages",
              file=sys.stderr)

    def run_huibian(jobs: int, subset: bool, justified: bool = True) -> Callable[[Path], tuple[int, str, float | None]]:
        def action(scratch: Path) -> tuple[int, str, float | None]:
            summary = huibian(root, scratch / "site", scratch / "cache", jobs, subset, justified)
            return pages_of(summary), f"{summary.rendered} rendered", summary.word_seconds[1]
        return action

    measure(BASELINE, lambda s: (bare_weasyprint(root, s), f"{len(bundles)} PDFs", None))
    measure("Huibian --jobs 1, system fonts, empty cache", run_huibian(1, False))
    measure(JUSTIFIED, run_huibian(1, True))
    measure(RAGGED, run_huibian(1, True, False))
    measure("Huibian --jobs 2, fonts subset once, empty cache", run_huibian(2, True))

    # The rebuild: warm the cache untimed, then change one report and time the next build, each time anew.
    scratch = work / "rebuild"
    shutil.rmtree(scratch, ignore_errors=True)
    project, site, cache = scratch / "project", scratch / "site", scratch / "cache"
    shutil.copytree(root / "reports", project / "reports")
    huibian(project, site, cache, 2, True)
    first = next(b for b in bundles if b.kind == "report").reports[0]  # a bundled (non-draft) report
    times = 1 if args.smoke else REBUILDS
    wall, cpu, summary = rebuilds(project, site, cache, add_sentence(project / first.source), times)
    fresh = fresh_results(summary)
    rows.append(Row(f"Huibian --jobs 2, one report changed, warm cache (median of {times})", wall, cpu,
                    summary.word_seconds[1], sum(r.pages for r in fresh),
                    f"{len(fresh)} of {len(summary.results)} re-rendered"))
    shutil.rmtree(scratch, ignore_errors=True)

    scales = [] if args.smoke else [(size, *scale_in_child(size, work)) for size in args.scale_n]

    import weasyprint

    lines = [
        f"Corpus: `scripts/gen_corpus.py {n} --clean` ({len(bundles)} bundles of every kind; drafts are not bundled). "
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"WeasyPrint {weasyprint.__version__}. Median of {repeat} run(s); CPU = user + system of the process "
        "and its workers (the machine is shared, so CPU time is the steadier figure).",
        "",
        "| run | wall | CPU | of which Word files (CPU) | PDF CPU against the baseline | pages | pages/s (wall) | note |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    baseline = next(row for row in rows if row.label == BASELINE)
    for row in rows:
        rate = f"{row.pages / row.wall:.1f}" if row.pages and row.wall else "–"
        word = "–" if row.word_cpu is None else f"{row.word_cpu:.1f} s"
        ratio = "1.00× (baseline)" if row is baseline else f"{row.pdf_cpu / baseline.cpu:.2f}×"
        lines.append(f"| {row.label} | {row.wall:.1f} s | {row.cpu:.1f} s | {word} | {ratio} | {row.pages} | {rate} "
                     f"| {row.note} |")
    justified, ragged = (next(row for row in rows if row.label == label) for label in (JUSTIFIED, RAGGED))
    lines += ["", f"Justifying Chinese lines: PDF CPU {justified.pdf_cpu / ragged.pdf_cpu:.2f}× that of the same build "
              "with lines left ragged (Word files excluded; justifying moves no line break, so the pages are the same)."]
    for size, scale_rows, peak in scales:
        lines += ["", f"At N={size:,} (`scripts/gen_corpus.py {size} --clean`; compilations longer than "
                  "about 300 pages are split into volumes), --jobs 2; the full build once, each other row the median of "
                  f"{REBUILDS} rebuilds, each after a new edit of the same report:", "",
                  "| run | wall | CPU | bundles rendered | pages rendered | wall, share of the full build |",
                  "|---|---:|---:|---:|---:|---:|"]
        full_wall = scale_rows[0][1]
        for label, wall, cpu, bundles_done, pages in scale_rows:
            lines.append(f"| {label} | {wall:.1f} s | {cpu:.1f} s | {bundles_done} | {pages} | {100 * wall / full_wall:.1f} % |")
        lines += ["", f"Peak memory of a render worker at N={size:,}: {peak:.0f} MB."]
    text = "\n".join(lines) + "\n"
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
