#!/usr/bin/env python3
"""How fast is the recycled-text analysis (huibian.recycled), next to comparing reports pairwise?

    python scripts/bench_recycled.py [--sizes 1000,5000,10000] [--pairs 200] [--out docs/benchmarks-recycled.md]

For each size N, generates a corpus (`scripts/gen_corpus.py N`, recycled reports planted), reads its
reports, then times in this process, same run, same machine load:

- fingerprint: cutting every report into normalised passages (no cache: the first run);
- analyse: matching all passages of all reports (what every check and build does);
- one edit: a second run after one report changed (fingerprints of the others from the cache);
- baseline: `difflib.SequenceMatcher(None, a, b).ratio()` on the normalised text of a random sample of
  report pairs (and rapidfuzz's `fuzz.ratio` if installed), extrapolated to all N(N-1)/2 pairs.

Also checks that every planted recycled report is found above the threshold. Writes a Markdown page.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from huibian.check import check_collection
from huibian.recycled import CACHE_FILE, RecycledCache, analyse, fingerprint, normalise, recycled_settings

REPO = Path(__file__).resolve().parent.parent


def cpu(function, *args):  # type: ignore[no-untyped-def]
    """What `function(*args)` returns and the CPU seconds it took, its worker processes' included."""
    start = time.process_time() + _children()
    value = function(*args)
    return value, time.process_time() + _children() - start


def _children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def measure(n: int, pairs: int, work: Path) -> dict[str, object]:
    project = work / f"c{n}"
    subprocess.run([sys.executable, str(REPO / "scripts" / "gen_corpus.py"), str(n), str(project)], check=True,
                   capture_output=True)
    result = check_collection(project)  # also fills the lint cache
    assert result.collection is not None
    (project / CACHE_FILE).unlink()
    _, check_cold = cpu(check_collection, project)  # fingerprints cut by check's worker processes
    _, check_warm = cpu(check_collection, project)
    reports = result.reports
    settings, _ = recycled_settings(result.collection)
    prints, fingerprint_s = cpu(lambda: {r.source: fingerprint(r) for r in reports})
    analysis, analyse_s = cpu(analyse, reports, prints, settings)
    cache = RecycledCache(project / CACHE_FILE)
    cache.fingerprints(reports)
    cache.save()
    edited = reports[len(reports) // 2]
    edited.digest = "edited"
    cache = RecycledCache(project / CACHE_FILE)
    again, load_s = cpu(cache.fingerprints, reports)
    _, reanalyse_s = cpu(analyse, reports, again, settings)
    planted = json.loads((project / "planted.json").read_text(encoding="utf-8"))["recycled"]
    by_source = {r.report.source: r for r in analysis.by_source.values()}
    found = sum(1 for p in planted if p["category"] == "earlier" and by_source[p["path"]].earlier_share > settings.threshold
                and any(s.report.source == p["source"] for s in by_source[p["path"]].earlier))
    texts = [normalise(r.body) for r in reports]
    rng = random.Random(1)
    sample = [tuple(rng.sample(range(len(texts)), 2)) for _ in range(pairs)]
    _, difflib_s = cpu(lambda: [difflib.SequenceMatcher(None, texts[a], texts[b]).ratio() for a, b in sample])
    all_pairs = n * (n - 1) / 2
    row: dict[str, object] = {
        "n": n, "passages": sum(len(p.hashes) for p in prints.values()), "fingerprint": fingerprint_s,
        "analyse": analyse_s, "edit": load_s + reanalyse_s, "difflib_pair": difflib_s / pairs,
        "difflib_all": difflib_s / pairs * all_pairs, "planted": sum(p["category"] == "earlier" for p in planted),
        "found": found, "above": sum(r.share > settings.threshold for r in analysis.by_source.values()),
        "cache_mb": (project / CACHE_FILE).stat().st_size / 1e6, "check_cold": check_cold, "check_warm": check_warm,
    }
    try:
        from rapidfuzz import fuzz
    except ImportError:
        return row
    _, rapid_s = cpu(lambda: [fuzz.ratio(texts[a], texts[b]) for a, b in sample])
    row["rapidfuzz_all"] = rapid_s / pairs * all_pairs
    return row


def page(rows: list[dict[str, object]]) -> str:
    out = [
        "# Benchmark: recycled text (重复率)",
        "",
        "Written by `python scripts/bench_recycled.py` (CPU seconds on the shared 2-core machine, one run;",
        "generated corpora with recycled reports planted). The baseline compares the normalised text of report pairs",
        "with `difflib.SequenceMatcher.ratio()` on a random sample of pairs and extrapolates to all N(N-1)/2 pairs;",
        "it only gives one similarity number per pair, not the passages and their sources. rapidfuzz's `fuzz.ratio`",
        "(the same measure in C++) on the same sample, if installed.",
        "",
        "- fingerprints: cutting every report into normalised, hashed passages (the first run; later runs take them",
        "  from `.cache/huibian/recycled/fingerprints.json`);",
        "- matching: finding every passage's sources among all reports (every check and build);",
        "- after one edit: reading the cache, cutting the one changed report again and matching again;",
        "- ratio: the difflib baseline over all pairs / Huibian's total (fingerprints + matching);",
        "- planted recycled found: planted copies of a unit's earlier report found above the threshold with their source.",
        "",
        "| reports | passages | fingerprints (first run) | matching | after one edit | Huibian total | difflib, per pair "
        "| difflib, all pairs (extrapolated) | ratio | rapidfuzz, all pairs | planted recycled found | above threshold "
        "| cache file |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows_of(rows),
        "",
        "What `huibian check` takes (CPU seconds of the process and its worker processes: the machine was shared,",
        "with a load average around 10 on 2 cores, so wall times say little; all its checks, the lint cache warm),",
        "once with no fingerprint cached (cut by its worker processes) and once with all of them cached:",
        "",
        "| reports | no fingerprint cached | all cached | difference |",
        "|---:|---:|---:|---:|",
    ]
    for row in rows:
        cold, warm = float(row["check_cold"]), float(row["check_warm"])  # type: ignore[arg-type]
        out.append(f"| {row['n']:,} | {cold:.1f} s | {warm:.1f} s | {cold - warm:.1f} s |")
    return "\n".join(out) + "\n"


def rows_of(rows: list[dict[str, object]]) -> list[str]:
    out = []
    for row in rows:
        total = float(row["fingerprint"]) + float(row["analyse"])  # type: ignore[arg-type]
        rapid = f"{float(row['rapidfuzz_all']):,.0f} s" if "rapidfuzz_all" in row else "not installed"  # type: ignore[arg-type]
        out.append(
            f"| {row['n']:,} | {row['passages']:,} | {row['fingerprint']:.1f} s | {row['analyse']:.1f} s | {row['edit']:.1f} s "
            f"| {total:.1f} s | {float(row['difflib_pair']) * 1000:.0f} ms | {float(row['difflib_all']):,.0f} s "  # type: ignore[arg-type]
            f"| {float(row['difflib_all']) / total:,.0f}× | {rapid} | {row['found']}/{row['planted']} | {row['above']} "  # type: ignore[arg-type]
            f"| {float(row['cache_mb']):.1f} MB |"  # type: ignore[arg-type]
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks-recycled.md")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-recycled-") as work:
        for n in (int(size) for size in args.sizes.split(",")):
            rows.append(measure(n, args.pairs, Path(work)))
            print(rows[-1], file=sys.stderr, flush=True)
            os.sync()
    args.out.write_text(page(rows), encoding="utf-8")
    print(f"→ {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
