#!/usr/bin/env python3
"""Time to convert report bodies just under (and over) Huibian's body limits (huibian.body_limits).

    python scripts/bench_body_limits.py     # prints a Markdown table (docs/security.md quotes it)

Each body is converted once with the site's Markdown extensions (mkdocs.yml), in a child process
with a time limit, so an input over the limit that would run for minutes shows as "> limit".
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from huibian.body_limits import MAX_BRACKET_WORK, MAX_EMPHASIS, MAX_HTML_NESTING, MAX_NESTING, body_problem  # noqa: E402

EXTENSIONS = ["toc", "attr_list", "md_in_html", "admonition", "tables", "footnotes", "pymdownx.details"]
TIME_LIMIT = 60.0


def _convert(text: str, out: multiprocessing.queues.Queue) -> None:  # type: ignore[name-defined]
    import markdown

    started = time.perf_counter()
    try:
        markdown.Markdown(extensions=EXTENSIONS).convert(text)
        out.put(f"{time.perf_counter() - started:.2f} s")
    except RecursionError:
        out.put("RecursionError")


def convert_time(text: str) -> str:
    queue: multiprocessing.Queue[str] = multiprocessing.Queue()
    child = multiprocessing.Process(target=_convert, args=(text, queue))
    child.start()
    child.join(TIME_LIMIT)
    if child.is_alive():
        child.kill()
        child.join()
        return f"> {TIME_LIMIT:.0f} s"
    return queue.get()


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


def main() -> None:
    print(f"Limits: block nesting {MAX_NESTING}, HTML nesting in markdown=\"1\" {MAX_HTML_NESTING}, "
          f"emphasis {MAX_EMPHASIS}, bracket work {MAX_BRACKET_WORK:,} characters.\n")
    print("| body | largest n accepted | convert at n | refused: k × n | convert at k × n |")
    print("|---|---:|---:|---:|---:|")
    for label, make, high, times in CASES:
        n = largest_accepted(make, high)
        print(f"| {label} | {n:,} | {convert_time(make(n))} | {times} × | {convert_time(make(times * n))} |", flush=True)


if __name__ == "__main__":
    main()
