#!/usr/bin/env python3
"""Benchmarks at real scale, each figure next to its baseline measured in the same run.

    python scripts/bench.py                 # the full run (`make bench`): writes docs/benchmarks.md
    python scripts/bench.py --smoke --out /tmp/b.md   # N=20, one repetition (used by the tests)

What it measures (corpora from scripts/gen_corpus.py, built in a scratch folder):

- site build: `HUIBIAN_PDF=0 mkdocs build` of a Huibian project against bare MkDocs + Material
  building the same Markdown with a plain config (search on, default navigation), for each N;
  wall time, CPU time (user + system), peak RSS (from wait4 of the child), site bytes;
- `huibian check` on the planted corpus (default 10,000 reports): reports per second, and whether
  it found exactly the planted findings;
- PDF and search: scripts/bench_pdf.py and scripts/bench_search.py, when they exist (see
  `run_external`); otherwise the page says "not measured yet";
- where the CPU time goes at the smallest N, step by step, Huibian against the baseline
  (scripts/build_phases.py, `--repeat-small` runs of each);
- where the time of one Huibian build goes (cProfile, --profile-n).

Every measurement is repeated `--repeat` times and the median is reported; builds of up to 100
reports `--repeat-small` times (they take about 2 s, and this shared machine's noise is ±15 %);
sizes above `--repeat-max-n` run once. Builds of Huibian and the baseline alternate, so both see the same load.
The page also gets a plot of build time against N (an SVG written here, no plotting library).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.metadata
import io
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
GEN = REPO / "scripts" / "gen_corpus.py"
STEPS = REPO / "scripts" / "build_phases.py"
BIN = Path(sys.executable).parent
# Figures measured on this machine before this script existed (DESIGN.md section 7), shown only
# where this run skips the baseline, clearly labelled.
EARLIER_BARE = {5000: (636.0, 8.5e9, "10 min 36 s, 8.5 GB of HTML (DESIGN.md §7, measured earlier, not this run)")}


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_mb: float
    returncode: int


@dataclass
class Measure:
    samples: list[Sample] = field(default_factory=list)
    site_bytes: int = 0
    site_files: int = 0
    note: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.samples) and all(s.returncode == 0 for s in self.samples)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def rss_mb(self) -> float:
        return max(s.rss_mb for s in self.samples)


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, log: Path | None = None) -> Sample:
    """Run one child to completion; its own wall time, CPU time and peak RSS (via wait4)."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    sink = open(log or os.devnull, "wb")  # noqa: SIM115 - closed below, after the child exits
    try:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, env=environment, stdout=sink, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
    finally:
        sink.close()
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode)


def generate(n: int, out: Path, *options: str) -> Path:
    if not (out / "planted.json").is_file():
        subprocess.run([sys.executable, str(GEN), str(n), str(out), *options], check=True, capture_output=True)
    return out


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def build(project: Path, measure: Measure, huibian: bool, log: Path) -> None:
    site = project / "site"
    if site.exists():
        shutil.rmtree(site)
    env = {"HUIBIAN_PDF": "0"} if huibian else {}
    sample = run([str(BIN / "mkdocs"), "build", "-q"], project, env, log)
    measure.samples.append(sample)
    if sample.returncode == 0:
        measure.site_bytes, measure.site_files = folder_size(site)
    else:
        measure.note = f"build failed, see {log}"


@dataclass
class BuildRow:
    n: int
    runs: int
    huibian: Measure
    bare: Measure | None
    bare_earlier: tuple[float, float, str] | None = None


SMALL_N = 100


def bench_builds(sizes: list[int], repeat: int, repeat_small: int, repeat_max_n: int, bare_max_n: int,
                 work: Path) -> list[BuildRow]:
    rows = []
    for n in sizes:
        runs = repeat_small if n <= SMALL_N else repeat if n <= repeat_max_n else 1
        h_project = generate(n, work / f"huibian-{n}", "--clean")
        b_project = generate(n, work / f"bare-{n}", "--clean", "--bare") if n <= bare_max_n else None
        row = BuildRow(n, runs, Measure(), Measure() if b_project else None, EARLIER_BARE.get(n) if not b_project else None)
        # The first run starts with empty caches (templates, lint, search sections), like a fresh clone's first build.
        shutil.rmtree(h_project / ".cache" / "huibian", ignore_errors=True)
        for i in range(runs):
            progress(f"build N={n} run {i + 1}/{runs}: Huibian")
            build(h_project, row.huibian, True, work / f"huibian-{n}.log")
            if b_project and row.bare is not None:
                progress(f"build N={n} run {i + 1}/{runs}: bare MkDocs + Material")
                build(b_project, row.bare, False, work / f"bare-{n}.log")
        rows.append(row)
        # Sizes are recorded; the sites go now, before the next step needs the disk (the baseline's
        # site at 5,000 reports is 13 GB).
        for project in (h_project, b_project):
            if project is not None:
                shutil.rmtree(project / "site", ignore_errors=True)
    return rows


def bench_steps(n: int, runs: int, work: Path) -> dict[str, list[dict[str, float]]]:
    """CPU per step of the Huibian and the bare build of N reports (scripts/build_phases.py), alternating.

    Uses the projects `bench_builds` generated; a name maps to one {step: seconds} per run, with
    "total" and "pages" (the pages MkDocs rendered) added.
    """
    projects = {"Huibian": (work / f"huibian-{n}", {"HUIBIAN_PDF": "0"}), "bare": (work / f"bare-{n}", {})}
    steps: dict[str, list[dict[str, float]]] = {name: [] for name in projects}
    for i in range(runs):
        for name, (project, env) in projects.items():
            progress(f"steps of the build N={n} run {i + 1}/{runs}: {name}")
            shutil.rmtree(project / "site", ignore_errors=True)
            out = work / f"steps-{name}-{n}.json"
            sample = run([sys.executable, str(STEPS), str(out)], project, env, work / f"steps-{name}-{n}.log")
            if sample.returncode == 0:
                found = json.loads(out.read_text(encoding="utf-8"))
                steps[name].append({**found["steps"], "total": found["total"], "pages": found["pages"]})
    for project, _ in projects.values():
        shutil.rmtree(project / "site", ignore_errors=True)
    return steps


@dataclass
class CheckRow:
    n: int
    measure: Measure
    """No lint cache: every report linted."""
    warm: Measure
    """Run again at once: every report's lint results from the cache."""
    findings: int
    planted: int
    planted_with_rule: int


def bench_check(n: int, repeat: int, work: Path, plant_rate: str = "") -> CheckRow:
    """`huibian check` of the planted corpus: each run with no lint cache (the whole collection checked, as on a fresh
    clone or in CI), then again with the cache the run wrote (nothing changed, as in a pre-commit hook)."""
    # Only the findings of planted.json's "findings" (wording errors are measured by scripts/bench_wording.py).
    project = generate(n, work / f"check-{n}", "--wording-rate", "0", *(["--plant-rate", plant_rate] if plant_rate else []))
    planted = json.loads((project / "planted.json").read_text(encoding="utf-8"))["findings"]
    from huibian.lint_cache import CACHE_FILE  # bench.py runs with the project's .venv Python
    from huibian.rules import RULES

    row = CheckRow(n, Measure(), Measure(), 0, len(planted), sum(1 for p in planted if p["code"] in RULES))
    out = work / f"check-{n}.json"
    for i in range(repeat):
        shutil.rmtree(project / CACHE_FILE.parent, ignore_errors=True)
        for measure, state in ((row.measure, "no cache"), (row.warm, "nothing changed")):
            progress(f"huibian check N={n} run {i + 1}/{repeat}, {state}")
            with open(out, "wb") as sink:
                start = time.perf_counter()
                child = subprocess.Popen([str(BIN / "huibian"), "check", "--format", "json"], cwd=project,
                                         stdout=sink, stderr=subprocess.DEVNULL)
                _, status, usage = os.wait4(child.pid, 0)
                wall = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            measure.samples.append(Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                                          0 if code in (0, 1) else code))
            found = len(json.loads(out.read_text(encoding="utf-8") or "[]"))
            if measure is row.measure:
                row.findings = found
            elif found != row.findings:
                measure.note = f"{found:,} findings with the cache, {row.findings:,} without"
    shutil.rmtree(project / CACHE_FILE.parent, ignore_errors=True)  # profile_check profiles the whole check
    return row


def profile_build(n: int, work: Path) -> str:
    """cProfile one Huibian build (in a child, like the measured builds)."""
    project = generate(n, work / f"huibian-{n}", "--clean")
    progress(f"profile one Huibian build of N={n}")
    stats_file = work / f"profile-build-{n}.out"
    code = (
        "import cProfile\n"
        "from mkdocs.__main__ import cli\n"
        f"cProfile.run(\"cli(['build', '-q'], standalone_mode=False)\", {str(stats_file)!r})\n"
    )
    run([sys.executable, "-c", code], project, {"HUIBIAN_PDF": "0"}, work / f"profile-build-{n}.log")
    shutil.rmtree(project / "site", ignore_errors=True)
    return profile_tables(stats_file)


def profile_check(n: int, work: Path) -> str:
    """cProfile `huibian check` of the planted corpus (the same work as the CLI, without printing)."""
    project = work / f"check-{n}"
    progress(f"profile huibian check of N={n}")
    stats_file = work / f"profile-check-{n}.out"
    code = (
        "import cProfile\n"
        "from pathlib import Path\n"
        "from huibian.check import check_collection\n"
        f"cProfile.run('check_collection(Path.cwd())', {str(stats_file)!r})\n"
    )
    run([sys.executable, "-c", code], project, None, work / f"profile-check-{n}.log")
    return profile_tables(stats_file, top=10)


def profile_tables(stats_file: Path, top: int = 14) -> str:
    """Markdown: the functions with the most cumulative and own time, and own time by package."""
    if not stats_file.is_file():
        return f"(profiling failed: no {stats_file.name})"
    stats = pstats.Stats(str(stats_file), stream=io.StringIO())
    total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
    rows = []
    entries = stats.stats  # type: ignore[attr-defined]
    for (filename, line, name), (_cc, _nc, tt, ct, _callers) in entries.items():
        rows.append((ct, tt, short_path(filename), line, name))
    by_package: dict[str, float] = {}
    for _ct, tt, filename, _line, name in rows:
        if name.startswith("<"):
            package = "(built-in functions: regular expressions, str methods, I/O …)"
        elif filename.startswith("huibian/"):
            package = filename  # Huibian by module
        else:
            package = filename.split("/", 1)[0]
            package = "stdlib" if package.startswith("<frozen") else package
        by_package[package] = by_package.get(package, 0.0) + tt
    # The interpreter's own frames and the command-line wrappers say nothing about where time goes.
    rows = [r for r in rows if not (r[2].startswith(("<", "click/")) or r[4].startswith("<"))]
    d = 1 if total >= 10 else 2  # decimals
    lines = [f"Total {total:.1f} s under the profiler. By cumulative time:", "",
             "| cumulative s | share | own s | function |", "|---:|---:|---:|---|"]
    for ct, tt, filename, line, name in sorted(rows, reverse=True)[:top]:
        lines.append(f"| {ct:.{d}f} | {ct / total:.0%} | {tt:.{d}f} | `{filename}:{line} {name}` |")
    lines += ["", "Own time (excluding what they call) summed by package, Huibian by module:", "",
              "| package | own s | share |", "|---|---:|---:|"]
    for package, tt in sorted(by_package.items(), key=lambda item: item[1], reverse=True)[:top]:
        lines.append(f"| {package} | {tt:.{d}f} | {tt / total:.0%} |")
    lines += ["", "Functions with the most own time:", "",
              "| own s | share | cumulative s | function |", "|---:|---:|---:|---|"]
    for ct, tt, filename, line, name in sorted(rows, key=lambda r: r[1], reverse=True)[: top // 2]:
        lines.append(f"| {tt:.{d}f} | {tt / total:.0%} | {ct:.{d}f} | `{filename}:{line} {name}` |")
    return "\n".join(lines)


def short_path(filename: str) -> str:
    """`markdown/core.py`, `huibian/check.py`, `stdlib/json/decoder.py`, `~` (built-ins)."""
    for marker in ("site-packages/", "/src/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    match = re.search(r"/lib/python3\.\d+/(.*)", filename)
    if match:
        return "stdlib/" + match.group(1)
    return "hooks/" + Path(filename).name if "/hooks/" in filename else filename


def run_external(script: Path, smoke: bool, repeat: int, work: Path, timeout: float) -> str:
    """Run scripts/bench_pdf.py or bench_search.py and return its Markdown.

    Interface (for the authors of those scripts): the script is called with
    `--work DIR` (a scratch folder), `--repeat R`, `--smoke` (N=20, quick) and `--markdown FILE`,
    each only if its `--help` mentions the option. It writes Markdown (tables, a few lines, no
    top-level heading) to FILE, or to stdout if it takes no --markdown; exit status 0 on success.
    """
    if not script.is_file():
        return "Not measured yet: `scripts/" + script.name + "` does not exist in this checkout."
    try:
        helped = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True, cwd=REPO,
                                timeout=120)
    except subprocess.TimeoutExpired:
        return f"`{script.name} --help` did not answer; not measured in this run."
    options = helped.stdout
    folder = work / script.stem
    folder.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, str(script)]
    if "--work" in options:
        cmd += ["--work", str(folder)]
    if "--repeat" in options:
        cmd += ["--repeat", str(repeat)]
    if smoke and "--smoke" in options:
        cmd.append("--smoke")
    markdown = folder / "result.md"
    if "--markdown" in options:
        cmd += ["--markdown", str(markdown)]
    progress(f"running {script.name}")
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=timeout,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    except subprocess.TimeoutExpired:
        return f"`{script.name}` did not finish within {seconds(timeout)}; not measured in this run."
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-5:])
        return f"`{script.name}` failed (exit {done.returncode}); not measured in this run:\n\n```\n{tail}\n```"
    text = markdown.read_text(encoding="utf-8") if markdown.is_file() else done.stdout
    return text.strip() or f"`{script.name}` printed nothing."


# -- the page -----------------------------------------------------------------------------------
def seconds(value: float) -> str:
    if value >= 120:
        return f"{int(value // 60)} min {value % 60:.0f} s"
    return f"{value:.1f} s" if value >= 1 else f"{value:.2f} s"


def megabytes(value: float) -> str:
    return f"{value / 1e6:,.1f} MB" if value < 1e9 else f"{value / 1e9:,.2f} GB"


def version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine() -> list[str]:
    cpu = "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO).stdout
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return [
        f"- CPU: {os.cpu_count()} × {cpu}; memory {memory}; load average at the start {load}",
        f"- Python {platform.python_version()}, MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}, "
        f"WeasyPrint {version('weasyprint')}, Huibian commit `{commit.strip() or 'unknown'}`",
    ]


def build_table(rows: list[BuildRow]) -> list[str]:
    out = [
        "| reports | runs | Huibian wall | Huibian CPU | bare wall | bare CPU | Huibian / bare (CPU) "
        "| Huibian site | per report | bare site | per report | peak RSS Huibian | peak RSS bare |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        h = row.huibian
        if not h.ok:
            out.append(f"| {row.n:,} | {row.runs} | failed | | | | | | | | | | |")
            continue
        cells = [f"{row.n:,}", str(row.runs), seconds(h.wall), seconds(h.cpu)]
        b = row.bare
        if b is not None and b.ok:
            cells += [seconds(b.wall), seconds(b.cpu), f"{h.cpu / b.cpu:.2f}×"]
        elif row.bare_earlier:
            cells += [seconds(row.bare_earlier[0]) + " ¹", "–", f"{h.wall / row.bare_earlier[0]:.2f}× (wall) ¹"]
        else:
            cells += ["not run", "–", "–"]
        cells += [megabytes(h.site_bytes), f"{h.site_bytes / row.n / 1e3:,.0f} KB"]
        if b is not None and b.ok:
            cells += [megabytes(b.site_bytes), f"{b.site_bytes / row.n / 1e3:,.0f} KB"]
        elif row.bare_earlier:
            cells += [megabytes(row.bare_earlier[1]) + " ¹", f"{row.bare_earlier[1] / row.n / 1e3:,.0f} KB ¹"]
        else:
            cells += ["–", "–"]
        cells += [f"{h.rss_mb:,.0f} MB", f"{b.rss_mb:,.0f} MB" if b is not None and b.ok else "–"]
        out.append("| " + " | ".join(cells) + " |")
    notes = [row.bare_earlier[2] for row in rows if row.bare_earlier and (row.bare is None or not row.bare.ok)]
    if notes:
        out += ["", "¹ Baseline not run here (too slow for this run): " + "; ".join(notes) + "."]
    return out


def linearity(rows: list[BuildRow]) -> list[str]:
    good = [r for r in rows if r.huibian.ok]
    if len(good) < 2:
        return []
    parts = [f"N={r.n:,}: {r.huibian.cpu / r.n * 1000:.1f} ms CPU and {r.huibian.site_bytes / r.n / 1e3:,.0f} KB"
             for r in good]
    return ["Huibian per report (flat means linear growth): " + "; ".join(parts) + "."]


def paired_ratios(row: BuildRow) -> list[float]:
    """Huibian's CPU over the bare build's that followed it, run by run (none for a single run)."""
    if not (row.huibian.ok and row.bare is not None and row.bare.ok) or row.runs < 2:
        return []
    return [h.cpu / b.cpu for h, b in zip(row.huibian.samples, row.bare.samples, strict=True)]


def middle_half(ratios: list[float]) -> tuple[float, float]:
    """The first and third quartile of the paired ratios."""
    low, _, high = statistics.quantiles(ratios, n=4, method="inclusive")
    return low, high


def paired_runs(rows: list[BuildRow]) -> list[str]:
    """Each Huibian build against the bare build right after it: how often Huibian used less CPU.

    A ratio of medians near 1 can land either side of it from one run to the next; the pairs show
    whether Huibian is faster or the two are at parity within the machine's noise.
    """
    parts = []
    for row in rows:
        ratios = paired_ratios(row)
        if not ratios:
            continue
        low, high = middle_half(ratios)
        faster = sum(r < 1 for r in ratios)
        parts.append(f"N={row.n:,}: Huibian used less CPU in {faster} of {len(ratios)}, ratio median "
                     f"{statistics.median(ratios):.2f}, middle half {low:.2f}–{high:.2f}")
    if not parts:
        return []
    return ["Paired runs (each Huibian build against the bare build that followed it, CPU): " + "; ".join(parts) + "."]


def first_runs(rows: list[BuildRow]) -> list[str]:
    """The CPU time of each N's first Huibian run, the one that fills the caches, against the baseline's median."""
    first = []
    for r in rows:
        if r.huibian.ok:
            cpu = r.huibian.samples[0].cpu
            against = f" ({cpu / r.bare.cpu:.2f}× the baseline's median)" if r.bare is not None and r.bare.ok else ""
            first.append(f"N={r.n:,}: {seconds(cpu)} CPU{against}")
    if not first:
        return []
    return ["Huibian's first run of each N, with empty caches (it compiles the theme's templates, lints every report"
            " and extracts every page's search sections): " + "; ".join(first) + "."]


STEP_NAMES = {  # step: (name, what runs there)
    "start-up": ("start-up", "Python and the imports before mkdocs.yml is read"),
    "config": ("loading mkdocs.yml", "theme, plugins, hooks (Huibian's hook imports the `huibian` package)"),
    "event:config": ("`on_config`", "Material's search sets up its index; Huibian and Material's tags read settings"),
    "event:files": ("`on_files`", "Huibian checks every report (the lint results of unchanged ones from its cache)"
                    " and generates the report and index pages"),
    "event:page_markdown": ("`on_page_markdown`", "Material's tags plugin reads each page's tags"),
    "event:env": ("`on_env`", "Huibian's template cache; Material's tags plugin"),
    "event:page_content": ("`on_page_content`", "Huibian finishes and sanitizes its generated pages"),
    "event:page_context": ("`on_page_context`", "Material's search collects each page's text; Material's tags plugin"),
    "event:post_build": ("`on_post_build`", "Huibian: search index and catalog; Material's search writes its index"),
    "markdown": ("Markdown to HTML", "each page's source read and converted by Python-Markdown"),
    "theme pages": ("404 page and sitemap", "the first pages through the theme: the baseline compiles its templates here"),
    "templates": ("page templates", "each page through the theme's templates, with its navigation, and written out"),
    "other": ("the rest", "listing files, navigation, copying the theme's files"),
}


def steps_table(n: int, steps: dict[str, list[dict[str, float]]]) -> list[str]:
    """Median CPU per build step, Huibian against the baseline, and the steps that differ most."""
    huibian, bare = steps["Huibian"], steps["bare"]
    if not (huibian and bare):
        return []

    def median(runs: list[dict[str, float]], step: str) -> float:
        return statistics.median(run.get(step, 0.0) for run in runs)

    def signed(value: float) -> str:
        return f"{round(value, 2) + 0.0:+.2f} s"  # + 0.0: no "-0.00"

    runs = min(len(huibian), len(bare))
    order = list(dict.fromkeys([*huibian[0], *bare[0]]))
    shown = [step for step in order if step not in ("total", "pages")
             and max(median(huibian, step), median(bare, step)) >= 0.005]
    out = [
        f"### Where the CPU time goes at N={n:,}: Huibian against the baseline",
        "",
        "`scripts/build_phases.py` times each step of one `mkdocs build`: its own CPU time, without the steps"
        f" it calls. Median of {runs} run{'s' if runs > 1 else ''} of each, alternating; steps under 5 ms in"
        " both builds are left out, and the medians of the steps need not add up to the median total."
        f" Pages rendered: Huibian {median(huibian, 'pages'):,.0f}, baseline {median(bare, 'pages'):,.0f}.",
        "",
        "| step | what runs there | Huibian | bare | Huibian − bare |",
        "|---|---|---:|---:|---:|",
    ]
    differences = []
    for step in shown:
        h, b = median(huibian, step), median(bare, step)
        name, what = STEP_NAMES.get(step, (f"`on_{step.removeprefix('event:')}`", "a plugin or hook event"))
        out.append(f"| {name} | {what} | {h:.2f} s | {b:.2f} s | {signed(h - b)} |")
        differences.append((h - b, name))
    h, b = median(huibian, "total"), median(bare, "total")
    out.append(f"| **total** | | {h:.2f} s | {b:.2f} s | {signed(h - b)} |")
    differences.sort()
    less = [f"{name} ({signed(d)})" for d, name in differences if d <= -0.005][:3]
    more = [f"{name} ({signed(d)})" for d, name in reversed(differences) if d >= 0.005][:3]
    out += ["", f"Huibian spends more in: {'; '.join(more) or 'no step'}. Less in: {'; '.join(less) or 'no step'}."]
    return out


# bench_pdf.py's rebuilds at scale: a sentence added to one report, then the same report made longer.
_PDF_REBUILDS = re.compile(r"^\| (?:one report changed|the same report)[^|]*\|.*\| ([\d.]+) % \|$", re.MULTILINE)
_PDF_SCALE = re.compile(r"^At N=([\d,]+) ", re.MULTILINE)


def targets(rows: list[BuildRow], check: CheckRow | None, pdf: str) -> list[str]:
    """Issue #8's targets against this run's figures, one line each."""

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    out = ["| target (issue #8) | this run | |", "|---|---|---|"]
    compared = [r for r in rows if r.huibian.ok and r.bare is not None and r.bare.ok]
    if compared:
        # Faster means a ratio of medians below 1 and, where there are several runs, Huibian ahead in
        # at least three quarters of the pairs (the middle half of the paired ratios below 1): the
        # medians of two builds at parity land on either side of 1 from one run to the next.
        ratios, slower, parity = [], [], []
        for r in compared:
            assert r.bare is not None
            pairs = paired_ratios(r)
            ratio = r.huibian.cpu / r.bare.cpu
            cell = f"N={r.n:,}: {ratio:.2f}×"
            low, high = middle_half(pairs) if pairs else (ratio, ratio)
            if pairs:
                cell += f" (pairs {statistics.median(pairs):.2f}×, middle half {low:.2f}–{high:.2f})"
            ratios.append(cell)
            if not (ratio < 1 and high < 1):
                (parity if low < 1 else slower).append(f"N={r.n:,}")
        result = verdict(not (slower or parity)) + (f" (parity within noise at {', '.join(parity)})" if parity else "")
        out.append(f"| site build faster than bare MkDocs + Material at every N (CPU) | {', '.join(ratios)} | {result} |")
    good = [r for r in rows if r.huibian.ok]
    if len(good) >= 2:
        per = [r.huibian.site_bytes / r.n for r in good]
        sizes = ", ".join(f"{b / 1e3:,.0f} KB" for b in per)
        out.append(f"| linear growth (site size per report flat) | {sizes} per report | "
                   f"{verdict(per[-1] <= per[0] * 1.1)} |")
        largest = good[-1]
        out.append(f"| a {largest.n:,}-report build fits comfortably in 4 GB | peak RSS {largest.huibian.rss_mb:,.0f} MB | "
                   f"{verdict(largest.huibian.rss_mb < 2048)} |")
    if check is not None and check.measure.samples:
        out.append(f"| `huibian check` on {check.n:,} reports under 10 s | {seconds(check.measure.wall)} | "
                   f"{verdict(check.measure.wall < 10)} |")
    sizes = list(_PDF_SCALE.finditer(pdf))
    ends = [m.start() for m in sizes[1:]] + [len(pdf)]
    shares = {m.group(1): _PDF_REBUILDS.findall(pdf, m.start(), end) for m, end in zip(sizes, ends, strict=False)}
    if any(shares.values()):
        figures = ", ".join(f"{' and '.join(found)} % at N={size}" for size, found in shares.items() if found)
        out.append(f"| PDF rebuild after one report changed under 10 % of the full time | {figures} (wall; a sentence "
                   "added, then about 2,000 characters; see PDF below for N=40) | "
                   f"{verdict(all(float(x) < 10 for found in shares.values() for x in found))} |")
    return out


def plot(rows: list[BuildRow], path: Path) -> None:
    """Build time against N (median wall solid, median CPU dashed), Huibian and the baseline, as an SVG."""
    h_wall, b_wall = "Huibian (HUIBIAN_PDF=0), wall", "bare MkDocs + Material, wall"
    h_cpu, b_cpu = "Huibian, CPU", "bare, CPU"
    series: dict[str, list[tuple[int, float]]] = {h_wall: [], b_wall: [], h_cpu: [], b_cpu: []}
    earlier: set[tuple[int, float]] = set()  # baseline points from DESIGN.md, not measured in this run
    for row in rows:
        if row.huibian.ok:
            series[h_wall].append((row.n, row.huibian.wall))
            series[h_cpu].append((row.n, row.huibian.cpu))
        if row.bare is not None and row.bare.ok:
            series[b_wall].append((row.n, row.bare.wall))
            series[b_cpu].append((row.n, row.bare.cpu))
        elif row.bare_earlier:
            series[b_wall].append((row.n, row.bare_earlier[0]))
            earlier.add((row.n, row.bare_earlier[0]))
    width, height, left, right, top, bottom = 640, 400, 70, 20, 40, 60
    max_n = max([n for points in series.values() for n, _ in points] or [1])
    max_t = max([t for points in series.values() for _, t in points] or [1]) * 1.1
    def x(n: float) -> float:
        return left + (width - left - right) * n / max_n

    def y(t: float) -> float:
        return height - bottom - (height - top - bottom) * t / max_t

    colours = {h_wall: "#c62828", b_wall: "#1565c0", h_cpu: "#c62828", b_cpu: "#1565c0"}
    dashes = {h_cpu: ' stroke-dasharray="6 4"', b_cpu: ' stroke-dasharray="6 4"'}
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">Site build time against reports (medians)</text>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="black"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="black"/>',
        f'<text x="{(left + width - right) / 2}" y="{height - 15}" text-anchor="middle">reports (N)</text>',
        f'<text x="15" y="{(top + height - bottom) / 2}" text-anchor="middle" '
        f'transform="rotate(-90 15 {(top + height - bottom) / 2})">seconds</text>',
    ]
    for i in range(6):
        t = max_t * i / 5
        svg.append(f'<line x1="{left - 4}" y1="{y(t):.1f}" x2="{width - right}" y2="{y(t):.1f}" stroke="#ddd"/>')
        svg.append(f'<text x="{left - 8}" y="{y(t) + 4:.1f}" text-anchor="end">{t:.{0 if max_t >= 10 else 1}f}</text>')
    for n in sorted({n for points in series.values() for n, _ in points}):
        svg.append(f'<text x="{x(n):.1f}" y="{height - bottom + 18}" text-anchor="middle">{n:,}</text>')
    for index, (name, points) in enumerate(series.items()):
        colour = colours[name]
        if points:
            coords = " ".join(f"{x(n):.1f},{y(t):.1f}" for n, t in sorted(points))
            svg.append(f'<polyline class="series" data-name="{escape(name)}" fill="none" stroke="{colour}" '
                       f'stroke-width="2"{dashes.get(name, "")} points="{coords}"/>')
            for n, t in points:
                if (n, t) in earlier:
                    svg.append(f'<circle cx="{x(n):.1f}" cy="{y(t):.1f}" r="5" fill="white" stroke="{colour}"/>')
                    svg.append(f'<text x="{x(n) - 8:.1f}" y="{y(t) + 18:.1f}" text-anchor="end">'
                               "measured earlier, not this run</text>")
                else:
                    svg.append(f'<circle cx="{x(n):.1f}" cy="{y(t):.1f}" r="4" fill="{colour}"/>')
        ly = top + 10 + index * 18
        svg.append(f'<line x1="{left + 12}" y1="{ly - 3}" x2="{left + 30}" y2="{ly - 3}" stroke="{colour}" '
                   f'stroke-width="2"{dashes.get(name, "")}/>')
        svg.append(f'<text x="{left + 36}" y="{ly + 1}">{escape(name)}</text>')
    svg.append("</svg>")
    path.write_text("\n".join(svg) + "\n", encoding="utf-8")


def page(args: argparse.Namespace, head: list[str], rows: list[BuildRow], steps: list[str], check: CheckRow | None,
         profile: str, check_profile: str, pdf: str, search: str, plot_name: str, started: float) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Generated by `scripts/bench.py` (`make bench`); do not edit by hand. "
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {seconds(time.time() - started)} in all"
        + (" — SMOKE MODE, figures meaningless" if args.smoke else "") + ".",
        "",
        "Command: `python scripts/bench.py" + "".join(f" {a}" for a in sys.argv[1:]) + "`",
        "",
        "## Machine",
        "",
        *head,
        "",
        "## Method",
        "",
        "- Corpora: `scripts/gen_corpus.py N DIR` (deterministic generated reports, 1,500–9,000 characters each,"
        " about N/10 units); `--clean` for builds, with planted findings for `huibian check`.",
        f"- Each figure is the median of the runs shown (`--repeat {args.repeat}`; builds of up to {SMALL_N} reports"
        f" `--repeat-small {args.repeat_small}`, as they take seconds and this shared machine's noise is ±15 %;"
        f" sizes above {args.repeat_max_n:,} run once). Huibian and baseline builds alternate, so both see the same load.",
        "- Wall time depends on what else the machine runs (other jobs shared these 2 cores); CPU time"
        " (user + system of the build process) is the steadier figure, and the ratio uses it.",
        "- Peak RSS is the child's `ru_maxrss` from `wait4`. Site size is every file under `site/`.",
        "- Baseline: the same Markdown files (the reports and the project's hand-written pages: home, guide,"
        " rules, ci, nginx, security) in `docs/` of a plain project: `theme: material`, `language: zh`,"
        " `plugins: [search]`, no `nav` (MkDocs's default navigation), `mkdocs build`.",
        "- Huibian: `HUIBIAN_PDF=0 mkdocs build` of the generated project (validation, report and index pages,"
        " catalog, Huibian's own search index; no PDFs). The package's bytecode is compiled before the runs,"
        " as Python caches it on a user's first build (the baseline's packages were compiled by pip)."
        " Huibian also keeps Material's compiled templates (Jinja's bytecode cache, `.cache/huibian/jinja/`),"
        " each report's lint results (`.cache/huibian/lint/`) and each page's search sections"
        " (`.cache/huibian/search/`); the first run of each N starts with these caches empty (its CPU time is"
        " given under the table), later runs read them, as a user's later builds do. The baseline compiles the"
        " templates on every build and has no cache.",
        "",
        "## Targets",
        "",
        *targets(rows, check, pdf),
        "",
        "## Site build against bare MkDocs + Material",
        "",
        *build_table(rows),
        "",
        *linearity(rows),
        "",
        *paired_runs(rows),
        "",
        *first_runs(rows),
        "",
        f"![Build time against N]({plot_name})",
        "",
    ]
    if steps:
        lines += [*steps, ""]
    if profile:
        lines += [
            f"### Where the time of one Huibian build goes (cProfile, N={args.profile_n:,})",
            "",
            "Cumulative time includes everything a function calls; profiling slows the build down.",
            "",
            profile,
            "",
        ]
    lines += ["## `huibian check`", ""]
    if check is not None and check.measure.samples:
        lines += [
            "| run | reports | runs | wall | CPU | reports/s (wall) | peak RSS | findings | planted | planted with a rule |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for label, m in (("no lint cache (fresh clone, CI)", check.measure),
                         ("again, nothing changed (lint cache)", check.warm)):
            lines.append(
                f"| {label} | {check.n:,} | {len(m.samples)} | {seconds(m.wall)} | {seconds(m.cpu)} "
                f"| {check.n / m.wall:,.0f} | {m.rss_mb:,.0f} MB | {check.findings:,} | {check.planted:,} "
                f"| {check.planted_with_rule:,} |"
            )
        lines += [
            "",
            "Target: the whole collection in under 10 s, measured without the cache. The corpus plants placeholders,"
            " junk lines and dates far from their period; `findings` should equal `planted with a rule`. The second"
            " row is the same check run again at once: each report's lint results come from"
            " `.cache/huibian/lint/` (`src/huibian/lint_cache.py`), as in a pre-commit hook after a commit that"
            " changed a few reports.",
            *([f"**Findings differ**: {check.warm.note}."] if check.warm.note else []),
            "",
        ]
    if check_profile:
        lines += [f"### Where the time of `huibian check` goes (cProfile, N={args.check_n:,})", "", check_profile, ""]
    for title, script, text in (("PDF", "bench_pdf.py", pdf), ("Search", "bench_search.py", search)):
        lines += [f"## {title}", ""]
        if not text.startswith(("Not measured", f"`{script}")):
            lines += [f"Written by `scripts/{script}`, run from this script in the same run"
                      f" (`--repeat {args.external_repeat}`):", ""]
        lines += [text, ""]
    return "\n".join(lines)


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Huibian benchmarks, each against its baseline in the same run.")
    parser.add_argument("--smoke", action="store_true", help="N=20, one run, write to a temporary file")
    parser.add_argument("--sizes", default="100,1000,5000", help="report counts for the site builds")
    parser.add_argument("--bare-max-n", type=int, default=5000, help="skip the baseline above this N")
    parser.add_argument("--check-n", type=int, default=10000, help="reports for huibian check")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--repeat-small", type=int, default=9, help=f"runs of the builds of up to {SMALL_N} reports")
    parser.add_argument("--repeat-max-n", type=int, default=1000, help="larger sizes run once")
    parser.add_argument("--profile-n", type=int, default=1000, help="profile one build of this size (0: no)")
    parser.add_argument("--external-timeout", type=float, default=2400, help="seconds for each of those scripts")
    parser.add_argument("--external-repeat", type=int, default=1, help="--repeat for those scripts (slow: PDFs)")
    parser.add_argument("--no-external", action="store_true", help="skip scripts/bench_pdf.py and bench_search.py")
    parser.add_argument("--out", type=Path, help="the page to write (default docs/benchmarks.md)")
    parser.add_argument("--work", type=Path, help="scratch folder, kept (default: a temporary folder, removed)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.sizes, args.check_n, args.repeat, args.repeat_small, args.profile_n = "20", 20, 1, 1, 20
        if args.out is None:
            args.out = Path(tempfile.mkdtemp(prefix="huibian-bench-")) / "benchmarks.md"
    out: Path = args.out or REPO / "docs" / "benchmarks.md"
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    started = time.time()
    head = machine()
    work = args.work or Path(tempfile.mkdtemp(prefix="huibian-bench-work-"))
    work.mkdir(parents=True, exist_ok=True)
    # Where PYTHONDONTWRITEBYTECODE is set (as on the project machine) Python never caches the
    # editable package's bytecode, and every build would compile it from source (~0.13 s), which
    # the baseline, installed and compiled by pip, never does. Compile it once, as a first run would.
    compileall.compile_dir(REPO / "src" / "huibian", quiet=1)
    try:
        rows = bench_builds(sizes, args.repeat, args.repeat_small, args.repeat_max_n, args.bare_max_n, work)
        # The smallest N is where Huibian and the baseline are closest: show where each spends its time.
        smallest = min(sizes)
        steps = steps_table(smallest, bench_steps(smallest, args.repeat_small, work)) \
            if smallest <= args.bare_max_n else []
        check = bench_check(args.check_n, args.repeat, work, "0.5" if args.smoke else "") if args.check_n else None
        profile = profile_build(args.profile_n, work) if args.profile_n else ""
        check_profile = profile_check(args.check_n, work) if args.check_n and args.profile_n else ""
        pdf = search = "Not measured in this run (`--no-external`)."
        if not args.no_external:
            search = run_external(REPO / "scripts" / "bench_search.py", args.smoke, args.external_repeat, work,
                                  args.external_timeout)
            pdf = run_external(REPO / "scripts" / "bench_pdf.py", args.smoke, args.external_repeat, work,
                               args.external_timeout)
        plot_path = out.with_name(out.stem + "-build.svg")
        out.parent.mkdir(parents=True, exist_ok=True)
        plot(rows, plot_path)
        out.write_text(page(args, head, rows, steps, check, profile, check_profile, pdf, search, plot_path.name,
                             started), encoding="utf-8")
        progress(f"wrote {out} and {plot_path}")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if all(r.huibian.ok for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
