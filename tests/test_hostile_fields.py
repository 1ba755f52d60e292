"""Markup in front matter and collection.yml shows as text on every page and never runs (Chromium).

`huibian check` flags such markup (M016, C006); the site escapes it anyway, which is what these
tests show: the collection silences both findings so the build goes ahead, as `mkdocs serve`
previews a report with errors.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from huibian.displayed_text import markup_in

from conftest import copy_project, mkdocs_build, run_huibian, serve_folder


def payload(field: str) -> str:
    """A value that runs script wherever it is printed unescaped; `field` tells them apart."""
    return f"{field}<img src=x onerror=alert(1)><script>alert(2)</script>\"><svg onload=alert(3)>"


HOSTILE_COLLECTION = f"""\
title: '{payload("ctitle")}'
issuer: '{payload("issuer")}'
units:
  - id: jtj
    name: '{payload("unit")}'
    short: '{payload("unitshort")}'
  - id: jyj
    name: 测试县教育局
    parent: jtj
kinds:
  - id: ideology
    name: '{payload("kind")}'
    title: '{payload("kindtitle")}'
expectations:
  - kind: ideology
    units: all
    periods: [2024-H1, 2024-H2]
tags: ['{payload("tag")}', 理论学习]
"""

SILENCED = "lint:\n  ignore:\n    '*': [M016, C006]\n"


def hostile_report(period: str) -> str:
    return (
        f"---\ntitle: '{payload('title')}'\nunit: jtj\nperiod: {period}\nkind: ideology\ndate: 2024-07-08\n"
        f"classification: public\nstatus: final\ntags: ['{payload('tag')}', 理论学习]\n"
        f"author: '{payload('author')}'\nsummary: '{payload('summary')}'\nindex: ['{payload('term')}']\n---\n\n"
        "今年以来，我局推进“三会一课”制度，学习《工作条例》。\n\n## 一、工作开展情况\n\n"
        # the same paragraph in both reports: the H2 report recycles it, so review/ lists that report
        "局党组每月召开一次专题会议研究网络阵地管理，逐条梳理各股室报送的台账，对发现的问题明确责任人和整改时限，"
        "整改情况在下次会议上逐项销号；全年组织干部职工到青石岭红色教育基地开展现场教学四次，撰写心得体会八十余篇，"
        "择优在局门户网站和内部刊物上刊发，形成了以学促干、以干验学的良好氛围。\n"
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project", demo=False)
    (root / "reports/jtj").mkdir(parents=True)
    (root / "reports/collection.yml").write_text(HOSTILE_COLLECTION + SILENCED, encoding="utf-8")
    (root / "reports/jtj/a.md").write_text(hostile_report("2024-H1"), encoding="utf-8")
    (root / "reports/jtj/b.md").write_text(hostile_report("2024-H2").replace("date: 2024-07-08", "date: 2025-01-08"),
                                           encoding="utf-8")
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr[-3000:]
    return root


def test_check_flags_markup_in_front_matter_and_collection(project: Callable[..., Path]) -> None:
    root = project(collection=HOSTILE_COLLECTION)
    (root / "reports/jtj").mkdir()
    (root / "reports/jtj/a.md").write_text(hostile_report("2024-H1"), encoding="utf-8")
    done = run_huibian(root, "check")
    assert done.returncode == 1
    found = {line.split(": ", 1)[0] + " " + line.split(": ", 1)[1].split(" ", 1)[0]
             for line in done.stdout.splitlines() if " M016 " in line or " C006 " in line}
    assert found == {
        "reports/collection.yml:1:1 C006", "reports/collection.yml:2:1 C006", "reports/collection.yml:5:5 C006",
        "reports/collection.yml:6:5 C006", "reports/collection.yml:12:5 C006", "reports/collection.yml:13:5 C006",
        "reports/collection.yml:18:1 C006",
        "reports/jtj/a.md:2:1 M016", "reports/jtj/a.md:9:1 M016", "reports/jtj/a.md:10:1 M016",
        "reports/jtj/a.md:11:1 M016", "reports/jtj/a.md:12:1 M016",
    }
    title_line = next(line for line in done.stdout.splitlines() if line.startswith("reports/jtj/a.md:2:1: M016"))
    assert "“title”" in title_line and "全角" in title_line  # names the field and says how to write it


def test_markup_is_tags_and_entities_not_every_angle_bracket() -> None:
    assert markup_in("交通运输局<b>汇报</b>") == "<b>"
    assert markup_in("汇报</p>") == "</p>"
    assert markup_in("汇报<!-- 注释 -->") == "<!-- 注释 -->"
    assert markup_in("汇报&lt;script&gt;") == "&lt;"
    assert markup_in("汇报&#60;script") == "&#60;"
    assert markup_in("汇报<img src=x onerror=alert(1)") == "<img src=x onerror=alert(1)"
    for plain in ("PM2.5<35微克", "3 < 5 且 6 > 4", "R&D 投入", "A & B", "＜全角＞＆"):
        assert markup_in(plain) is None


@pytest.mark.slow
def test_pdf_shows_the_markup_as_text(hostile_site: Path) -> None:
    done = run_huibian(hostile_site, "pdf", "unit-jtj", "--jobs", "1")
    assert done.returncode == 0, done.stderr[-2000:]
    pdf = hostile_site / "site/pdf/unit-jtj.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = text.replace("\n", "")
    for field in ("title", "unit", "ctitle"):
        assert f"{field}<img src=x onerror=alert(1)>" in flat, field


def test_no_generated_file_holds_the_markup(hostile_site: Path) -> None:
    pages = sorted((hostile_site / "site").rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for needle in ("<img src=x", '<img src="x"', "<script>alert", "<svg onload"):
            assert needle not in text, f"{page.relative_to(hostile_site)} holds {needle}"


@pytest.fixture(scope="module")
def served_site(hostile_site: Path) -> Iterator[str]:
    with serve_folder(hostile_site / "site") as url:
        yield url


# Elements the payload would make: an event handler attribute, an inline script that alerts, an <img src=x>.
INJECTED = """() => {
  const all = [...document.querySelectorAll('*')];
  return all.filter(el => [...el.attributes].some(a => a.name.startsWith('on'))
      || (el.tagName === 'SCRIPT' && el.textContent.includes('alert('))
      || (el.tagName === 'IMG' && el.getAttribute('src') === 'x')).map(el => el.outerHTML.slice(0, 120));
}"""

PAGES = {
    "": ("title", "unitshort", "kind"),
    "reports/jtj/2024-h1-ideology/": ("title", "unit", "kind", "tag"),
    "units/": ("unit", "unitshort"),
    "units/jtj/": ("unit", "unitshort", "title", "summary"),
    "units/jyj/": ("unit",),
    "periods/": (),
    "periods/2024-h1/": ("unitshort", "kind", "title", "summary"),
    "kinds/": ("kind",),
    "kinds/ideology/": ("kind", "title"),
    "status/": ("kind", "unitshort"),
    "tags/": ("tag", "title"),
    "genindex/": ("term", "unitshort", "kind"),
    "stats/": ("unitshort", "kind"),
    "recent/": ("title",),
    "review/": ("title", "unitshort"),
    "search/?q=理论学习": ("title", "unit", "kind"),
}


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("url", list(PAGES))
def test_markup_in_every_field_runs_nothing_and_shows_as_text(served_site: str, browser: Any, url: str) -> None:
    dialogs: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(served_site + url)
    page.wait_for_load_state("load")
    if url.startswith("search/"):
        page.wait_for_selector(".hb-result", timeout=15_000)
    page.mouse.move(200, 200)
    page.wait_for_timeout(200)
    injected = page.evaluate(INJECTED)
    text = page.inner_text("body")
    context.close()
    assert dialogs == []
    assert injected == []
    for field in PAGES[url]:
        assert f"{field}<img src=x onerror=alert(1)>" in text, f"{field} not shown literally on {url}"


def test_findings_box_quotes_markup_as_text(project: Callable[..., Path]) -> None:
    """The box `HUIBIAN_SHOW_FINDINGS=1` puts on a page quotes the report's values (here an unknown tag)."""
    report = hostile_report("2024-H1").replace(f"tags: ['{payload('tag')}', 理论学习]", f"tags: ['{payload('other')}']")
    root = project({"jtj/a.md": report}, collection=HOSTILE_COLLECTION + SILENCED)
    done = mkdocs_build(root, env={"HUIBIAN_SHOW_FINDINGS": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    page = (root / "site/reports/jtj/2024-h1-ideology/index.html").read_text(encoding="utf-8")
    box = page.split('class="admonition warning"', 1)[1].split("</div>", 1)[0]
    assert "M015" in box and "other&lt;img src=x onerror=alert(1)&gt;" in box
    assert "<img" not in box and "<svg" not in box
