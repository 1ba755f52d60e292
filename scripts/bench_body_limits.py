#!/usr/bin/env python3
"""Time to convert report bodies just under (and over) Huibian's body limits (huibian.body_limits).

    python scripts/bench_body_limits.py                    # writes docs/benchmarks-body-limits.md
    python scripts/bench_body_limits.py --smoke --out F    # a quick run (2 s limit a conversion)

Each body is converted once with the site's Markdown extensions (huibian.pdf.markup.EXTENSIONS, as
in mkdocs.yml), in a child process with a time limit, so an input over the limit that would run for
minutes shows as "> limit". The baseline, converted in the same run, is ordinary report prose of
the same length: what a body of that size costs when nothing in it is hostile.
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from huibian.body_limits import MAX_BRACKET_WORK, MAX_EMPHASIS, MAX_HTML_NESTING, MAX_NESTING, body_problem  # noqa: E402
from huibian.pdf.markup import EXTENSIONS  # noqa: E402

PROSE = "局党组坚持以学促干，全年开展宣讲活动八场，覆盖干部群众三百余人。"
"""The baseline's text: a sentence of an ordinary report, repeated to the length of the body measured."""


def _convert(text: str, out: multiprocessing.queues.Queue) -> None:  # type: ignore[name-defined]
    import markdown

    started = time.perf_counter()
    try:
        markdown.Markdown(extensions=EXTENSIONS).convert(text)
        out.put(time.perf_counter() - started)
    except RecursionError:
        out.put("RecursionError")


def convert_time(text: str, limit: float) -> float | str:
    """Seconds to convert `text` in a child process, or why there is no figure (over the limit, RecursionError)."""
    queue: multiprocessing.Queue[float | str] = multiprocessing.Queue()
    child = multiprocessing.Process(target=_convert, args=(text, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.kill()
        child.join()
        return f"> {limit:.0f} s"
    return queue.get()


def shown(figure: float | str) -> str:
    return f"{figure:.2f} s" if isinstance(figure, float) else figure


def prose(length: int) -> str:
    return (PROSE * (length // len(PROSE) + 1))[:length]


def largest_accepted(make: Callable[[int], str], high: int) -> int:
    """The largest n whose body `body_problem` accepts (n in 1..high, acceptance monotonic)."""
    low = 1
    while low < high:
        middle = (low + high + 1) // 2
        if body_problem(make(middle), 1, "bench.md") is None:
            low = middle
        else:
            high = middle - 1
    return low


# (body, its text for n, largest n to try, the multiple of n converted to show what the limit prevents)
CASES: list[tuple[str, Callable[[int], str], int, int]] = [
    ("`[` × n (one line)", lambda n: "[" * n, 100_000, 4),
    ("`![` × n (one line)", lambda n: "![" * n, 100_000, 4),
    ("`[^` × n (footnote refs)", lambda n: "[^" * n, 100_000, 4),
    ("50 × `[` then n characters", lambda n: "[" * 50 + "文" * n, 1_000_000, 4),
    ("`*`×n + x + `*`×n", lambda n: "*" * n + "x" + "*" * n, 10_000, 20),
    ("`*a `×n + x + ` a*`×n", lambda n: "*a " * n + "x" + " a*" * n, 10_000, 20),
    ("nested `!!! note` × n", lambda n: "".join("    " * i + "!!! note\n\n" for i in range(n)) + "x\n", 1_000, 40),
    ("nested `<div markdown=\"1\">` × n", lambda n: '<div markdown="1">\n' * n + "x\n" + "</div>\n" * n, 1_000, 20),
]


def page(limit: float) -> str:
    """The benchmark's Markdown page: every case just under its limit and over it, against the baseline."""
    lines = [
        "# Body limits: conversion time just under and over each limit",
        "",
        f"Written by `python scripts/bench_body_limits.py` ({platform.machine()}, {multiprocessing.cpu_count()} cores, "
        f"Python {platform.python_version()}; one run each, wall time of one conversion in a fresh process with the "
        "site's Markdown extensions, stopped after "
        f"{limit:.0f} s). Limits: block nesting {MAX_NESTING}, HTML nesting in markdown=\"1\" {MAX_HTML_NESTING}, "
        f"emphasis {MAX_EMPHASIS}, bracket work {MAX_BRACKET_WORK:,} characters. The baseline is ordinary report "
        "prose of the same length as the body at n, converted in the same run.",
        "",
        "| body | largest n accepted | convert at n | baseline: prose of the same length | at n against the baseline "
        "| refused: k × n | convert at k × n |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, make, high, times in CASES:
        n = largest_accepted(make, high)
        body = make(n)
        at_n, baseline = convert_time(body, limit), convert_time(prose(len(body)), limit)
        ratio = f"{at_n / baseline:.1f}×" if isinstance(at_n, float) and isinstance(baseline, float) and baseline else "–"
        over = convert_time(make(times * n), limit)
        lines.append(f"| {label} | {n:,} | {shown(at_n)} | {shown(baseline)} | {ratio} | {times} × | {shown(over)} |")
        print(lines[-1], file=sys.stderr, flush=True)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks-body-limits.md")
    parser.add_argument("--smoke", action="store_true", help="stop each conversion after 2 s instead of 60 s")
    args = parser.parse_args(argv)
    args.out.write_text(page(2.0 if args.smoke else 60.0), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
