"""Full-text search in a real browser: Debian's Chromium driven by Playwright, against the demo.

The demo collection is built and served once per session (fixtures `internal` and `public` in
conftest.py, shared with tests/test_site_a11y.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import CHROMIUM, REPO, Served

TWO_REPORT_TERM = "清风夜校"  # only in reports/jyj/2024-h1-ideology.md and reports/wlj/2024-ideology.md
INTERNAL_ONLY_TERM = "铜锣巷议事会"  # only in reports/hsz/2024-ideology.md (classification: internal)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed (scripts/setup_system.sh)"),
]


def search_from_header(page: Any, served: Served, term: str) -> None:
    """Type the term into the header box of the home page and press Enter, like a reader."""
    page.goto(served.base)
    box = page.locator("header .hb-search-box input[name=q]")
    box.fill(term)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    wait_for_results(page)


def wait_for_results(page: Any) -> None:
    page.wait_for_selector("#hb-search[data-state=ready]")


def result_titles(page: Any) -> list[str]:
    """Every result title, pressing 显示更多 (show more) until all are listed."""
    more = page.locator(".hb-results__more")
    for _ in range(100):
        if not more.is_visible():
            break
        more.click()
        wait_for_results(page)
    return [t.strip() for t in page.locator(".hb-results .hb-result__title").all_inner_texts()]


def test_term_from_two_reports_returns_exactly_those_two(internal: Served, page: Any) -> None:
    search_from_header(page, internal, TWO_REPORT_TERM)
    assert sorted(result_titles(page)) == [
        "桐溪县教育局2024年上半年意识形态工作情况汇报",
        "桐溪县文化和旅游局2024年度意识形态工作情况汇报",
    ]
    assert page.locator(".hb-search-page__status").inner_text() == f"共有 2 篇报告包含“{TWO_REPORT_TERM}”。"
    # every excerpt shows the term highlighted
    for excerpt in page.locator(".hb-result__excerpt").all():
        assert set(excerpt.locator("mark").all_inner_texts()) == {TWO_REPORT_TERM}
    # intranet: every request went to the site itself, under its sub-path
    assert page.requested and all(url.startswith(internal.base) for url in page.requested), page.requested


def test_index_pages_are_found_apart_from_the_reports(internal: Served, page: Any) -> None:
    search_from_header(page, internal, "河山镇")
    pages_box = page.locator(".hb-search-page__pages")
    pages_box.wait_for(state="visible")
    related = [t.strip() for t in pages_box.locator(".hb-result__title").all_inner_texts()]
    assert "中共桐溪县河山镇委员会" in related  # the unit's page
    assert all("汇报" not in title and "报告" not in title for title in related)  # reports are listed above, not here
    assert "共有" in page.locator(".hb-search-page__status").inner_text()
    page.select_option("select[name=unit]", "hsz")
    wait_for_results(page)
    assert pages_box.is_hidden()  # a facet filter narrows to reports only


def test_term_inside_a_longer_word_is_found(internal: Served, page: Any) -> None:
    """风夜 sits inside 清风夜校: word segmenters miss it, a substring search does not."""
    search_from_header(page, internal, "风夜")
    titles = result_titles(page)
    assert "桐溪县教育局2024年上半年意识形态工作情况汇报" in titles
    assert "桐溪县文化和旅游局2024年度意识形态工作情况汇报" in titles
    sources = [p.read_text(encoding="utf-8") for p in (REPO / "reports").rglob("*.md")]
    assert len(titles) == sum("风夜" in text for text in sources)


def test_unit_filter_narrows_the_result(internal: Served, page: Any) -> None:
    search_from_header(page, internal, "意识形态")
    everything = result_titles(page)
    assert len(everything) > 10  # more than one page of results
    assert page.locator(".hb-search-page__status").inner_text() == f"共有 {len(everything)} 篇报告包含“意识形态”。"
    page.select_option("select[name=unit]", "jyj")
    page.wait_for_url("**unit=jyj*")
    wait_for_results(page)
    assert page.locator("select[name=unit] option:checked").inner_text().startswith("桐溪县教育局（")
    narrowed = result_titles(page)
    assert narrowed and len(narrowed) < len(everything)
    assert all(title.startswith("桐溪县教育局") for title in narrowed), narrowed
    assert set(narrowed) <= set(everything)
    facts = page.locator(".hb-result__facts").all_inner_texts()
    assert all("桐溪县教育局" in f for f in facts)


def test_clicking_a_result_lands_on_the_highlighted_term(internal: Served, page: Any) -> None:
    search_from_header(page, internal, TWO_REPORT_TERM)
    page.locator(".hb-result__title", has_text="桐溪县教育局").click()
    page.wait_for_url("**/huibian/reports/jyj/2024-h1-ideology/**")
    marks = page.locator("article mark.hb-hl")
    marks.first.wait_for()
    assert set(marks.all_inner_texts()) == {TWO_REPORT_TERM}
    assert page.evaluate(
        "() => { const r = document.querySelector('article mark.hb-hl').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }"
    ), "the highlighted term is not in view"


def test_public_edition_has_nothing_from_internal_reports(internal: Served, public: Served, page: Any) -> None:
    search_from_header(page, internal, INTERNAL_ONLY_TERM)  # control: the term is findable at all
    assert result_titles(page) == ["中共桐溪县河山镇委员会2024年度意识形态工作情况汇报"]

    search_from_header(page, public, INTERNAL_ONLY_TERM)
    assert result_titles(page) == []
    assert page.locator(".hb-search-page__status").inner_text() == f"没有找到包含“{INTERNAL_ONLY_TERM}”的报告。"
    for path in (public.site / "search").rglob("*"):
        if path.is_file():
            assert INTERNAL_ONLY_TERM not in path.read_text(encoding="utf-8"), path


def test_unit_name_finds_every_report_and_ranks_titles_first(internal: Served, page: Any) -> None:
    term = "交通运输局"
    search_from_header(page, internal, term)
    titles = result_titles(page)
    sources = [p.read_text(encoding="utf-8") for p in (REPO / "reports").glob("*/*.md")]
    assert len(titles) == sum(term in text for text in sources)
    in_title = [term in t for t in titles]
    assert True in in_title and False in in_title
    assert in_title == sorted(in_title, reverse=True), titles  # every title match before any body match


def test_period_and_kind_filters_combine(internal: Served, page: Any) -> None:
    page.goto(internal.base + "search/?q=" + "交通运输局")
    wait_for_results(page)
    everything = result_titles(page)
    page.select_option("select[name=kind]", "summary")
    wait_for_results(page)
    summaries = result_titles(page)
    assert summaries and len(summaries) < len(everything)
    assert all(title.endswith("工作总结") for title in summaries), summaries
    page.select_option("select[name=period]", "2024")
    wait_for_results(page)
    narrowed = result_titles(page)
    assert narrowed and len(narrowed) < len(summaries)
    assert all("2024年度" in title and title.endswith("工作总结") for title in narrowed), narrowed
    assert "kind=summary" in page.url and "period=2024" in page.url  # the filtered view can be bookmarked


def test_slash_key_focuses_the_header_search_box(internal: Served, page: Any) -> None:
    page.goto(internal.base)
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.matches('header .hb-search-box input')")
    assert page.locator("header .hb-search-box input").input_value() == ""
