#!/usr/bin/env python3
"""Compare search engines for Huibian on a generated collection (default 1,000 reports).

    python scripts/bench_search.py [-n 1000] [--work DIR] [--smoke] [--markdown FILE]
                                   [--jieba-path DIR] [--skip-material]

Candidates, measured side by side on the same Markdown (scripts/gen_corpus.py --clean):

- Huibian's own index (src/huibian/search.py + docs/javascripts/hb-search.js): a sharded
  character-bigram index written in `on_post_build`;
- Pagefind extended (`pagefind_extended` from the `pagefind[extended]` wheel), run over the
  built Huibian site's report pages, article element only;
- Material's built-in search plugin on the plain baseline project (gen_corpus --bare), without
  jieba, and with jieba when `--jieba-path` points at a folder holding the `jieba` package
  (Material segments with jieba whenever it can import it; it is not a project dependency).

Figures: index bytes on disk, indexing time, bytes transferred by the first query in a fresh
browser (Chromium through Playwright, resource timing `transferSize`, cache empty), and recall
against a plain substring search over every report's text (title, tags, body, Markdown
markup removed) for a seeded sample of 2-4-character Chinese terms and unit names. Recall is measured
in the browser with each engine's own JavaScript. Material's recall is not measured here
(its 36 MB index takes seconds per page load; see the issue for its known misses).

Writes Markdown (no top-level heading) to --markdown, default docs/benchmarks-search.md with a
heading and an explanation around it.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
HAN_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")
FIXED_TERMS = ["三会一课", "网评员", "学习强国", "意识形态", "形态", "舆论", "网络", "风险"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUIBIAN_PDF": "0"}


def progress(message: str) -> None:
    print(f"[bench_search {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    return run_output(cmd, cwd, env)[0]


def run_output(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env or ENV)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr[-3000:]}")
    return time.perf_counter() - started, done.stderr


# `mkdocs build` with the time spent inside Material's search plugin (all its event handlers,
# jieba segmentation included) added up and printed at exit.
TIMED_MATERIAL_BUILD = """
import atexit, sys, time
if sys.argv[1] == "no-jieba":
    sys.modules["jieba"] = None
del sys.argv[1]
from material.plugins.search import plugin
spent = [0.0]
def timed(handler):
    def run(*args, **kwargs):
        started = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started
    return run
for name in dir(plugin.SearchPlugin):
    if name.startswith("on_"):
        setattr(plugin.SearchPlugin, name, timed(getattr(plugin.SearchPlugin, name)))
atexit.register(lambda: print(f"SEARCH_SECONDS {spent[0]:.3f}", file=sys.stderr))
from mkdocs.__main__ import cli
cli()
"""


def folder_bytes(folder: Path) -> tuple[int, int, int]:
    """(total bytes, number of files, largest file)."""
    sizes = [p.stat().st_size for p in folder.rglob("*") if p.is_file()]
    return sum(sizes), len(sizes), max(sizes, default=0)


# ---------------------------------------------------------------- ground truth


def report_texts(project: Path) -> dict[str, str]:
    """Site URL of each report -> its title and body with Markdown markup removed."""
    sys.path.insert(0, str(REPO / "src"))
    from huibian.check import check_collection, published

    result = check_collection(project)
    texts = {}
    for report in published(result.reports, "internal"):
        body = re.sub(r"[*_`#>|]", "", report.body)
        texts[report.url] = "\n".join([report.title, *report.tags, body])  # tags show on the page too
    return texts


def sample_terms(project: Path, texts: dict[str, str], seed: int, per_length: int) -> list[tuple[str, str]]:
    """(kind, term): random 2-, 3- and 4-character substrings of Han runs, unit names, fixed terms."""
    rng = random.Random(seed)
    urls = sorted(texts)
    terms: list[tuple[str, str]] = []
    for length in (2, 3, 4):
        seen: set[str] = set()
        while len(seen) < per_length:
            runs = HAN_RUN.findall(texts[rng.choice(urls)])
            run_ = rng.choice(runs)
            start = rng.randrange(0, len(run_) - length + 1)
            seen.add(run_[start : start + length])
        terms += [(f"{length} 字", t) for t in sorted(seen)]
    import yaml

    units = yaml.safe_load((project / "reports" / "collection.yml").read_text(encoding="utf-8"))["units"]
    names = sorted({u["name"] for u in units} | {u["short"] for u in units})
    terms += [("单位名称", t) for t in rng.sample(names, min(per_length, len(names)))]
    terms += [("常用词", t) for t in FIXED_TERMS]
    return terms


# ---------------------------------------------------------------- serving and the browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


PAGEFIND_FIND = """async ([base, term, all]) => {
  const pagefind = await import(base + 'pagefind/pagefind.js');
  await pagefind.options({ basePath: base + 'pagefind/' });
  const found = await pagefind.search(term);
  const results = all ? found.results : found.results.slice(0, 5);
  const data = await Promise.all(results.map((r) => r.data()));
  return data.map((d) => d.url.replace(/^\\//, ''));
}"""


def transferred(page: Any, marker: str) -> int:
    return int(page.evaluate(
        "(marker) => performance.getEntriesByType('resource').filter((e) => e.name.includes(marker))"
        ".reduce((sum, e) => sum + e.transferSize, 0)", marker))


def measure_huibian(browser: Any, base: str, terms: list[tuple[str, str]]) -> dict[str, Any]:
    found: dict[str, set[str]] = {}
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "search/")
    for _, term in terms:
        found[term] = set(page.evaluate("(term) => window.huibianSearch.find(term)", term))
    context.close()
    first = []
    for _, term in terms[:: max(1, len(terms) // 8)]:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "search/?q=" + term)
        page.wait_for_selector("#hb-search[data-state=ready]", timeout=120_000)
        first.append(transferred(page, "/search/data/") + transferred(page, "hb-search.js"))
        context.close()
    return {"found": found, "first": first}


def measure_pagefind(browser: Any, base: str, terms: list[tuple[str, str]]) -> dict[str, Any]:
    found: dict[str, set[str]] = {}
    context = browser.new_context()
    page = context.new_page()
    page.goto(base)
    for _, term in terms:
        found[term] = set(page.evaluate(PAGEFIND_FIND, [base, term, True]))
    context.close()
    first = []
    for _, term in terms[:: max(1, len(terms) // 8)]:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base)
        page.evaluate(PAGEFIND_FIND, [base, term, False])
        first.append(transferred(page, "/pagefind/"))
        context.close()
    return {"found": found, "first": first}


def material_counts(browser: Any, site: Path, terms: list[str]) -> dict[str, str]:
    """What Material's own search UI reports for each term (its result line counts pages)."""
    counts = {}
    with serve(site) as base:
        page = browser.new_page()
        page.goto(base)
        box = page.locator("input.md-search__input")
        box.click()
        for term in terms:
            box.fill(term)
            box.press("End")  # Material reads the query on keyup
            page.wait_for_function(
                "(t) => { const m = document.querySelector('.md-search-result__meta');"
                " return m && !/正在初始化|键入/.test(m.textContent)"
                " && document.querySelector('input.md-search__input').value === t; }", arg=term, timeout=180_000)
            page.wait_for_timeout(300)
            text = page.locator(".md-search-result__meta").inner_text()
            found = re.search(r"(\d+k?) 个符合条件的结果", text)
            counts[term] = found.group(1) if found else ("1" if "找到 1 个" in text else "0")
        page.close()
    return counts


def recall_rows(terms: list[tuple[str, str]], texts: dict[str, str],
                engines: dict[str, dict[str, set[str]]]) -> tuple[list[str], list[str]]:
    """Per term kind: recall (found ∩ truth / truth) and extra hits, per engine; list of misses."""
    kinds = list(dict.fromkeys(kind for kind, _ in terms))
    rows = []
    misses = []
    for kind in kinds:
        chosen = [t for k, t in terms if k == kind]
        truth = {t: {url for url, text in texts.items() if t in text} for t in chosen}
        cells = []
        for name, found in engines.items():
            wanted = sum(len(truth[t]) for t in chosen)
            got = sum(len(found[t] & truth[t]) for t in chosen)
            extra = sum(len(found[t] - truth[t]) for t in chosen)
            perfect = sum(found[t] >= truth[t] for t in chosen)
            cells.append(f"{100 * got / max(wanted, 1):.1f} % ({perfect}/{len(chosen)} terms complete, "
                         f"{extra} extra)")
            misses += [f"{name}: “{t}” found {len(found[t] & truth[t])} of {len(truth[t])}"
                       for t in chosen if not found[t] >= truth[t]]
        hits = sum(len(v) for v in truth.values())
        rows.append(f"| {kind} | {len(chosen)} | {hits} | " + " | ".join(cells) + " |")
    return rows, misses


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="number of generated reports (default 1000)")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    parser.add_argument("--smoke", action="store_true", help="N=20, few terms: checks that the script runs")
    parser.add_argument("--repeat", type=int, default=1, help="accepted for scripts/bench.py; runs once")
    parser.add_argument("--markdown", type=Path, default=None, help="write the result tables here")
    parser.add_argument("--jieba-path", type=Path, default=None, help="folder holding the jieba package")
    parser.add_argument("--skip-material", action="store_true", help="do not build the Material baselines")
    args = parser.parse_args(argv)
    n = 20 if args.smoke else args.n
    per_length = 4 if args.smoke else 20
    work = args.work or Path(os.environ.get("TMPDIR", "/tmp")) / "huibian-bench-search"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    python = sys.executable
    started = time.perf_counter()

    progress(f"generating {n} reports")
    project = work / "huibian"
    run([python, str(REPO / "scripts" / "gen_corpus.py"), str(n), str(project), "--clean"], REPO)
    texts = report_texts(project)
    markdown_bytes = sum(len(t.encode("utf-8")) for t in texts.values())

    progress("building the Huibian site (HUIBIAN_PDF=0)")
    site = project / "site"
    build_time = run([python, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)], project)

    progress("timing Huibian's indexer alone")
    from huibian.check import check_collection, published
    from huibian.search import INDEX_DIR, index_site
    from huibian.site import SiteModel

    result = check_collection(project)
    assert result.collection is not None
    model = SiteModel(result.collection, published(result.reports, "internal"), "internal")
    t0 = time.perf_counter()
    stats, _ = index_site(model, site)
    index_time = time.perf_counter() - t0
    hb_bytes, hb_files, hb_largest = folder_bytes(site / INDEX_DIR)

    progress("running Pagefind extended over the report pages")
    from pagefind_bin_extended import get_executable

    pf_time = run([str(get_executable()), "--site", str(site), "--glob", "reports/**/*.html",
                   "--root-selector", "article.md-content__inner",
                   "--exclude-selectors", ".hb-meta, .hb-siblings, .headerlink, h1", "--quiet"], project)
    pf_bytes, pf_files, pf_largest = folder_bytes(site / "pagefind")

    material: list[tuple[str, float, int]] = []
    material_sites: list[tuple[str, Path]] = []
    if not args.skip_material:
        bare = work / "bare"
        run([python, str(REPO / "scripts" / "gen_corpus.py"), str(n), str(bare), "--clean", "--bare"], REPO)
        for label, mode, env in (("Material search, no jieba", "no-jieba", ENV),
                                 ("Material search + jieba", "jieba", {**ENV, "PYTHONPATH": str(args.jieba_path)})):
            if mode == "jieba" and not args.jieba_path:
                continue
            progress(f"building the Material baseline: {label}")
            out = work / f"material-{mode}"
            _, stderr = run_output([python, "-c", TIMED_MATERIAL_BUILD, mode, "build", "-q", "-d", str(out)], bare, env)
            seconds = float(re.findall(r"SEARCH_SECONDS ([\d.]+)", stderr)[-1])
            material.append((label, seconds, (out / "search" / "search_index.json").stat().st_size))
            material_sites.append((label, out))

    progress("querying in Chromium")
    terms = sample_terms(project, texts, seed=7, per_length=per_length)
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        hb = measure_huibian(browser, base, terms)
        pf = measure_pagefind(browser, base, terms)
        spot = FIXED_TERMS + [t for k, t in terms if k == "4 字"][:2] + [t for k, t in terms if k == "单位名称"][:2]
        spot_counts = {label: material_counts(browser, folder, spot) for label, folder in material_sites}
        browser.close()
    rows, misses = recall_rows(terms, texts, {"Huibian": hb["found"], "Pagefind": pf["found"]})

    mb = 1e6
    lines = [
        f"Collection: {n} generated reports (`scripts/gen_corpus.py {n} OUT --clean`), "
        f"{markdown_bytes / mb:.1f} MB of report text; machine: {os.cpu_count()} cores, shared; single runs. "
        f"Whole Huibian site build (`mkdocs build`, HUIBIAN_PDF=0, index included): {build_time:.1f} s.",
        "",
        "| engine | index on disk | files | largest file | indexing time | first query transfer (max of "
        f"{len(hb['first'])} queries, fresh browser) |",
        "|---|---:|---:|---:|---:|---:|",
        f"| **Huibian bigram index** (chosen) | {hb_bytes / mb:.1f} MB | {hb_files} | {hb_largest / 1e3:.0f} KB | "
        f"{index_time:.1f} s | {max(hb['first']) / 1e3:.0f} KB |",
        f"| Pagefind extended 1.5.2 | {pf_bytes / mb:.1f} MB | {pf_files} | {pf_largest / 1e3:.0f} KB | "
        f"{pf_time:.1f} s | {max(pf['first']) / 1e3:.0f} KB |",
    ]
    for name, seconds, size in material:
        lines.append(f"| {name} | {size / mb:.1f} MB | 1 | {size / mb:.1f} MB | {seconds:.1f} s (in the plugin) "
                     f"| {size / mb:.1f} MB (the whole index) |")
    lines += [
        "",
        f"Huibian index: {stats.sections} sections, {stats.keys} distinct keys, {stats.shards} shards. "
        "First-query transfer counts every file under `search/data/` plus `hb-search.js`; for Pagefind, "
        "everything under `pagefind/` for a search and the data of its first 5 results (what its UI shows).",
        "",
        "Recall against a substring search over the report texts (title, tags, body), in the browser:",
        "",
        "| terms | sampled | reports containing them | Huibian | Pagefind extended |",
        "|---|---:|---:|---|---|",
        *rows,
        "",
        "“extra” = reports returned that do not contain the term. Huibian's candidates come from the "
        "index alone; the results page checks each shown hit against its text before listing it.",
    ]
    if spot_counts:
        labels = list(spot_counts)
        lines += ["", "Spot check of Material's search in the same browser (the number its result line shows; it "
                  "counts pages, and abbreviates 1,000 and more as “1k”), against the reports containing the term "
                  "and the reports Huibian lists:", "",
                  "| term | reports containing it | Huibian | " + " | ".join(labels) + " |",
                  "|---|---:|---:|" + "---:|" * len(labels)]
        for term in spot:
            truth = {url for url, text in texts.items() if term in text}
            listed = len(hb["found"][term] & truth)
            lines.append(f"| {term} | {len(truth)} | {listed} | "
                         + " | ".join(spot_counts[label][term] for label in labels) + " |")
    if misses:
        shown = misses[:25]
        lines += ["", f"Missed terms ({len(misses)}; first {len(shown)}):", ""] + [f"- {m}" for m in shown]
    lines += ["", f"Benchmark wall time: {time.perf_counter() - started:.0f} s."]
    text = "\n".join(lines) + "\n"
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
