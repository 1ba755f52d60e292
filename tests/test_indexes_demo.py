"""Index pages of the demo collection in reports/, built for real (internal and public editions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from huibian.check import check_collection

from conftest import article, copy_project, mkdocs_build, report_links, row, text

INTERNAL_ONLY = ("reports/hsz/2024-ideology.md", "reports/glzx/2023-summary.md")
DRAFT = ("reports/wlj/2025-h1-ideology.md",)
INDEX_URLS = ("units", "periods", "kinds", "status", "tags", "genindex", "genindex/documents", "stats")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo collection built twice: internal and public edition."""
    sites = {}
    for audience in ("internal", "public"):
        root = copy_project(tmp_path_factory.mktemp(audience) / "project")
        done = mkdocs_build(root, env={"HUIBIAN_AUDIENCE": audience})
        assert done.returncode == 0, done.stderr
        assert "anchor" not in done.stderr, done.stderr
        sites[audience] = root / "site"
    return sites


def ids_by_unit(site: Path) -> dict[str, set[str]]:
    """The report URLs of each unit, from the check of the project the site was built from."""
    result = check_collection(site.parent)
    found: dict[str, set[str]] = {}
    for report in result.reports:
        found.setdefault(report.unit, set()).add(f"reports/{report.id}/")
    return found


def test_each_unit_page_lists_exactly_its_reports(demo: dict[str, Path]) -> None:
    expected = ids_by_unit(demo["internal"])
    assert len(expected) == 6
    for unit, urls in expected.items():
        assert report_links(f"units/{unit}/", article(demo["internal"], f"units/{unit}")) == urls, unit


def test_matrix_marks_kfq_2025_h1_as_missing(demo: dict[str, Path]) -> None:
    overview = article(demo["internal"], "status")
    assert "未报送：2025年上半年 开发区党工委（意识形态工作）" in text(overview)
    assert row(overview, "开发区党工委").split(" | ")[-1] == "未报送"
    assert row(overview, "县文旅局").split(" | ")[-1] == "草稿"
    period = article(demo["internal"], "periods/2025-h1")
    assert row(period, "开发区党工委") == "未报送"
    assert "未报送：开发区党工委（意识形态工作）" in text(period)


def test_term_in_two_reports_links_to_both(demo: dict[str, Path]) -> None:
    html = article(demo["internal"], "genindex")
    start = html.index("<strong>清风夜校</strong>")
    item = html[start : html.index("</ul>", start)]
    assert report_links("genindex/", item) == {"reports/jyj/2024-h1-ideology/", "reports/wlj/2024-ideology/"}
    assert "2 份报告" in text(item)


def test_public_edition_index_pages_hide_internal_and_draft_reports(demo: dict[str, Path]) -> None:
    result = check_collection(demo["public"].parent)
    hidden = [r for r in result.reports if r.source in INTERNAL_ONLY + DRAFT]
    assert len(hidden) == 3
    site = demo["public"]
    urls = list(INDEX_URLS) + [f"units/{u}" for u in ids_by_unit(demo["public"])]
    urls += [str(p.parent.relative_to(site)) for p in (site / "periods").glob("*/index.html")]
    urls += [str(p.parent.relative_to(site)) for p in (site / "kinds").glob("*/index.html")]
    for url in urls:
        html = article(site, url)
        links = report_links(url + "/", html)
        for report in hidden:
            assert f"reports/{report.id}/" not in links, (url, report.id)
            assert report.title not in text(html), (url, report.title)
        assert "草稿" not in text(html), url
    overview = article(site, "status")
    assert row(overview, "河山镇党委").split(" | ")[2] == "未公开"  # 2024年度, internal
    assert "hb-st--unpublished" in overview and "hb-st--missing" not in overview  # grey, not a red fault
    for unit in ("县交通运输局", "县教育局", "县文旅局", "河山镇党委", "开发区党工委", "县公路养护中心"):
        assert set(row(overview, unit).split(" | ")) <= {"已公开", "未公开", "—"}, unit
    for report in hidden:
        assert not (site / "reports" / report.id).exists()
    # the internal edition does show them
    internal = article(demo["internal"], "units/hsz")
    assert "reports/hsz/2024-ideology/" in report_links("units/hsz/", internal)


def test_every_link_of_the_index_pages_resolves(demo: dict[str, Path]) -> None:
    """Index pages write their links as raw HTML, which MkDocs does not validate: every page and anchor exists."""
    import posixpath
    import re
    from html import unescape
    from urllib.parse import unquote

    for audience, site in demo.items():
        pages = [p for url in ("units", "periods", "kinds", "status", "genindex", "reports")
                 for p in (site / url).rglob("index.html")]
        assert len(pages) > 20
        ids: dict[Path, set[str]] = {}
        checked = 0
        for built in pages:
            url = built.parent.relative_to(site).as_posix() + "/"
            for target, anchor in re.findall(r'href="([^"#:]*)(?:#([^"]*))?"', article(site, url.rstrip("/"))):
                if not target:
                    continue  # a link within the page (jump bar, permalinks)
                resolved = site / unquote(posixpath.normpath(posixpath.join(url, target)))
                destination = resolved / "index.html" if target.endswith("/") else resolved
                assert destination.is_file(), (audience, url, target)
                if anchor and destination.suffix == ".html":
                    if destination not in ids:
                        ids[destination] = set(re.findall(r'id="([^"]+)"', destination.read_text(encoding="utf-8")))
                    assert unescape(anchor) in {unescape(i) for i in ids[destination]}, (audience, url, target, anchor)
                checked += 1
        assert checked > 500, checked
