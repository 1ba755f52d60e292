"""The nothing-lost check on its own: what it accepts as accounted for, and what it must not."""

from __future__ import annotations

from huibian.importer.lossless import find_lost
from huibian.importer.model import Removal, SourceUnit

REPORT = "---\ntitle: 测试\n---\n\n正文第一段。\n"


def test_text_missing_from_the_report_cannot_hide_across_two_log_entries() -> None:
    units = [SourceUnit(1, "广告甲乙"), SourceUnit(2, "乙丙"), SourceUnit(3, "丙丁"), SourceUnit(4, "正文第一段。")]
    removals = [Removal(1, "广告甲乙", "广告"), Removal(3, "丙丁", "广告")]
    lost = find_lost(units, removals, [REPORT])
    assert [(item.line, item.text) for item in lost] == [(2, "乙丙")]


def test_each_log_entry_accounts_for_one_piece_of_the_source_only() -> None:
    units = [SourceUnit(1, "仅供学习"), SourceUnit(2, "正文第一段。"), SourceUnit(3, "仅供学习")]
    lost = find_lost(units, [Removal(1, "仅供学习", "水印")], [REPORT])
    assert [(item.line, item.text) for item in lost] == [(3, "仅供学习")]


def test_a_line_removed_together_with_the_one_before_it_is_accounted_for() -> None:
    units = [SourceUnit(1, "扫码关注"), SourceUnit(2, "领取资料"), SourceUnit(3, "正文第一段。")]
    assert find_lost(units, [Removal(1, "扫码关注 领取资料", "广告")], [REPORT]) == []
