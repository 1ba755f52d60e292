"""History from git: first commit and last change on every report page, and the 最近更新 page."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from huibian.history import collect_history, parse_log

from conftest import commit, git, mkdocs_build, report_text

A = "reports/jtj/a.md"
B = "reports/jyj/b.md"
C = "reports/glzx/c.md"
TITLE_A = "测试县交通运输局2024年上半年意识形态工作情况汇报"
TITLE_B = "测试县教育局2024年上半年意识形态工作情况汇报"
TITLE_C = "测试县公路养护中心2024年上半年意识形态工作情况汇报"


@pytest.fixture
def repo(project: Callable[..., Path]) -> Path:
    """A collection in git: a and b added in July 2024, a edited in September, c added in January 2025."""
    root = project({
        "jtj/a.md": report_text(),
        "jyj/b.md": report_text(title=TITLE_B, unit="jyj"),
    })
    git(root, "init", "-q", "-b", "main")
    commit(root, "报送上半年报告", "2024-07-10T09:30:00+08:00", ".")
    path_a = root / A
    path_a.write_text(path_a.read_text(encoding="utf-8") + "\n补充一段。\n", encoding="utf-8")
    commit(root, "修改 <b>交通</b> *报告* [链接](http://x) 约1~2天", "2024-09-01T16:00:00+08:00", A)
    (root / C).parent.mkdir()
    (root / C).write_text(report_text(title=TITLE_C, unit="glzx"), encoding="utf-8")
    commit(root, "补报养护中心报告", "2025-01-05T08:00:00+08:00", C)
    return root


def text_of(html_path: Path) -> str:
    html = html_path.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_built_pages_show_first_commit_last_change_and_recent_updates(repo: Path) -> None:
    result = mkdocs_build(repo)
    assert result.returncode == 0, result.stderr
    page_a = text_of(repo / "site/reports/jtj/2024-h1-ideology/index.html")
    assert "首次提交 2024年7月10日 · 最近修改 2024年9月1日" in page_a
    page_c = text_of(repo / "site/reports/glzx/2024-h1-ideology/index.html")
    assert "首次提交 2025年1月5日 · 最近修改 2025年1月5日" in page_c

    recent_html = (repo / "site/recent/index.html").read_text(encoding="utf-8")
    recent = text_of(repo / "site/recent/index.html")
    recent = recent[recent.index("以下是报告最近的 4 次修改"):]  # the article, not the table of contents
    order = [recent.index(s) for s in ("2025年1月5日", "新增 " + TITLE_C, "2024年9月1日", "修改 " + TITLE_A,
                                       "2024年7月10日", TITLE_B)]
    assert order == sorted(order), recent
    assert recent.count(TITLE_A) == 2  # added in July, changed in September
    # A commit subject is shown literally: no HTML, no Markdown link or emphasis.
    assert "<b>交通</b>" not in recent_html
    assert "&lt;b&gt;交通&lt;/b&gt;" in recent_html
    assert "*报告* [链接](http://x) 约1~2天" in recent
    assert 'href="../reports/glzx/2024-h1-ideology/"' in recent_html
    # The page is in the navigation.
    assert 'href="recent/"' in (repo / "site/index.html").read_text(encoding="utf-8")


def test_public_edition_lists_no_internal_report_in_recent_updates(repo: Path) -> None:
    path_b = repo / B
    path_b.write_text(path_b.read_text(encoding="utf-8").replace("classification: public", "classification: internal"),
                      encoding="utf-8")
    commit(repo, "教育局报告改为内部", "2025-02-01T10:00:00+08:00", B)
    result = mkdocs_build(repo, env={"HUIBIAN_AUDIENCE": "public"})
    assert result.returncode == 0, result.stderr
    recent = text_of(repo / "site/recent/index.html")
    assert TITLE_A in recent
    assert TITLE_B not in recent
    assert "2025年2月1日" not in recent
    assert "教育局报告改为内部" not in recent and "报送上半年报告" not in recent  # no commit messages at all


def test_outside_git_the_build_works_and_says_so(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project({"jtj/a.md": report_text()})
    result = mkdocs_build(root, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    page = text_of(root / "site/reports/jtj/2024-h1-ideology/index.html")
    assert "成文日期 2024年7月8日" in page
    assert "首次提交" not in page
    recent = text_of(root / "site/recent/index.html")
    assert "不是从 git 仓库构建的" in recent
    assert f"2024年7月8日 {TITLE_A}" in recent


def test_shallow_clone_shows_only_what_the_clone_knows(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo}", str(clone)], check=True,
                   capture_output=True)
    history = collect_history(clone)
    assert history.available and history.shallow
    found_c = history.of(C)  # added in the newest commit, inside the clone
    assert found_c is not None and found_c.first_added is not None
    assert found_c.first_added.when.date().isoformat() == "2025-01-05"
    assert found_c.last_changed.subject == "补报养护中心报告"
    # The edge commit (September) lists every file as added: no dates are made up from it.
    assert history.of(A) is None and history.of(B) is None
    assert [c.path for c in history.changes] == [C]
    result = mkdocs_build(clone)
    assert result.returncode == 0, result.stderr
    recent = text_of(clone / "site/recent/index.html")
    assert "提交记录不完整" in recent
    assert "2024年9月1日" not in recent
    page_a = text_of(clone / "site/reports/jtj/2024-h1-ideology/index.html")
    assert "成文日期 2024年7月8日" in page_a and "首次提交" not in page_a
    deep = collect_history(repo)
    assert not deep.shallow
    first = deep.of(A)
    assert first is not None and first.first_added is not None
    assert first.first_added.when.date().isoformat() == "2024-07-10"
    assert first.last_changed.when.date().isoformat() == "2024-09-01"


def test_uncommitted_and_deleted_reports(repo: Path) -> None:
    (repo / "reports/jtj/new.md").write_text(report_text(period="2024"), encoding="utf-8")
    git(repo, "rm", "-q", B)
    git(repo, "commit", "-q", "-m", "删除教育局报告", when="2025-03-01T10:00:00+08:00")
    history = collect_history(repo)
    assert history.of("reports/jtj/new.md") is None
    assert history.of(B) is None
    assert {c.path for c in history.changes} == {A, C}


def test_one_git_log_for_the_whole_collection(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    real_run = subprocess.run

    def spy(args: list[str], *rest: object, **kwargs: object) -> object:
        calls.append(list(args))
        return real_run(args, *rest, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", spy)
    history = collect_history(repo)
    assert set(history.files) == {A, B, C}
    assert len(calls) == 2  # `git rev-parse` once and `git log` once, whatever the number of reports
    assert sum("log" in call for call in calls) == 1


def log_text(*commits: tuple[str, str, str, list[str]]) -> str:
    return "\n".join(
        f"\x00{sha}\x1f{when}\x1f{subject}\n\n" + "\n".join(lines) for sha, when, subject, lines in commits
    )


def test_parse_log_follows_renames_and_restarts_after_delete() -> None:
    text = log_text(
        ("c5", "2025-05-01T00:00:00+08:00", "只移动", ["R100\treports/jtj/x.md\treports/jtj/a.md"]),
        ("c4", "2025-04-01T00:00:00+08:00", "移动并修改", ["R087\treports/old/a.md\treports/jtj/x.md"]),
        ("c3", "2025-03-01T00:00:00+08:00", "重建 b", ["A\treports/jyj/b.md"]),
        ("c2", "2025-02-01T00:00:00+08:00", "删除 b，改 a", ["D\treports/jyj/b.md", "M\treports/old/a.md"]),
        ("c1", "2025-01-01T00:00:00+08:00", "新增", ["A\treports/old/a.md", "A\treports/jyj/b.md"]),
    )
    history = parse_log(text)
    a = history.files["reports/jtj/a.md"]
    assert a.first_added is not None and a.first_added.sha == "c1"  # followed across the rename
    assert a.last_changed.sha == "c4"  # a pure move (R100) is not a change of the text
    b = history.files["reports/jyj/b.md"]
    assert b.first_added is not None and b.first_added.sha == "c3"  # the file that exists today
    assert [(c.commit.sha, c.path, c.added) for c in history.changes] == [
        ("c4", "reports/jtj/a.md", False), ("c3", "reports/jyj/b.md", True), ("c2", "reports/jtj/a.md", False),
        ("c1", "reports/jtj/a.md", True),
    ]


def test_parse_log_in_a_project_inside_a_bigger_repository() -> None:
    text = log_text(("c1", "2025-01-01T00:00:00+08:00", "新增", ["A\tdocs-site/reports/jtj/a.md", "A\tother/x.md"]))
    history = parse_log(text, prefix="docs-site")
    assert set(history.files) == {"reports/jtj/a.md"}


def test_chinese_file_names_are_matched(repo: Path) -> None:
    (repo / "reports/jtj/2024年度汇报.md").write_text(report_text(period="2024"), encoding="utf-8")
    commit(repo, "新增年度汇报", "2025-02-02T10:00:00+08:00", "reports/jtj/2024年度汇报.md")
    found = collect_history(repo).of("reports/jtj/2024年度汇报.md")
    assert found is not None and found.first_added is not None
    assert found.first_added.subject == "新增年度汇报"
