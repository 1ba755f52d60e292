"""A cache of each report's PDF fragment, so that a build converts only the reports that changed.

Converting every report's Markdown was most of a PDF build in which nothing, or one report, had
changed (0.6–0.9 s of about 2 s at 200 reports). An entry is keyed by the report's source path,
first body line and body, Huibian's own code and the versions of the packages that convert and
clean the HTML. The conversion also asks the file system (does this image exist, is this link a
report inside the project); the entry records each question with its answer and is used only if
every answer is still the same.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from huibian.cache_file import write_cache_file
from huibian.code_version import code_digest
from huibian.findings import Finding, Severity
from huibian.pdf.markup import Fragment, lookup, render_report
from huibian.report import Report

PREFIX = "@@PREFIX@@"
"""The id prefix in cached fragments; the assembler replaces it with the report's number in a bundle."""


class FragmentCache:
    """Fragments in `folder/<key>.json`; `used` lists the entries this build read or wrote."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.folder = folder
        self.root = root.resolve()
        self.used: list[Path] = []

    def fragment(self, report: Report) -> Fragment:
        """The report's fragment from the cache, or converted now and stored."""
        entry = self.folder / f"{self._key(report)}.json"
        self.used.append(entry)
        cached = self._load(entry, report)
        if cached is not None:
            return cached
        fragment = render_report(report, self.root, PREFIX)
        self._store(entry, fragment)
        return fragment

    def _key(self, report: Report) -> str:
        digest = hashlib.sha256(code_digest().encode())
        for part in (report.source, str(report.body_line), report.body):
            digest.update(b"\0" + part.encode("utf-8"))
        return digest.hexdigest()

    def _load(self, entry: Path, report: Report) -> Fragment | None:
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
            folder = self.root / Path(report.source).parent
            if any(lookup(kind, reference, folder, self.root) != outcome
                   for kind, reference, outcome in data["lookups"]):
                return None
            return Fragment(
                data["html"],
                [Finding(path, line, col, code, Severity(severity), message)
                 for path, line, col, code, severity, message in data["findings"]],
                [self.root / image for image in data["images"]],
                [tuple(item) for item in data["lookups"]],
            )
        except (OSError, ValueError, KeyError, TypeError):  # missing, or written by something else
            return None

    def _store(self, entry: Path, fragment: Fragment) -> None:
        data = {
            "html": fragment.html,
            "findings": [[f.path, f.line, f.col, f.code, f.severity.value, f.message] for f in fragment.findings],
            "images": [image.relative_to(self.root).as_posix() for image in fragment.images],
            "lookups": fragment.lookups,
        }
        write_cache_file(entry, json.dumps(data, ensure_ascii=False))
