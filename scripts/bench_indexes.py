#!/usr/bin/env python3
"""How much do the generated index pages add to a site build?

    python scripts/bench_indexes.py PROJECT [--runs N]

PROJECT is a Huibian project, e.g. made by `python scripts/gen_corpus.py 1000 /tmp/corpus --clean`.
Builds it in this process N times with the index pages and N times without (alternating, so
both see the same machine load), with HUIBIAN_PDF=0. "Without" keeps only an empty landing page
per navigation section, so the navigation is the same. Also times `index_pages()` alone and
reports how many pages and bytes of Markdown it generates. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import markdown
from mkdocs.commands.build import build
from mkdocs.config import load_config

from huibian import generate as generate_step
from huibian import indexes
from huibian.check import check_collection, published
from huibian.site import GeneratedPage, SiteModel


def landing_only(site: SiteModel) -> list[GeneratedPage]:
    return [GeneratedPage(uri, f"# {title}\n") for title, uri in indexes.NAV_SECTIONS]


def timed_build(project: Path, with_indexes: bool) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of one build."""
    generate_step.index_pages = indexes.index_pages if with_indexes else landing_only  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(prefix="bench-site-") as out:
        config = load_config(str(project / "mkdocs.yml"), site_dir=out)
        config.plugins.on_startup(command="build", dirty=False)
        start, cpu = time.perf_counter(), time.process_time()
        build(config)
        return time.perf_counter() - start, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("project", type=Path)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    project = args.project.resolve()
    os.environ["HUIBIAN_PDF"] = "0"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(project)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    result = check_collection(project)
    assert result.collection is not None, "collection.yml has errors"
    site = SiteModel(result.collection, published(result.reports, "internal"))
    start = time.process_time()
    pages = indexes.index_pages(site)
    generate = time.process_time() - start
    size = sum(len(p.content.encode("utf-8")) for p in pages)
    config = load_config(str(project / "mkdocs.yml"))
    converted = []
    for generated in pages:
        md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        start = time.process_time()
        md.convert(generated.content)
        converted.append((time.process_time() - start, generated.src_uri, len(generated.content.encode("utf-8"))))
    converted.sort(reverse=True)
    print(f"Markdown of the index pages: {sum(c[0] for c in converted):.2f} s CPU; slowest:", file=sys.stderr)
    for seconds, uri, length in converted[:3]:
        print(f"  {uri}: {seconds:.2f} s, {length / 1e3:.0f} kB", file=sys.stderr)

    wall: dict[bool, list[float]] = {True: [], False: []}
    cpu: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(args.runs):
        for with_indexes in (False, True):
            seconds, cpu_seconds = timed_build(project, with_indexes)
            wall[with_indexes].append(seconds)
            cpu[with_indexes].append(cpu_seconds)
            label = "with" if with_indexes else "without"
            print(f"build {label} index pages: {seconds:.1f} s wall, {cpu_seconds:.1f} s CPU", file=sys.stderr)
    print("| reports | index pages | Markdown generated | index_pages() CPU | measure | build without | build with | added |")
    print("|---:|---:|---:|---:|---|---:|---:|---:|")
    for name, table in (("CPU", cpu), ("wall", wall)):
        without, with_ = statistics.median(table[False]), statistics.median(table[True])
        print(f"| {len(site.reports)} | {len(pages)} | {size / 1e6:.1f} MB | {generate:.2f} s | {name} | {without:.1f} s "
              f"| {with_:.1f} s | {with_ - without:+.1f} s ({(with_ - without) / without:+.0%}) |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
