"""The linter's results for unchanged reports, kept between runs: check, build and serve lint only what changed.

Linting is most of checking a collection (12.9 of 17.1 s CPU at 10,000 reports). A report's lint
findings and its run-in headings depend only on its file, collection.yml and Huibian's code, so
one file maps each report's path and content digest to them, under a digest of collection.yml and
of the code. Each run writes the file anew with the reports it read, so it holds one collection
and never grows stale. The other checks of huibian.check.REPORT_CHECKS (links: milliseconds) run every time.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from huibian.cache_file import read_entries, write_entries
from huibian.code_version import code_digest
from huibian.collection import Collection
from huibian.findings import Finding, Severity
from huibian.lint import lint_report
from huibian.report import Report

CACHE_FILE = Path(".cache") / "huibian" / "lint" / "reports.json"
_FORMAT = 1

# A report as stored: [[line, col, code, severity, message] of each finding, run-in headings].
Entry = list[list[object]]


class LintCache:
    """`lint(report, collection)` from the cache file at `path` when the report's file is unchanged
    (no file: every report is linted, nothing is kept)."""

    def __init__(self, path: Path | None, collection: Collection) -> None:
        self.path = path
        # What the stored results hold for: collection.yml (units, kinds, lint settings) and Huibian's code.
        self.context = hashlib.sha256(f"{collection.digest}\0{code_digest()}".encode()).hexdigest()
        self._previous: dict[str, Entry] = (
            read_entries(path, _FORMAT, self.context) if path is not None and collection.digest else {})
        self._current: dict[str, Entry] = {}

    def lint(self, report: Report, collection: Collection) -> tuple[list[Finding], bool]:
        """`lint_report(report, collection)`, and whether it came from the cache (which also gives the report its
        run-in headings)."""
        restored = _restore(report, self._previous.get(_key(report))) if report.digest else None
        if restored is not None:
            return restored, True
        findings = lint_report(report, collection)
        _ = report.run_in_heads  # stored with the findings: computed now, in the process that holds the outline
        return findings, False

    def keep(self, report: Report, findings: list[Finding]) -> None:
        """Remember what `lint` gave `report` (in this process or a worker's) for the next run."""
        if not report.digest or self.path is None:  # not read from a file, or nothing kept
            return
        rows: list[object] = [[f.line, f.col, f.code, f.severity.value, f.message] for f in findings]
        self._current[_key(report)] = [rows, list(report.run_in_heads)]

    def keep_unlinted(self, report: Report) -> None:
        """Carry over the stored result of a report this run read but did not lint (`huibian check FILE`)."""
        key = _key(report)
        if key in self._previous:
            self._current[key] = self._previous[key]

    def save(self) -> None:
        """Write this run's reports, atomically; a cache that cannot be written only costs time."""
        if self.path is not None:
            write_entries(self.path, _FORMAT, self.context, self._current)


def _key(report: Report) -> str:
    return f"{report.source}\0{report.digest}"


def _restore(report: Report, entry: object) -> list[Finding] | None:
    """The findings of a stored entry, its headings set on `report`; None if the entry is not what `keep` writes."""
    if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], list) and isinstance(entry[1], list)):
        return None
    rows, heads = entry
    findings = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 5):
            return None
        line, col, code, severity, message = row
        if not (isinstance(line, int) and isinstance(col, int) and isinstance(code, str) and isinstance(message, str)
                and severity in ("error", "warning")):
            return None
        findings.append(Finding(report.source, line, col, code, Severity(severity), message))
    if not all(isinstance(head, str) for head in heads):
        return None
    vars(report)["run_in_heads"] = tuple(heads)  # what the cached_property would have computed
    return findings
