"""A live preview's recycled-text analysis redoes only the reports an edit can change, and gives what a fresh one gives."""

from __future__ import annotations

import random

from huibian.recycled import Analysis, RecycledSettings, analyse, fingerprint
from huibian.report import Report, parse_report

from conftest import report_text

# Fictional sentences, long enough to be passages of their own.
POOL = [
    "局党组在白沙渡口设立流动宣讲点，全年开展宣讲活动八场，覆盖船工和司机三百余人。",
    "组织青年干部在南坪货运站开展驾驶员座谈会，收集意见建议二十七条并逐条答复。",
    "会同乡镇对辖区内农村公路桥逐一体检，建立一桥一档，完成维修加固六座。",
    "在溪南中学试点思政课集体备课，组织骨干教师跨校听课评课四十余节。",
    "完善家校共育机制，推动心理健康教育专兼职教师全覆盖，开展家长课堂十二期。",
    "在东岭隧道口增设应急物资储备点，健全恶劣天气道路管控联动机制。",
    "建立网络舆情日报告制度，对涉及本系统的舆情做到早发现早研判早处置。",
    "把意识形态工作纳入党建工作责任制，与业务工作同部署同落实同检查同考核。",
]
UNITS = ["jtj", "jyj", "wlj", "glzx"]
PERIODS = ["2023", "2024-H1", "2024-H2"]


def make(unit: str, period: str, sentences: list[str], number: int) -> Report:
    body = "今年以来，我们扎实推进各项工作。\n\n## 一、工作开展情况\n\n" + "\n\n".join(sentences) + "\n"
    text = report_text(unit=unit, period=f'"{period}"' if "-" not in period else period, body=body)
    report, findings = parse_report(text.encode("utf-8"), f"reports/{unit}/{number}.md", None)
    assert report is not None, findings
    return report


def summary(analysis: Analysis) -> dict[str, object]:
    """Everything a page or a finding shows of the analysis, by plain values."""
    shown: dict[str, object] = {}
    for source, found in analysis.by_source.items():
        shown[source] = (
            found.report.source, found.compared, found.share, found.earlier_share, found.other_share,
            [(p.start, p.end, p.size, p.category, [(m.source.source, m.index) for m in p.matches]) for p in found.passages],
            [(s.report.source, s.chars, s.share) for s in found.earlier + found.others],
        )
    return shown


def test_after_every_edit_the_kept_analysis_equals_a_fresh_one() -> None:
    chance = random.Random(20261203)
    reports = [make(UNITS[n % 4], PERIODS[n % 3], chance.sample(POOL, 3), n) for n in range(12)]
    settings = RecycledSettings(common_units=3)
    prints = {r.source: fingerprint(r) for r in reports}
    kept = analyse(reports, prints, settings)
    redone_somewhere = reused_somewhere = False
    for step in range(40):
        number = chance.randrange(len(reports))
        old = reports[number]
        # Edit one report: other sentences, sometimes one that three units already have (a standard formulation).
        new = make(old.unit, old.period.code, chance.sample(POOL, chance.randint(1, 4)), int(old.source.split("/")[-1][:-3]))
        reports = [*reports[:number], new, *reports[number + 1 :]]
        prints = {**prints, new.source: fingerprint(new)}
        incremental = analyse(reports, prints, settings, previous=kept)
        fresh = analyse(reports, prints, settings)
        assert summary(incremental) == summary(fresh), step
        reused = [s for s in incremental.by_source if incremental.by_source[s] is kept.by_source[s]]
        reused_somewhere |= bool(reused)
        redone_somewhere |= len(reused) < len(reports) - 1
        kept = incremental
    assert reused_somewhere and redone_somewhere  # both paths ran


def test_another_order_of_reports_is_analysed_afresh() -> None:
    reports = [make(unit, "2024-H1", POOL[:3], n) for n, unit in enumerate(UNITS)]
    prints = {r.source: fingerprint(r) for r in reports}
    settings = RecycledSettings(common_units=3)
    kept = analyse(reports, prints, settings)
    turned = reports[::-1]
    again = analyse(turned, prints, settings, previous=kept)
    assert summary(again) == summary(analyse(turned, prints, settings))
    assert all(again.by_source[s] is not kept.by_source[s] for s in again.by_source)
