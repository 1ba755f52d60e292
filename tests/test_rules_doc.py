"""docs/rules.md is generated from the rule registry and never maintained by hand."""

from __future__ import annotations

import re

from huibian.rules import RULES
from huibian.rules_doc import rules_markdown, wording_markdown
from huibian.wording import load_tables

from conftest import REPO


def test_rules_page_is_up_to_date() -> None:
    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == rules_markdown(), "docs/rules.md 已过期：请运行 python scripts/gen_rules_doc.py"


def test_every_rule_is_documented_with_examples_and_how_to_silence_it() -> None:
    page = rules_markdown()
    for code, rule in RULES.items():
        assert f"### {code} {rule.title} {{#{code.lower()}}}" in page
    section = page.split("### T001 ")[1].split("### T002 ")[0]
    assert "全年开展培训X次" in section  # the bad example
    assert "全年开展培训3次" in section  # the good example
    assert "`ignore: [T001]`" in section
    assert "- 关闭：不能关闭" in page.split("### C001 ")[1].split("### C002 ")[0]


def test_rules_page_lists_each_family_in_code_order() -> None:
    listed = re.findall(r"^### ([A-Z])(\d{3}) ", rules_markdown(), re.M)
    for family in {letter for letter, _ in listed}:
        numbers = [number for letter, number in listed if letter == family]
        assert numbers == sorted(numbers), f"{family}: {numbers}"


def test_rules_page_is_in_the_site_navigation() -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - 检查规则: rules.md\n" in config
    # The wording tables are published, linked from the rules page rather than listed in the navigation.
    assert "not_in_nav: |\n  /wording.md\n" in config and "wording.md" not in config.split("\nnav:", 1)[1]
    assert "[提法与错别字表](wording.md)" in rules_markdown()


def test_wording_tables_page_is_up_to_date_and_lists_every_entry() -> None:
    page = (REPO / "docs" / "wording.md").read_text(encoding="utf-8")
    assert page == wording_markdown(), "docs/wording.md 已过期：请运行 python scripts/gen_rules_doc.py"
    entries = [entry for entries in load_tables().values() for entry in entries]
    assert all(f"| {e.wrong} | {e.right} |" in page for e in entries)
    rules = rules_markdown()
    assert f"| 合计 | | {len(entries)} |" in rules and "`src/huibian/data/misspellings.yml`" in rules
