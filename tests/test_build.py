"""Real MkDocs builds of tiny collections in tmp_path and of the demo collection."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build, report_text, run_huibian

BODY = "上半年以来，我局扎实推进各项工作。\n\n## 一、工作开展情况\n\n加强理论学习。\n\n## 二、存在的问题\n\n学习不够深入。\n"


def tiny_reports() -> dict[str, str]:
    return {
        "jtj/2024-h1.md": report_text(body=BODY),
        "jtj/2023.md": report_text(
            title="测试县交通运输局2023年度意识形态工作情况汇报", period='"2023"',
            extra="date: 2024-01-10\nclassification: public\nstatus: final\n",
        ),
        "jyj/2024-h1.md": report_text(
            title="测试县教育局2024年上半年意识形态工作情况汇报", unit="jyj",
            extra="date: 2024-07-09\nclassification: internal\n",
            body="内部报告独有词语甲乙丙。\n\n## 一、工作开展情况\n\n正文。\n",
        ),
        "glzx/2024-h1.md": report_text(
            title="测试县公路养护中心2024年上半年意识形态工作情况汇报", unit="glzx",
            extra="date: 2024-07-10\nclassification: public\nstatus: draft\n",
            body="草稿独有词语丁戊己。\n\n## 一、工作开展情况\n\n正文。\n",
        ),
    }


def test_tiny_site_has_report_pages_with_metadata(project: Callable[..., Path]) -> None:
    root = project(tiny_reports())
    done = mkdocs_build(root, "--strict")
    assert done.returncode == 0, done.stderr
    page = (root / "site/reports/jtj/2024-h1-ideology/index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "测试县交通运输局2024年上半年意识形态工作情况汇报" in page
    assert "测试县交通运输局" in page and "2024年上半年" in page and "意识形态工作" in page
    assert "2024年7月8日" in page
    assert 'id="一工作开展情况"' in page  # Chinese anchors, not _1
    assert "上一篇：测试县交通运输局2023年度意识形态工作情况汇报" in page
    internal = (root / "site/reports/jyj/2024-h1-ideology/index.html").read_text(encoding="utf-8")
    assert "hb-badge--internal" in internal and ">内部<" in internal
    draft = (root / "site/reports/glzx/2024-h1-ideology/index.html").read_text(encoding="utf-8")
    assert ">草稿<" in draft


def test_catalog_lists_every_published_report(project: Callable[..., Path]) -> None:
    root = project(tiny_reports())
    assert mkdocs_build(root).returncode == 0
    catalog = json.loads((root / "site/catalog.json").read_text(encoding="utf-8"))
    by_id = {r["id"]: r for r in catalog["reports"]}
    assert set(by_id) == {"jtj/2023-ideology", "jtj/2024-h1-ideology", "jyj/2024-h1-ideology", "glzx/2024-h1-ideology"}
    entry = by_id["jtj/2024-h1-ideology"]
    assert entry == {
        "id": "jtj/2024-h1-ideology", "title": "测试县交通运输局2024年上半年意识形态工作情况汇报", "unit": "jtj",
        "period": "2024-H1", "kind": "ideology", "date": "2024-07-08", "classification": "public",
        "status": "final", "url": "reports/jtj/2024-h1-ideology/", "pdf": None, "docx": None,
    }
    for report in catalog["reports"]:
        assert (root / "site" / report["url"] / "index.html").is_file()


def test_public_edition_leaves_out_internal_and_draft(project: Callable[..., Path]) -> None:
    root = project(tiny_reports())
    done = mkdocs_build(root, env={"HUIBIAN_AUDIENCE": "public"})
    assert done.returncode == 0, done.stderr
    catalog = json.loads((root / "site/catalog.json").read_text(encoding="utf-8"))
    assert {r["id"] for r in catalog["reports"]} == {"jtj/2023-ideology", "jtj/2024-h1-ideology"}
    for path in (root / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            text = path.read_text(encoding="utf-8")
            for secret in ("甲乙丙", "丁戊己", "测试县教育局2024年上半年", "jyj/2024-h1-ideology", "glzx/2024-h1"):
                assert secret not in text, f"{secret} leaked into {path}"


def test_errors_stop_the_build_and_are_all_listed(project: Callable[..., Path]) -> None:
    reports = tiny_reports()
    reports["jtj/bad1.md"] = report_text(unit="nobody")
    reports["jtj/bad2.md"] = report_text(period="2024上半年")
    root = project(reports)
    done = mkdocs_build(root)
    assert done.returncode != 0
    assert "reports/jtj/bad1.md:3:1: M006" in done.stderr
    assert "reports/jtj/bad2.md:4:1: M008" in done.stderr
    assert "2 个错误" in done.stdout + done.stderr


def test_flat_urls_are_refused_with_a_message(project: Callable[..., Path]) -> None:
    root = project(tiny_reports())
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("use_directory_urls: true", "use_directory_urls: false"),
                      encoding="utf-8")
    done = mkdocs_build(root)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "use_directory_urls: true" in done.stdout + done.stderr
    assert not (root / "site" / "index.html").exists()


def test_navigation_stays_small(project: Callable[..., Path]) -> None:
    reports = {
        f"jtj/{year}-{half}.md": report_text(
            title=f"测试县交通运输局{year}年{'上' if half == 'H1' else '下'}半年意识形态工作情况汇报",
            period=f"{year}-{half}", extra="",
        )
        for year in range(2010, 2025)
        for half in ("H1", "H2")
    }
    root = project(reports)
    assert mkdocs_build(root).returncode == 0, "build failed"
    page = (root / "site/reports/jtj/2020-h1-ideology/index.html").read_text(encoding="utf-8")
    nav = page.split("md-nav--primary", 1)[1].split("</nav>", 1)[0]
    assert len(re.findall(r"<a ", nav)) < 15  # 30 reports, but the nav holds only the landing pages


def test_huibian_build_keeps_previous_site_on_failure(project: Callable[..., Path]) -> None:
    root = project(tiny_reports())
    first = run_huibian(root, "build", env={"HUIBIAN_PDF": "0"})
    assert first.returncode == 0, first.stderr
    marker = root / "site" / "index.html"
    before = marker.read_bytes()
    (root / "reports/jtj/broken.md").write_text(report_text(kind="nothing"), encoding="utf-8")
    second = run_huibian(root, "build", env={"HUIBIAN_PDF": "0"})
    assert second.returncode == 1
    assert "上一次的网站 site/ 保持不变" in second.stderr
    assert marker.read_bytes() == before
    assert not list(root.glob(".site.*"))  # the staging folder went with the failed build


def test_demo_collection_builds_strict(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "demo")
    done = mkdocs_build(root, "--strict")
    assert done.returncode == 0, done.stderr
    catalog = json.loads((root / "site/catalog.json").read_text(encoding="utf-8"))
    reports = catalog["reports"]
    assert len(reports) >= 20
    assert {r["unit"] for r in reports} >= {"jtj", "glzx", "jyj", "wlj", "hsz", "kfq"}
    assert any(r["classification"] == "internal" for r in reports)
    assert any(r["status"] == "draft" for r in reports)
    assert not any(r["unit"] == "kfq" and r["period"] == "2025-H1" for r in reports)


@pytest.mark.parametrize("audience", ["secret"])
def test_bad_audience_is_a_clear_error(project: Callable[..., Path], audience: str) -> None:
    root = project(tiny_reports())
    done = mkdocs_build(root, env={"HUIBIAN_AUDIENCE": audience})
    assert done.returncode != 0
    assert "HUIBIAN_AUDIENCE 只能是 internal 或 public" in done.stdout + done.stderr


def test_run_in_headings_are_bold_on_the_page(project: Callable[..., Path]) -> None:
    body = (
        "导语。\n\n## 一、工作开展情况\n\n（一）压实责任链条，推动任务落地。年初召开局党组会议。\n\n"
        "1.责任清单动态更新。清单由21项增加到24项。\n"
    )
    root = project({"jtj/a.md": report_text(body=body)})
    assert mkdocs_build(root).returncode == 0
    page = (root / "site/reports/jtj/2024-h1-ideology/index.html").read_text(encoding="utf-8")
    assert "<p><strong>（一）压实责任链条，推动任务落地。</strong>年初召开局党组会议。</p>" in page
    assert "<p><strong>1.责任清单动态更新。</strong>清单由21项增加到24项。</p>" in page


def test_theme_templates_are_compiled_once_and_again_when_edited(project: Callable[..., Path]) -> None:
    root = project(tiny_reports())
    assert mkdocs_build(root).returncode == 0
    cache = root / ".cache/huibian/jinja"
    compiled = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    assert len(compiled) > 10  # Material's main, base and partials
    page = root / "site/reports/jtj/2024-h1-ideology/index.html"
    first = page.read_text(encoding="utf-8")

    assert mkdocs_build(root).returncode == 0
    assert {path.name: path.stat().st_mtime_ns for path in cache.iterdir()} == compiled  # all read from the cache
    assert page.read_text(encoding="utf-8") == first

    header = root / "overrides/partials/header.html"
    header.write_text(header.read_text(encoding="utf-8").replace("</header>", "<!-- 本地改动 --></header>"),
                      encoding="utf-8")
    assert mkdocs_build(root).returncode == 0
    assert "<!-- 本地改动 -->" in page.read_text(encoding="utf-8")
    recompiled = [name for name, mtime in compiled.items() if (cache / name).stat().st_mtime_ns != mtime]
    assert len(recompiled) == 1


def test_pages_outside_the_navigation_share_theme_blocks_and_read_the_same(project: Callable[..., Path]) -> None:
    """overrides/main.html renders the tabs, navigation and config script once for all report pages:
    every page is byte for byte what Material's own main.html gives."""
    reports = {f"{unit}/{period}.md": report_text(unit=unit, period=period, extra="")
               for unit in ("jtj", "glzx", "jyj") for period in ("2024-H1", "2023")}
    root = project(reports)
    shared = mkdocs_build(root, "-v")
    assert shared.returncode == 0, shared.stderr[-2000:]
    reused = re.search(r"主题区块（标签栏、导航、配置）：(\d+) 次沿用已渲染的", shared.stderr)
    assert reused and int(reused[1]) >= 3 * (len(reports) - 1), shared.stderr[-2000:]
    pages = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*.html")}

    (root / "overrides" / "main.html").unlink()
    assert mkdocs_build(root).returncode == 0
    assert {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*.html")} == pages
    assert len(pages) > 20  # report pages, and unit pages outside the navigation but in a folder of it
