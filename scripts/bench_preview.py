"""Live preview: seconds from saving a report to the browser getting the changed page.

    python scripts/bench_preview.py [--sizes 1000 5000] [--edits 5] [--out docs/benchmarks-preview.md]

For each size N, a generated collection (scripts/gen_corpus.py, committed to git) is served twice
on this machine, one server after the other:

- `huibian serve` — the incremental preview (`serve --dirty`, huibian.preview): a save rebuilds
  only the pages it changes;
- `huibian serve --full` — the baseline: every page on every save, as `mkdocs serve` does.

Each edit appends a sentence with a unique marker to a different report; the time runs from the
write to the first HTTP answer for that report's page that contains the marker (polled every
50 ms). The search index is written after the browser reloads; the time until it is (the log's
全文检索索引 line, polled every 200 ms) is given too, and the next edit waits for it (the first
edit waits for the first build's). Then one incremental rebuild runs in this process, timed by
step (CPU seconds), to say where the time goes.
Figures go to the Markdown page named by --out.
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SERVING = re.compile(r"Serving on http")
RELOADED = re.compile(r"Reloading browsers")
INDEXED = re.compile(r"全文检索索引：")
"""The engine's log: the first build is done when it serves; each rebuild when it reloads the browsers
(a rebuild without --dirty does not log its own time)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return str(answer.read().decode("utf-8"))
    except OSError:
        return ""


def make_collection(size: int, folder: Path) -> list[Path]:
    """A generated collection of `size` reports in `folder`, committed to git; its report files."""
    subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), str(size), str(folder), "--clean"], check=True,
                   stdout=subprocess.DEVNULL)
    for command in (["init", "-q"], ["add", "-A"],
                    ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-qm", "corpus"]):
        subprocess.run(["git", *command], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    return sorted((folder / "reports").rglob("*.md"))


def page_url(report: Path, folder: Path) -> str:
    """The report's page, as huibian.report names it (reports/<unit>/<file stem>/)."""
    sys.path.insert(0, str(REPO / "src"))
    from huibian.report import read_report

    parsed, _ = read_report(report, str(report.relative_to(folder)), None)
    assert parsed is not None, report
    return str(parsed.url)


class Server:
    """`huibian serve` on a free port, its log in a file."""

    def __init__(self, folder: Path, full: bool) -> None:
        self.port = free_port()
        self.log = folder / f"serve-{'full' if full else 'incremental'}.log"
        command = [sys.executable, "-m", "huibian", "serve", *(["--full"] if full else []), "-a", f"127.0.0.1:{self.port}"]
        env = {**os.environ, "HUIBIAN_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
        self.started = time.perf_counter()
        with self.log.open("w") as out:
            self.process = subprocess.Popen(command, cwd=folder, stdout=out, stderr=subprocess.STDOUT, env=env,
                                            start_new_session=True)
        self.first_build = self.wait_for(SERVING, 1, timeout=3600)
        self.wait_for(INDEXED, 1, timeout=3600)  # the first build's search index, written after it serves

    def count(self, line: re.Pattern[str]) -> int:
        return len(line.findall(self.log.read_text(errors="replace")))

    def wait_for(self, line: re.Pattern[str], count: int, timeout: float) -> float:
        deadline = time.perf_counter() + timeout
        while self.count(line) < count:
            if self.process.poll() is not None or time.perf_counter() > deadline:
                raise SystemExit(f"serve stopped or timed out; log: {self.log}")
            time.sleep(0.2)
        return time.perf_counter() - self.started

    def stop(self) -> None:
        os.killpg(self.process.pid, 15)
        self.process.wait(timeout=30)


def save_to_page(server: Server, report: Path, folder: Path, marker: str) -> tuple[float, float]:
    """Seconds from appending `marker` to `report` to its page being served with it, and to the search index
    being written."""
    url = f"http://127.0.0.1:{server.port}/{page_url(report, folder)}"
    reloads, indexed = server.count(RELOADED), server.count(INDEXED)
    with report.open("a", encoding="utf-8") as file:
        file.write(f"\n{marker}。\n")
    start = time.perf_counter()
    while marker not in fetch(url):
        if time.perf_counter() - start > 1800:
            raise SystemExit(f"the page {url} never showed {marker}")
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    server.wait_for(RELOADED, reloads + 1, timeout=1800)
    deadline = start + 1800
    while server.count(INDEXED) <= indexed:
        if time.perf_counter() > deadline:
            raise SystemExit(f"the search index was never written; log: {server.log}")
        time.sleep(0.2)
    return elapsed, time.perf_counter() - start


def measure(size: int, edits: int, work: Path) -> dict[str, Any]:
    folder = work / f"c{size}"
    reports = make_collection(size, folder)
    picked = [reports[(i * 7919) % len(reports)] for i in range(edits)]
    result: dict[str, Any] = {"size": size}
    for mode in ("incremental", "full"):
        shutil.rmtree(folder / ".cache", ignore_errors=True)  # both first builds start without the other's caches
        server = Server(folder, full=mode == "full")
        timed = [save_to_page(server, report, folder, f"预览测速{mode}第{n}处") for n, report in enumerate(picked)]
        server.stop()
        times = [page for page, _ in timed]
        result[mode] = times
        result[f"{mode}-indexed"] = [indexed for _, indexed in timed]
        result[f"{mode}-first"] = server.first_build
        print(f"N={size} {mode}: first build {server.first_build:.1f} s, save→page "
              + ", ".join(f"{t:.2f}" for t in times), file=sys.stderr)
    result["split"] = step_split(folder, picked[0])
    shutil.rmtree(folder, ignore_errors=True)
    return result


_timed: dict[str, float] = {}
"""CPU seconds of each step, measured in the thread that runs it (the search index is written in a thread)."""


def _time_steps() -> None:
    """Wrap the steps once per process, each timed by the CPU time of its own thread."""
    import huibian.generate as generate_step
    import huibian.mkdocs_glue as glue
    from huibian import search

    if getattr(glue, "_bench_timed", False):
        return
    glue._bench_timed = True

    def timed(module: Any, name: str, label: str) -> None:
        function: Callable[..., Any] = getattr(module, name)

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                _timed[label] = _timed.get(label, 0.0) + time.thread_time() - start

        setattr(module, name, wrapper)

    timed(generate_step, "check_collection", "generate: check (lint cache)")
    timed(generate_step, "index_pages", "generate: index pages")
    timed(generate_step, "report_page", "generate: report pages")
    timed(glue, "generate", "generate (all)")
    timed(search, "write_index", "finish: search index files")
    timed(glue, "finish", "finish (all, in a thread after the reload)")


def step_split(folder: Path, report: Path) -> dict[str, float]:
    """CPU seconds of each step of one incremental rebuild after an edit, in this process."""
    sys.path.insert(0, str(REPO / "src"))
    os.environ["HUIBIAN_PDF"] = "0"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import huibian.mkdocs_glue as glue

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    _time_steps()
    here = os.getcwd()
    os.chdir(folder)
    site = folder / "site-split"
    try:
        def rebuild() -> float:
            config = load_config(str(folder / "mkdocs.yml"), site_dir=str(site))
            config.plugins.on_startup(command="serve", dirty=True)
            start = time.thread_time()
            build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
            spent = time.thread_time() - start
            glue.wait_for_finish()
            return spent

        rebuild()
        with report.open("a", encoding="utf-8") as file:
            file.write("\n再改一句。\n")
        _timed.clear()
        whole = rebuild()
        split = dict(_timed)
        split["whole rebuild up to the reload"] = whole
    finally:
        os.chdir(here)
    return split


def write_page(results: list[dict[str, Any]], out: Path, edits: int) -> None:
    lines = [
        "# Benchmark: live preview after a save",
        "",
        "Written by `python scripts/bench_preview.py`. " + (__doc__ or "").split("\n\n", 2)[2].strip(),
        "",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}. "
        f"{edits} edits per size; medians, with min–max.",
        "",
        "| reports | first build, incremental / full | save → page, incremental | save → page, full rebuild (baseline) "
        "| ratio | save → search index, incremental | save → search index, full rebuild |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        inc, full = r["incremental"], r["full"]
        lines.append(
            f"| {r['size']:,} | {r['incremental-first']:.0f} s / {r['full-first']:.0f} s | **{statistics.median(inc):.1f} s** "
            f"({min(inc):.1f}–{max(inc):.1f}) | {statistics.median(full):.1f} s ({min(full):.1f}–{max(full):.1f}) "
            f"| {statistics.median(inc) / statistics.median(full):.2f}× | {_spread(r['incremental-indexed'])} "
            f"| {_spread(r['full-indexed'])} |")
    lines += ["", "Where an incremental rebuild's time goes (CPU seconds of one rebuild after an edit, in-process, "
              "each step in its own thread; “all” includes the lines above it; the rest of the rebuild up to the "
              "reload is MkDocs' own work over all files: configuration, file list, navigation, sitemap):", ""]
    for r in results:
        lines.append(f"- N={r['size']:,}: " + "; ".join(f"{k} {v:.2f} s" for k, v in r["split"].items()))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _spread(times: list[float]) -> str:
    return f"{statistics.median(times):.1f} s ({min(times):.1f}–{max(times):.1f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks-preview.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as work:
        results = [measure(size, args.edits, Path(work)) for size in args.sizes]
    write_page(results, args.out, args.edits)
    print(f"written: {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
