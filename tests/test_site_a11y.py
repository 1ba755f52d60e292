"""Every reader can use the site: axe-core finds nothing serious, the keyboard reaches everything,
phones show whole pages, paper gets only the content, and a missing page helps the reader on.

Debian's Chromium driven by Playwright over the demo collection, built once per edition
(fixtures `internal` and `public` in conftest.py: internal with its period PDFs under /huibian/).
axe-core comes bundled in axe-playwright-python: nothing is fetched from outside.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import CHROMIUM, Served

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed (scripts/setup_system.sh)"),
]

REPORT = "reports/jtj/2024-ideology/"  # public and final, with tags, neighbours and (internal) a PDF link
PAGE_TYPES = {
    "首页": "",
    "编写指南": "guide/",
    "检查规则": "rules/",
    "提法与错别字表": "wording/",
    "报告": REPORT,
    "按单位": "units/",
    "单位": "units/jtj/",
    "期间": "periods/2025-h1/",
    "类别": "kinds/ideology/",
    "报送情况": "status/",
    "索引": "genindex/",
    "统计": "stats/",
    "标签": "tags/",
    "最近更新": "recent/",
    "检索": "search/?q=舆情",
    "404": "reports/no/such/page/",
}


def _open(page: Any, served: Served, path: str) -> Any:
    response = page.goto(served.base + path)
    if path.startswith("search/"):
        page.wait_for_selector("#hb-search[data-state=ready]")
    else:
        page.wait_for_load_state("load")
    return response


def _serious(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
            for v in found if v["impact"] in ("serious", "critical")]


def _edition(request: pytest.FixtureRequest, name: str) -> Served:
    served: Served = request.getfixturevalue(name)
    return served


# -- axe ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("edition", ["internal", "public"])
def test_no_page_type_has_a_serious_accessibility_violation(request: pytest.FixtureRequest, page: Any,
                                                            edition: str) -> None:
    served = _edition(request, edition)
    # Control: axe as loaded here does find a contrast fault (Material's old red links, 3.4:1).
    page.set_content('<p style="color:#ef5552;background:#fff">桐溪县交通运输局</p>')
    assert any(v.startswith("color-contrast") for v in _serious(page))

    page.requested.clear()
    problems = {}
    for name, path in PAGE_TYPES.items():
        response = _open(page, served, path)
        assert response.status == (404 if name == "404" else 200), name
        if found := _serious(page):
            problems[name] = found
    assert problems == {}
    # Nothing loaded from outside the site (fonts, scripts, axe itself).
    assert page.requested and all(url.startswith(served.base) for url in page.requested), {
        url for url in page.requested if not url.startswith(served.base)
    }


# -- keyboard -----------------------------------------------------------------------------------

def _tab_to(page: Any, selector: str, limit: int = 30) -> int:
    """Press Tab until the focus is on `selector`; return how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} not reached with {limit} Tab presses")


FOCUS_MARK = """() => {
  const e = document.activeElement;
  const box = e.closest('.hb-search-box') || e;  // the header box outlines the whole form
  for (const el of [e, box]) {
    const s = getComputedStyle(el);
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) return true;
  }
  return false;
}"""


def test_a_search_by_keyboard_alone_lands_on_the_section(internal: Served, page: Any) -> None:
    page.goto(internal.base)
    presses = _tab_to(page, "header .hb-search-box input[name=q]")
    assert presses <= 6, presses
    assert page.evaluate(FOCUS_MARK), "the header search box shows no focus"
    page.keyboard.type("清风夜校")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_selector("#hb-search[data-state=ready]")
    # The focus is on the summary, which a screen reader reads out.
    assert page.evaluate("() => document.activeElement.matches('.hb-search-page__status')")
    assert page.evaluate("() => document.activeElement.textContent") == "共有 2 篇报告包含“清风夜校”。"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement === document.querySelector('.hb-result__title')")
    assert page.evaluate(FOCUS_MARK), "the first result shows no focus"
    title = page.evaluate("() => document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_url("**/reports/**")
    assert "#" in page.url and "hl=" in page.url
    assert page.locator("article h1").evaluate("h => h.firstChild.textContent") == title
    mark = page.locator("article mark.hb-hl").first
    mark.wait_for()
    assert page.evaluate(
        "() => { const r = document.querySelector('article mark.hb-hl').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }"
    ), "the highlighted term is not in view"


@pytest.mark.parametrize("path", [REPORT, "search/?q=交通运输局", "status/"])
def test_every_control_shows_where_the_focus_is(internal: Served, page: Any, path: str) -> None:
    _open(page, internal, path)
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        name = page.evaluate("() => { const e = document.activeElement; return e.tagName"
                             " + (e.className ? '.' + e.className : '') + ' ' + e.textContent.trim().slice(0, 20); }")
        if name.startswith("BODY"):
            break
        seen.append(name)
        assert page.evaluate(FOCUS_MARK), f"no focus mark on {name}"
    assert len(seen) >= 10, seen
    if path.startswith("search/"):  # the facet selects carry visible labels
        labels = page.evaluate("() => [...document.querySelectorAll('#hb-search select')]"
                               ".map(s => s.labels.length ? s.labels[0].firstChild.textContent.trim() : null)")
        assert labels == ["单位", "期间", "类别"]


# -- phone --------------------------------------------------------------------------------------

OVERFLOW = """() => {
  const width = window.innerWidth;
  const out = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 1 && !e.closest('.md-typeset__scrollwrap')) out.push(e.tagName + '.' + e.className);
  }
  return {scroll: document.scrollingElement.scrollWidth, width: width, outside: out.slice(0, 5)};
}"""


@pytest.mark.parametrize("width", [360, 390])
def test_every_page_fits_a_phone(internal: Served, browser: Any, tmp_path: Path, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=1)
    page = context.new_page()
    try:
        # Control: the check sees an element wider than the screen.
        page.set_content('<div style="width:600px">宽</div>')
        assert page.evaluate(OVERFLOW)["outside"]
        for name, path in PAGE_TYPES.items():
            _open(page, internal, path)
            found = page.evaluate(OVERFLOW)
            assert found["scroll"] <= found["width"] and not found["outside"], (name, found)
            page.screenshot(path=str(tmp_path / f"{width}-{name}.png"))
        assert len(list(tmp_path.glob("*.png"))) == len(PAGE_TYPES)
    finally:
        context.close()


def test_the_matrix_on_a_phone_shows_the_newest_period_beside_the_units(internal: Served, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        _open(page, internal, "status/")
        frame = page.locator(".hb-matrix").first
        hint = frame.locator(".hb-scroll-hint")
        assert hint.is_visible() and hint.inner_text() == "左右滑动查看更多期间 →"
        geometry = """f => {
          const wrap = f.querySelector('.md-typeset__scrollwrap');
          const heads = f.querySelectorAll('thead th');
          const newest = heads[heads.length - 1].getBoundingClientRect();
          const unit = f.querySelector('tbody td').getBoundingClientRect();
          return {scrolled: wrap.scrollLeft, newest: [newest.left, newest.right], unit: [unit.left, unit.width],
                  frame: wrap.getBoundingClientRect().left,
                  width: window.innerWidth, text: heads[heads.length - 1].textContent,
                  shadow: getComputedStyle(f.querySelector('tbody td')).boxShadow};
        }"""
        shown = frame.evaluate(geometry)
        assert shown["text"] == "2025年上半年"
        assert shown["scrolled"] > 0  # it starts scrolled to the newest period…
        assert shown["newest"][0] >= 0 and shown["newest"][1] <= shown["width"] + 1, shown
        assert shown["shadow"] != "none"  # …with a shadow where the periods slide under the units
        # Scrolled further than the unit column is wide, the unit column is still in the frame.
        assert shown["scrolled"] > shown["unit"][1] and shown["unit"][0] >= shown["frame"] - 1, shown
        assert "草稿" in frame.inner_text() and "未报送" in frame.inner_text()
        # The statistics tables keep their first column in place too.
        _open(page, internal, "stats/")
        sticky = page.evaluate("() => [...document.querySelectorAll('.hb-scroll tbody td:first-child')]"
                               ".map(td => getComputedStyle(td).position)")
        assert sticky and set(sticky) == {"sticky"}
    finally:
        context.close()


# -- print --------------------------------------------------------------------------------------

def _printed(page: Any, served: Served, path: str, out: Path) -> list[str]:
    """The page printed by Chromium (print media, A4), read back with pdftotext: one text per sheet."""
    _open(page, served, path)
    page.emulate_media(media="print")
    page.pdf(path=str(out), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_pages_print_only_their_content(internal: Served, page: Any, tmp_path: Path) -> None:
    # On screen the report page has its chrome: tabs, tag chips, download link, neighbours, footer.
    chrome = ("编写指南", "检查规则", "上一篇", "下一篇", "本期汇编 PDF", "本期汇编 Word", "Material for MkDocs")
    _open(page, internal, REPORT)
    on_screen = page.locator("body").inner_text()
    assert all(words in on_screen for words in chrome), [w for w in chrome if w not in on_screen]
    assert page.locator(".md-tags").is_visible()

    sheets = _printed(page, internal, REPORT, tmp_path / "report.pdf")
    text = "".join(sheets)
    assert all(sheet.strip() for sheet in sheets), "a blank page"
    assert "桐溪县交通运输局2024年度意识形态工作情况汇报" in text.replace("\n", "").replace(" ", "")
    assert "2025年1月10日" in text  # the closing signature, on the last sheet
    assert [words for words in chrome if words in text] == []
    assert "PDF" not in text
    assert not page.locator(".md-tags").is_visible()

    sheets = _printed(page, internal, "status/", tmp_path / "status.pdf")
    assert len(sheets) == 1, f"{len(sheets)} pages"  # it printed a blank second page before
    text = sheets[0]
    for words in ("2023年度", "2024年上半年", "2025年上半年", "开发区党工委", "未报送", "草稿", "县公路养护中心"):
        assert words in text, words
    assert "左右滑动" not in text
    fits = page.evaluate("() => { const edge = document.querySelector('article').getBoundingClientRect().right;"
                         " return [...document.querySelectorAll('.hb-matrix table')]"
                         ".every(t => t.getBoundingClientRect().right <= edge + 1); }")
    assert fits, "the matrix is wider than the paper"
    assert page.evaluate("() => getComputedStyle(document.querySelector('.hb-matrix thead')).display") == "table-header-group"

    for path in ("periods/2025-h1/", ""):
        _open(page, internal, path)
        page.emulate_media(media="screen")
        on_screen = page.locator("article").inner_text()
        assert "PDF" in on_screen and "Word" in on_screen, path  # the download links are on screen…
        sheets = _printed(page, internal, path, tmp_path / "index.pdf")
        printed = "".join(sheets)
        assert all(sheet.strip() for sheet in sheets) and "PDF" not in printed and "Word" not in printed, path  # …not on paper
        page.emulate_media(media="screen")


# -- 404 ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("edition", ["internal", "public"])
def test_a_missing_page_offers_search_and_the_home_page(request: pytest.FixtureRequest, page: Any,
                                                        edition: str) -> None:
    served = _edition(request, edition)
    response = page.goto(served.base + "reports/jtj/no-such-report/")
    assert response.status == 404
    assert page.locator("article h1").inner_text() == "页面不存在"
    assert page.title().startswith("页面不存在")
    # The theme's stylesheets and scripts were found from this depth too.
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    box = page.locator("article input[name=q]")
    box.fill("清风夜校")
    box.press("Enter")
    page.wait_for_url(served.base + "search/?q=*")
    page.wait_for_selector("#hb-search[data-state=ready]")
    assert page.locator(".hb-result").count() >= 1
    page.goto(served.base + "no-such-page/")
    page.locator("article a", has_text="返回首页").click()
    page.wait_for_load_state("load")
    assert page.url.rstrip("./") + "/" == served.base
    assert page.locator("h2", has_text="本期报送情况").count() == 1
