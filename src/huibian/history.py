"""When each report was first committed and last changed, from ONE batched `git log` per build.

Framework-free. `collect_history(root)` runs `git rev-parse` once and `git log` once over
`reports/`, parses the output in one pass (newest commit first, renames followed) and returns
{report source path: FileHistory} plus the latest changes across the collection. A shallow clone
or a folder outside git is not an error: the history says what it could not know, and pages fall
back to the reports' own dates (`date:` in the front matter).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path

from huibian.escaping import markdown_text
from huibian.memo import OFF, Memo
from huibian.report import Report
from huibian.site import GeneratedPage, SiteModel, format_date, link

RECENT_URI = "recent.md"
NAV_ENTRY = ("最近更新", RECENT_URI)
RECENT_LIMIT = 60
"""How many changes the 最近更新 page lists."""

# One record per commit: a NUL-led header line, then the --name-status lines of that commit.
_HEADER = "%x00%H%x1f%aI%x1f%s"  # git writes %x00 as NUL, %x1f as unit separator
_STATUS = re.compile(r"^([ACDMRT])(\d*)\t([^\t]+)(?:\t([^\t]+))?$")


@dataclass(frozen=True)
class Commit:
    sha: str
    when: datetime
    subject: str


@dataclass(frozen=True)
class FileHistory:
    first_added: Commit | None
    """None when the adding commit lies beyond the edge of a shallow clone."""
    last_changed: Commit


@dataclass(frozen=True)
class Change:
    """One report touched by one commit, for the 最近更新 page."""

    commit: Commit
    path: str
    added: bool


@dataclass
class History:
    files: dict[str, FileHistory] = field(default_factory=dict)
    """Keyed by the path relative to the project root, as in `Report.source` (reports/jtj/a.md)."""
    changes: list[Change] = field(default_factory=list)
    """Newest first, every commit that touched a report still present (deleted files left out)."""
    available: bool = False
    shallow: bool = False
    problem: str = ""
    """Why git history is missing (for the log), empty when it is there."""

    def of(self, source: str) -> FileHistory | None:
        return self.files.get(source)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    return subprocess.run(
        ["git", "-c", "core.quotePath=false", *args], cwd=root, capture_output=True, text=True,
        encoding="utf-8", errors="replace", env=environment, check=False,
    )


def collect_history(root: Path, folder: str = "reports", memo: Memo = OFF) -> History:
    """The git history of every file under `root/folder`; never raises. With an enabled `memo`, git log
    runs again only when HEAD moved (a live preview's rebuilds)."""
    try:
        where = _git(root, "rev-parse", "--show-toplevel", "--git-path", "shallow")
    except OSError as exc:  # no git program at all
        return History(problem=f"无法运行 git：{exc}")
    if where.returncode != 0:
        return History(problem="不在 git 仓库中")
    top_text, shallow_text = (where.stdout.splitlines() + ["", ""])[:2]
    top = Path(top_text)
    shallow_file = Path(shallow_text) if Path(shallow_text).is_absolute() else root / shallow_text
    boundary = frozenset(shallow_file.read_text().split()) if shallow_file.is_file() else frozenset()
    try:
        prefix = root.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        prefix = ""
    head = _git(root, "rev-parse", "-q", "--verify", "HEAD").stdout.strip() if memo.enabled else ""
    logged = memo.get(("git log", str(root), folder, head, boundary),
                      partial(_logged, root, folder, boundary, "" if prefix == "." else prefix))
    if not logged.available:
        return logged
    present = {p.relative_to(root).as_posix() for p in (root / folder).rglob("*.md") if p.is_file()}
    return History(files={path: h for path, h in logged.files.items() if path in present},
                   changes=[c for c in logged.changes if c.path in present], available=True, shallow=bool(boundary))


def _logged(root: Path, folder: str, boundary: frozenset[str], prefix: str) -> History:
    log = _git(root, "log", "-M", "--name-status", f"--format={_HEADER}", "--", folder)
    if log.returncode != 0:  # e.g. a repository without any commit yet
        return History(problem="git log 失败：" + " ".join(log.stderr.split()[-12:]))
    return parse_log(log.stdout, boundary, prefix)


def parse_log(text: str, boundary: AbstractSet[str] = frozenset(), prefix: str = "") -> History:
    """Parse `git log -M --name-status --format=<_HEADER>` output (newest commit first).

    `boundary` holds the shallow-clone edge commits, whose file lists carry no information.
    `prefix` is the project folder inside the repository; paths are returned relative to it.
    """
    current: dict[str, str] = {}
    """Path at some older commit -> the path it has today (follows renames backwards)."""
    last: dict[str, Commit] = {}
    first: dict[str, Commit | None] = {}
    changes: list[Change] = []
    ended: set[str] = set()
    commit: Commit | None = None
    for line in text.split("\n"):
        if line.startswith("\x00"):
            sha, when, subject = (line[1:].split("\x1f") + ["", ""])[:3]
            commit = Commit(sha, datetime.fromisoformat(when), subject)
            continue
        match = _STATUS.match(line)
        if not match or commit is None:
            continue
        status, score, path_a, path_b = match.groups()
        if status in ("R", "C") and path_b:
            old, new = path_a, path_b
            today = current.get(new, new)
            if status == "R":
                current[old] = today
                if score == "100":  # moved, not edited: not a change of the report
                    continue
        else:
            today = current.get(path_a, path_a)
        relative = _relative(today, prefix)
        if relative is None or relative in ended:
            continue
        today = relative
        if status == "D":
            # Deleted here: anything older belongs to an earlier file that had the same path.
            ended.add(today)
            continue
        if commit.sha in boundary:
            # A shallow clone's edge commit lists every file as added, whether it changed there
            # or years before: it tells nothing. A file seen only here has no known history.
            if today in last:
                first[today] = None
            ended.add(today)
            continue
        last.setdefault(today, commit)
        added = status in ("A", "C")
        if added:
            first[today] = commit
            ended.add(today)  # older commits touched an earlier file of the same path
        else:
            first.setdefault(today, None)
        changes.append(Change(commit, today, added))
    files = {path: FileHistory(first.get(path), commit_) for path, commit_ in last.items()}
    return History(files=files, changes=changes, available=True)


def _relative(path: str, prefix: str) -> str | None:
    if not prefix:
        return path
    return path[len(prefix) + 1 :] if path.startswith(prefix + "/") else None


# -- what readers see ------------------------------------------------------------------------


def history_facts(found: FileHistory | None) -> list[str]:
    """The pieces of a report's metadata line: 首次提交 … · 最近修改 …"""
    if found is None:
        return []
    facts = []
    if found.first_added is not None:
        facts.append(f"首次提交 {format_date(found.first_added.when)}")
    facts.append(f"最近修改 {format_date(found.last_changed.when)}")
    return facts


def recent_page(site: SiteModel, history: History, limit: int = RECENT_LIMIT) -> GeneratedPage:
    """The 最近更新 page: the latest changes to the reports this edition publishes."""
    by_source: dict[str, Report] = {r.source: r for r in site.reports}
    lines = ["# 最近更新", ""]
    if history.available:
        entries = [c for c in history.changes if c.path in by_source][:limit]
        lines += [f"以下是报告最近的 {len(entries)} 次修改（按 git 提交记录，最新的在前）。", ""]
        if history.shallow:
            lines += ["!!! note \"提交记录不完整\"",
                      "    本网站由浅克隆（shallow clone）构建，只列出可见范围内的修改；"
                      "更早修改过的报告不在此列，这些报告的页面只显示成文日期。", ""]
        day: date | None = None
        for change in entries:
            when = change.commit.when.date()
            if when != day:
                lines += ["", f"## {format_date(when)}", ""]
                day = when
            report = by_source[change.path]
            action = "新增" if change.added else "修改"
            # Commit messages are free text that may name internal reports: not in the public edition.
            shown = change.commit.subject and site.audience != "public"
            subject = f" — {markdown_text(change.commit.subject)}" if shown else ""
            lines.append(f"- {action} [{markdown_text(report.title)}]({link(RECENT_URI, report.src_uri)}){subject}")
        if not entries:
            lines.append("暂无提交记录。")
        missing = [r for r in site.reports if r.source not in history.files]
        if missing:
            lines += ["", f"另有 {len(missing)} 份报告尚未提交到 git。"]
    else:
        dated = sorted((r for r in site.reports if r.date), key=lambda r: (r.date, r.id), reverse=True)[:limit]
        lines += ["本网站不是从 git 仓库构建的，无法显示修改记录；以下按报告的成文日期排列，最新的在前。", ""]
        for report in dated:
            lines.append(f"- {format_date(report.date)} [{markdown_text(report.title)}]({link(RECENT_URI, report.src_uri)})")
        if not dated:
            lines.append("暂无报告。")
    return GeneratedPage(RECENT_URI, "\n".join(lines) + "\n")


def latest_reports(site: SiteModel, history: History, limit: int) -> list[tuple[Report, date | None]]:
    """The reports changed last (by git, else by their date), newest first, each once with its day."""
    if not history.available:
        dated = sorted(site.reports, key=lambda r: (r.date is not None, r.date or date.min, r.id), reverse=True)
        return [(r, r.date) for r in dated[:limit]]
    by_source: dict[str, Report] = {r.source: r for r in site.reports}
    found: dict[str, tuple[Report, date | None]] = {}
    for change in history.changes:
        report = by_source.get(change.path)
        if report is not None and report.id not in found:
            found[report.id] = (report, change.commit.when.date())
            if len(found) == limit:
                break
    return list(found.values())


def attach_history(site: SiteModel, history: History) -> None:
    """Give every report page of the site its history facts (nothing when git has none)."""
    for report in site.reports:
        facts = history_facts(history.of(report.source))
        if facts:
            site.history[report.src_uri] = facts
