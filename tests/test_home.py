"""The generated home page: current period and who is missing, latest reports, compilations, ways in.

Real MkDocs builds of tiny collections; the assertions read the home page as a reader sees it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from huibian.check import check_collection, published
from huibian.home import current_period
from huibian.matrix import Matrix
from huibian.site import SiteModel

from conftest import commit, git, mkdocs_build, report_text

JTJ = report_text(extra="date: 2024-07-08\nclassification: public\nstatus: final\n")
JYJ_DRAFT_TITLE = "测试县教育局2024年上半年意识形态工作情况汇报"
JYJ_DRAFT = report_text(unit="jyj", extra="date: 2024-07-20\nclassification: public\nstatus: draft\n")
JTJ_2023 = report_text(period='"2023"', extra="date: 2024-01-10\nclassification: public\nstatus: final\n")
INTRO = "本站汇集桐溪县各单位报送的工作报告。"  # from docs/index.md, the hand-written part


def home_text(root: Path) -> str:
    html = (root / "site" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", article.replace("&para;", ""))).strip()


def home_links(root: Path) -> dict[str, str]:
    """Link text -> href in the generated part of the home page."""
    html = (root / "site" / "index.html").read_text(encoding="utf-8")
    part = html[html.index('<div class="hb-home">'):]
    return {re.sub(r"<[^>]+>", "", text): href for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', part)}


def build(root: Path, **env: str) -> None:
    done = mkdocs_build(root, env=env)
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.mark.slow
def test_home_page_says_which_period_is_current_and_who_is_missing(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": JTJ, "jyj/b.md": JYJ_DRAFT, "jtj/c.md": JTJ_2023})
    build(root)
    text = home_text(root)
    assert text.index(INTRO) < text.index("本期报送情况")  # the hand-written text stays above
    assert "本期报送情况：2024年上半年" in text
    assert "应报 3 份：已报送 1，草稿 1，未报送 1" in text
    assert "尚未报送：养护中心（意识形态工作）" in text
    latest = text[text.index("最新报告"):text.index("更多见最近更新")]
    # Outside git: by the reports' own dates, newest first; the draft says so.
    assert latest.index(f"2024年7月20日 {JYJ_DRAFT_TITLE}（教育局） 草稿") < latest.index("2024年7月8日 测试县交通运输局")
    assert latest.index("2024年7月8日") < latest.index("2024年1月10日")
    assert "汇编下载" not in text  # no PDFs built
    links = home_links(root)
    assert links["养护中心"] == "units/glzx/"
    assert links["2024年上半年"] == "periods/2024-h1/"
    assert links["意识形态工作"] == "kinds/ideology/"
    assert links[JYJ_DRAFT_TITLE] == "reports/jyj/2024-h1-ideology/"
    for href in links.values():
        target = root / "site" / href
        assert (target / "index.html").is_file() or target.is_file(), href


@pytest.mark.slow
def test_public_home_page_names_only_what_it_publishes(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": JTJ, "jyj/b.md": JYJ_DRAFT, "jtj/c.md": JTJ_2023})
    build(root, HUIBIAN_AUDIENCE="public")
    text = home_text(root)
    assert "应报 3 份：已公开 1，未公开 2" in text
    assert "未公开：养护中心（意识形态工作）、教育局（意识形态工作）" in text
    assert JYJ_DRAFT_TITLE not in text and "草稿" not in text and "已报送" not in text and "尚未报送：" not in text
    assert "测试县交通运输局2024年上半年意识形态工作情况汇报" in text


@pytest.mark.slow
def test_home_page_offers_the_current_compilations(project: Callable[..., Path]) -> None:
    collection_pdf = "\npdf:\n  bundles: [period, collection]\n"
    from conftest import TINY_COLLECTION

    root = project({"jtj/a.md": JTJ, "jtj/c.md": JTJ_2023}, collection=TINY_COLLECTION + collection_pdf)
    build(root, HUIBIAN_PDF="1")
    text = home_text(root)
    assert "汇编下载" in text
    links = {label: href for label, href in home_links(root).items() if href.endswith(".pdf")}
    assert links == {
        "2024年上半年工作报告汇编（PDF）": "pdf/period-2024-H1.pdf",  # the current period's, not 2023's
        "测试汇编（全部报告，PDF）": "pdf/collection.pdf",
    }
    for href in links.values():
        assert (root / "site" / href).read_bytes().startswith(b"%PDF")


@pytest.mark.slow
def test_in_git_the_latest_reports_are_the_latest_commits(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": JTJ, "jtj/c.md": JTJ_2023})
    git(root, "init", "-q", "-b", "main")
    commit(root, "报送", "2024-07-10T09:30:00+08:00", ".")
    path = root / "reports" / "jtj" / "c.md"  # the 2023 report, dated earlier, edited last
    path.write_text(path.read_text(encoding="utf-8") + "\n补充一段。\n", encoding="utf-8")
    commit(root, "修改", "2024-09-01T16:00:00+08:00", "reports/jtj/c.md")
    build(root)
    latest = home_text(root)
    latest = latest[latest.index("最新报告"):latest.index("更多见最近更新")]
    assert latest.index("2024年9月1日 测试县交通运输局2023年度") < latest.index("2024年7月10日 测试县交通运输局2024年上半年")


def test_current_period_is_the_newest_owed_or_reported(project: Callable[..., Path]) -> None:
    """A report for a period nobody owes still makes it current when it falls due last."""
    root = project({"jtj/a.md": JTJ, "jtj/y.md": report_text(period='"2024"', extra="date: 2025-01-08\n")})
    result = check_collection(root)
    assert result.collection is not None
    site = SiteModel(result.collection, published(result.reports, "internal"))
    period = current_period(site, Matrix(site.collection, site.reports))
    assert period is not None and period.label == "2024年度"
    empty = SiteModel(result.collection, [])
    assert current_period(empty, Matrix(empty.collection, [])).label == "2024年上半年"  # owed, nothing in
