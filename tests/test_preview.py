"""Incremental preview (`serve --dirty`): after every kind of change, the site is what a full build gives."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from huibian.preview import PreviewMemory, tags_key

from conftest import commit, git, report_text, serve_build, tree

BODY = "上半年以来，我局扎实推进各项工作。\n\n## 一、工作开展情况\n\n加强理论学习，落实“第一议题”制度。\n"


def report(unit: str = "jtj", period: str = "2024-H1", tags: str = "[理论学习]", status: str = "final",
           classification: str = "public", body: str = BODY, title: str | None = None) -> str:
    extra = f"date: 2024-07-08\nclassification: {classification}\nstatus: {status}\ntags: {tags}\n"
    return report_text(title=title, unit=unit, period=period, extra=extra, body=body)


def written_since(site: Path, mark: int) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*.html") if p.stat().st_mtime_ns > mark}


def test_memory_plans_only_what_changed() -> None:
    memory = PreviewMemory()
    first = memory.plan("k", {"a.md": "1", "b.md": "2"}, tags_key([]))
    assert first.everything and first.reread_tagged
    memory.remember("k", {"a.md": "1", "b.md": "2"}, {"a.md": "/s/a/index.html", "b.md": "/s/b/index.html"}, tags_key([]))
    second = memory.plan("k", {"a.md": "1", "c.md": "3"}, tags_key([]))
    assert not second.everything and second.modified == {"c.md"} and second.removed == ("/s/b/index.html",)
    assert not second.reread_tagged
    assert memory.plan("k", {"a.md": "1"}, tags_key([("a.md", "甲", ["标签"])])).reread_tagged
    assert memory.plan("other", {"a.md": "1"}, tags_key([])).everything


@pytest.mark.slow
def test_every_kind_of_change_gives_what_a_full_build_gives(project: Callable[..., Path], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    root = project({
        "jtj/2024-h1.md": report(),
        "jtj/2023.md": report(period='"2023"', tags="[舆论引导]"),
        "jyj/2024-h1.md": report(unit="jyj", classification="internal"),
        "glzx/2024-h1.md": report(unit="glzx", status="draft"),
    })
    monkeypatch.setenv("HUIBIAN_PDF", "0")
    monkeypatch.chdir(root)
    git(root, "init", "-q")
    commit(root, "首次提交", "2024-07-10T09:30:00+08:00", ".")  # report pages and 最近更新 show the git history
    live = tmp_path / "live"
    serve_build(root, live, dirty=True)
    reports = root / "reports"

    changes: list[tuple[str, Callable[[], None]]] = [
        ("edit a sentence", lambda: (reports / "jtj/2024-h1.md").write_text(
            report(body=BODY.replace("加强理论学习", "深化理论武装")), encoding="utf-8")),
        ("quote a new term", lambda: (reports / "jtj/2024-h1.md").write_text(
            report(body=BODY + "\n推行“清风夜校”，引用《新的工作条例》。\n"), encoding="utf-8")),
        ("commit the edits", lambda: commit(root, "修改交通局报告", "2024-07-12T10:00:00+08:00", ".")),
        ("change the title", lambda: (reports / "jtj/2024-h1.md").write_text(
            report(title="测试县交通运输局2024年上半年工作汇报"), encoding="utf-8")),
        ("change the tags", lambda: (reports / "jtj/2023.md").write_text(
            report(period='"2023"', tags="[理论学习, 舆论引导]"), encoding="utf-8")),
        ("draft to final", lambda: (reports / "glzx/2024-h1.md").write_text(report(unit="glzx"), encoding="utf-8")),
        ("internal to public", lambda: (reports / "jyj/2024-h1.md").write_text(report(unit="jyj"), encoding="utf-8")),
        ("change the unit", lambda: (reports / "jyj/2024-h1.md").write_text(
            report(unit="glzx", title="测试县公路养护中心2024年上半年意识形态工作情况汇报"), encoding="utf-8")),
        ("change the period", lambda: (reports / "jtj/2023.md").write_text(
            report(period="2024-H2", tags="[理论学习, 舆论引导]"), encoding="utf-8")),
        ("add a report", lambda: (reports / "jtj/2024.md").write_text(report(period='"2024"'), encoding="utf-8")),
        ("rename a report", lambda: (reports / "jtj/2024.md").rename(reports / "jtj/2024-ideology.md")),
        ("delete a report", lambda: (reports / "jtj/2024-ideology.md").unlink()),
        ("add a duplicate", lambda: (reports / "jtj/2024-h1-a.md").write_text(report(), encoding="utf-8")),
        ("resolve the duplicate", lambda: (reports / "jtj/2024-h1-a.md").unlink()),
        ("a finding appears", lambda: (reports / "jtj/2024-h1.md").write_text(
            report(body=BODY + "\n全年开展XX次活动。\n"), encoding="utf-8")),
        ("link an image", lambda: (
            (reports / "jtj/images").mkdir(exist_ok=True), (reports / "jtj/images/a.png").write_bytes(b"\x89PNG first"),
            (reports / "jtj/2024-h1.md").write_text(report(body=BODY + "\n![现场照片](images/a.png)\n"), encoding="utf-8"))),
        ("replace the image", lambda: (reports / "jtj/images/a.png").write_bytes(b"\x89PNG second, longer")),
        ("edit collection.yml", lambda: (reports / "collection.yml").write_text(
            (reports / "collection.yml").read_text(encoding="utf-8").replace("测试县教育局", "测试县教育体育局"),
            encoding="utf-8")),
    ]
    for name, change in changes:
        mark = max(p.stat().st_mtime_ns for p in live.rglob("*.html"))
        change()
        serve_build(root, live, dirty=True)
        full = tmp_path / "full"
        shutil.rmtree(full, ignore_errors=True)
        serve_build(root, full, dirty=False)
        incremental, expected = tree(live), tree(full)
        assert sorted(incremental) == sorted(expected), name
        different = [path for path in expected if incremental[path] != expected[path]]
        assert different == [], name
        if name == "edit a sentence":  # only the report's own page and the pages that quote it
            rewritten = written_since(live, mark)
            assert "reports/jtj/2024-h1-ideology/index.html" in rewritten
            assert "reports/jtj/2023-ideology/index.html" not in rewritten
            assert "guide/index.html" not in rewritten and "units/jyj/index.html" not in rewritten
            assert len(rewritten) < len(list(live.rglob("*.html"))) // 2, sorted(rewritten)


@pytest.mark.slow
def test_a_template_change_rebuilds_every_page(project: Callable[..., Path], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    root = project({"jtj/2024-h1.md": report()})
    monkeypatch.setenv("HUIBIAN_PDF", "0")
    monkeypatch.chdir(root)
    live = tmp_path / "live"
    serve_build(root, live, dirty=True)
    header = root / "overrides/partials/header.html"
    header.write_text(header.read_text(encoding="utf-8").replace('placeholder="搜索报告全文"', 'placeholder="搜索全文"'),
                      encoding="utf-8")
    serve_build(root, live, dirty=True)
    pages = list(live.rglob("*.html"))
    assert pages and all(re.search('placeholder="搜索全文"', p.read_text(encoding="utf-8")) for p in pages)
