"""Images a report links to with a relative path (e.g. those `huibian import` saves from Word).

A report's site page is generated at `reports/<unit>/<period>-<kind>.md`, not where its file
lives, so the images it links to must be published at the same relative place. Only images of
the reports an edition publishes are returned, and only files inside the reports folder: a link
that leaves it, or names a URL or an absolute path, is ignored.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from huibian.report import Report

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"}
"""Raster images only: an SVG opened on its own could run script in the site's origin."""
_IMAGE_LINK = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def report_assets(report: Report, root: Path) -> list[tuple[str, Path]]:
    """(site src_uri, file) for every local image the report links to."""
    if "![" not in report.body:  # most reports link no image: no folder to resolve
        return []
    reports_dir = (root / "reports").resolve()
    source_dir = (root / report.source).resolve().parent
    page_dir = posixpath.dirname(report.src_uri)
    found: dict[str, Path] = {}
    for match in _IMAGE_LINK.finditer(report.body):
        link = unquote(match.group(1))
        if ":" in link or link.startswith(("/", "\\", "#")) or Path(link).suffix.lower() not in IMAGE_SUFFIXES:
            continue
        path = (source_dir / link).resolve()
        if not path.is_file() or not path.is_relative_to(reports_dir):
            continue
        uri = posixpath.normpath(posixpath.join(page_dir, link))
        if uri.startswith("reports/"):
            found[uri] = path
    return sorted(found.items())
