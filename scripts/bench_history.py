#!/usr/bin/env python3
"""Benchmark: Huibian's one batched `git log` against mkdocs-git-revision-date-localized-plugin.

    python scripts/bench_history.py [N] [--work DIR] [--builds/--no-builds]

1. Generates N reports with scripts/gen_corpus.py (--clean --bare: a plain MkDocs + Material
   project, reports under docs/reports/) and commits them into a fresh git repository in five
   commits with fixed dates: 60 % added, the rest added, 200 edited, 20 renamed, 50 edited.
2. Data collection, in this process, side by side:
   - Huibian: `huibian.history.collect_history` (git rev-parse + ONE git log for all files);
   - the plugin's own `Util.get_git_commit_timestamp` for every file, last change and creation
     date (what the plugin runs per page: one `git log` process each).
   Both answers are compared file by file (author dates, as both use).
3. Whole builds (`mkdocs build` of the same project, search off, navigation.prune on): without
   the plugin, with it (enable_creation_date, its default parallel processing), and with it in
   serial mode. The plugin's cost is the difference to the build without it.

Prints a Markdown table; docs/benchmarks-history.md records a run.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from huibian.history import collect_history  # noqa: E402

COMMITS = [
    ("2024-01-15T10:00:00+08:00", "报送第一批报告"),
    ("2024-07-10T10:00:00+08:00", "报送第二批报告"),
    ("2024-09-01T10:00:00+08:00", "修改 200 份报告"),
    ("2025-01-05T10:00:00+08:00", "重命名 20 份报告"),
    ("2025-03-01T10:00:00+08:00", "修改 50 份报告"),
]

MKDOCS_YML = """\
site_name: 基准
theme:
  name: material
  language: zh
  features: [navigation.prune]
plugins:
{plugins}
"""


def git(root: Path, *args: str, when: str = COMMITS[0][0]) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def make_corpus(n: int, work: Path) -> Path:
    root = work / "corpus"
    if root.exists():
        shutil.rmtree(root)
    subprocess.run([sys.executable, str(REPO / "scripts" / "gen_corpus.py"), str(n), str(root), "--clean", "--bare"],
                   check=True, capture_output=True)
    files = sorted(p.relative_to(root).as_posix() for p in (root / "docs" / "reports").rglob("*.md"))
    hidden = root.parent / "held-back"
    shutil.rmtree(hidden, ignore_errors=True)
    later = files[int(len(files) * 0.6):]
    for name in later:  # the second batch is committed later
        (hidden / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(root / name), str(hidden / name))
    git(root, "init", "-q", "-b", "main")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(plugins="  []"), encoding="utf-8")
    when, message = COMMITS[0]
    git(root, "add", "-A", when=when)
    git(root, "commit", "-q", "-m", message, when=when)
    for name in later:
        shutil.move(str(hidden / name), str(root / name))
    when, message = COMMITS[1]
    git(root, "add", "-A", when=when)
    git(root, "commit", "-q", "-m", message, when=when)
    for name in files[::5][:200]:
        with (root / name).open("a", encoding="utf-8") as out:
            out.write("\n（修订）\n")
    when, message = COMMITS[2]
    git(root, "commit", "-q", "-a", "-m", message, when=when)
    when, message = COMMITS[3]
    for name in files[1::50][:20]:
        git(root, "mv", name, name.replace(".md", "-r.md"), when=when)
    git(root, "commit", "-q", "-m", message, when=when)
    for name in files[3::20][:50]:
        path = root / name
        if path.exists():
            with path.open("a", encoding="utf-8") as out:
                out.write("\n（再次修订）\n")
    when, message = COMMITS[4]
    git(root, "commit", "-q", "-a", "-m", message, when=when)
    return root


def timed(action, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def plugin_dates(root: Path) -> dict[str, tuple[int, int]]:
    from mkdocs_git_revision_date_localized_plugin.util import Util

    util = Util(config={"enable_git_follow": True, "strict": False}, mkdocs_dir=str(root / "docs"))
    dates = {}
    for path in sorted((root / "docs" / "reports").rglob("*.md")):
        _, last = util.get_git_commit_timestamp(str(path), is_first_commit=False)
        _, first = util.get_git_commit_timestamp(str(path), is_first_commit=True)
        dates[path.relative_to(root).as_posix()] = (int(first), int(last))
    return dates


def build(root: Path, plugins: str) -> float:
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(plugins=plugins), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root.parent / "site")],
                          cwd=root, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{done.stderr[-2000:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=1000)
    parser.add_argument("--work", type=Path, default=None, help="work folder (default: a temporary one)")
    parser.add_argument("--builds", action=argparse.BooleanOptionalAction, default=True,
                        help="also time whole mkdocs builds (minutes at N=1000)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="huibian-bench-history-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    root = make_corpus(args.n, work)
    print(f"corpus: {args.n} reports, {len(COMMITS)} commits in {work} ({time.perf_counter() - started:.1f} s)")

    ours_s, ours = timed(lambda: collect_history(root, "docs/reports"), 5)
    theirs_s, theirs = timed(lambda: plugin_dates(root), 1)
    assert isinstance(ours, object) and isinstance(theirs, dict)
    agree = first_missing = 0
    for path, (first, last) in theirs.items():
        found = ours.of(path)  # type: ignore[attr-defined]
        if found is None or found.first_added is None:
            first_missing += 1
            continue
        if (int(found.first_added.when.timestamp()), int(found.last_changed.when.timestamp())) == (first, last):
            agree += 1
    files = len(theirs)
    rows = [
        ("Huibian `collect_history` (1 × git rev-parse + 1 × git log)", ours_s, 2),
        ("plugin `Util.get_git_commit_timestamp`, last + first per file", theirs_s, 2 * files),
    ]
    print()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{subprocess.run(['git', '--version'], capture_output=True, text=True).stdout.strip()}")
    print()
    print("| data collection for all files | seconds | git processes |")
    print("|---|---:|---:|")
    for label, seconds, processes in rows:
        print(f"| {label} | {seconds:.3f} | {processes} |")
    print()
    print(f"Same first-commit and last-change dates for {agree} of {files} files "
          f"({first_missing} without a first date in Huibian's answer).")
    if args.builds:
        plain = build(root, "  []")
        with_plugin = build(root, "  - git-revision-date-localized:\n      enable_creation_date: true")
        serial = build(root, "  - git-revision-date-localized:\n      enable_creation_date: true\n"
                             "      enable_parallel_processing: false")
        print()
        print("| `mkdocs build` of the same project (search off, navigation.prune) | seconds | plugin's cost |")
        print("|---|---:|---:|")
        print(f"| without the plugin | {plain:.1f} | – |")
        print(f"| with the plugin (creation date on, parallel processing on: default) | {with_plugin:.1f} | "
              f"{with_plugin - plain:+.1f} |")
        print(f"| with the plugin, parallel processing off | {serial:.1f} | {serial - plain:+.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
