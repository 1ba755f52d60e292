"""The public edition, built with PDFs and search, holds nothing of an internal or draft report.

Tested the way an attacker would look: every file of site/ is read — HTML, JSON, XML, the
search index, gzip files, PDFs through pdftotext, Word files part by part — for each non-public report's unique marker,
title and URL.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from huibian.check import check_collection

from conftest import copy_project, mkdocs_build

INTERNAL_MARKER = "铜锣巷议事会"  # occurs only in reports/hsz/2024-ideology.md (classification: internal)


def readable_text(path: Path) -> str:
    """What a reader (or a script) can get out of one site file."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    if path.suffix == ".pdf":
        return subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True, text=True, check=True).stdout
    if path.suffix == ".docx":  # every part of the Word file: text, footers, properties
        with zipfile.ZipFile(path) as archive:
            return "\n".join(re.sub(r"<[^>]+>", "", archive.read(name).decode("utf-8"))
                             for name in archive.namelist() if name.endswith(".xml"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ""
    if path.suffix == ".json" or path.name.endswith(".json.gz"):
        # \uXXXX escapes hide Chinese from a plain grep; decode them too
        text += "\n" + json.dumps(json.loads(text), ensure_ascii=False)
    return text


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed")
    root = copy_project(tmp_path_factory.mktemp("public") / "demo")
    done = mkdocs_build(root, env={"HUIBIAN_AUDIENCE": "public", "HUIBIAN_PDF": "1"})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return root


def hidden_reports(root: Path) -> list[tuple[str, str, str]]:
    result = check_collection(root)
    return [(r.source, r.title, r.url) for r in result.reports if not r.is_public]


def test_demo_has_internal_and_draft_reports_to_hide(public_site: Path) -> None:
    hidden = hidden_reports(public_site)
    sources = {source for source, _, _ in hidden}
    assert {"reports/hsz/2024-ideology.md", "reports/glzx/2023-summary.md", "reports/wlj/2025-h1-ideology.md"} <= sources
    assert INTERNAL_MARKER in (public_site / "reports/hsz/2024-ideology.md").read_text(encoding="utf-8")


def test_nothing_of_a_hidden_report_appears_anywhere(public_site: Path) -> None:
    site = public_site / "site"
    needles = [INTERNAL_MARKER, INTERNAL_MARKER[1:3]]  # the marker and a bigram only it contains
    for _, title, url in hidden_reports(public_site):
        needles += [title, url.rstrip("/")]
    files = [p for p in site.rglob("*") if p.is_file()]
    assert any(p.suffix == ".pdf" for p in files), "the public edition was built without PDFs"
    assert any(p.suffix == ".docx" for p in files), "the public edition was built without Word files"
    assert any("search" in p.parts for p in files), "the public edition was built without a search index"
    leaks = []
    for path in files:
        text = readable_text(path)
        leaks += [f"{needle} in {path.relative_to(site)}" for needle in needles if needle in text]
    assert leaks == []


def test_counts_do_not_reveal_hidden_reports(public_site: Path) -> None:
    site = public_site / "site"
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    published = len(catalog["reports"])
    everything = len(check_collection(public_site).reports)
    assert published < everything
    page_counts: list[int] = []
    for page in ("stats/index.html", "units/index.html", "periods/index.html", "kinds/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        page_counts += [int(n) for n in re.findall(r"共\s*(\d+)\s*份", html)]
        assert f"共 {everything} 份" not in html and f"共{everything}份" not in html
    unit_rows = (site / "units/hsz/index.html").read_text(encoding="utf-8")
    assert "2024年度" not in unit_rows  # hsz's only 2024 report is internal
    assert all(count <= published for count in page_counts)


@pytest.fixture(scope="module")
def recycling_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo plus a public report that recycles the internal hsz/2024-ideology.md (year and marker changed)."""
    root = copy_project(tmp_path_factory.mktemp("recycled") / "demo")
    internal = (root / "reports/hsz/2024-ideology.md").read_text(encoding="utf-8")
    front, body = internal.split("\n---\n", 1)
    front = (front.replace("2024年度", "2025年度").replace('period: "2024"', 'period: "2025"')
             .replace("date: 2025-01-17", "date: 2026-01-16").replace("classification: internal", "classification: public"))
    copy = front + "\n---\n" + body.replace("2024年", "2025年").replace(INTERNAL_MARKER, "石板巷议事会")
    (root / "reports/hsz/2025-ideology.md").write_text(copy, encoding="utf-8")
    return root


def test_recycled_text_of_the_public_edition_names_no_hidden_report(recycling_project: Path) -> None:
    internal = check_collection(recycling_project)
    warned = [f for f in internal.findings if f.path == "reports/hsz/2025-ideology.md" and f.code == "R001"]
    assert warned and "reports/hsz/2024-ideology.md" in warned[0].message  # the internal check sees the copy
    done = mkdocs_build(recycling_project, env={"HUIBIAN_AUDIENCE": "public"})
    assert done.returncode == 0, done.stderr[-3000:]
    site = recycling_project / "site"
    assert (site / "reports/hsz/2025-ideology/index.html").is_file() and (site / "review/index.html").is_file()
    needles = [INTERNAL_MARKER]
    for _, title, url in hidden_reports(recycling_project):
        needles += [title, url.rstrip("/")]
    leaks = []
    for path in (p for p in site.rglob("*") if p.is_file()):
        text = readable_text(path)
        leaks += [f"{needle} in {path.relative_to(site)}" for needle in needles if needle in text]
    assert leaks == []
