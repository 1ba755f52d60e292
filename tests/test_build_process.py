"""The build process: one build at a time, nothing orphaned, nothing swapped in that the build did not make.

Real `huibian build` processes in tmp_path. Where a folder must be unwritable, the build runs
without the capabilities that let root ignore file permissions (`setpriv`), so chmod holds as root too.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import report_text, run_huibian

pytestmark = pytest.mark.slow

NO_PDF = {"HUIBIAN_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
INTERNAL_MARKER = "绝密内部标记词"
# As root, drop the capabilities that bypass file permissions, so a chmod'd folder stops the build as it would a user.
UNPRIVILEGED = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"] if os.geteuid() == 0 else []


def start_build(root: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "huibian", "build"], cwd=root, env={**os.environ, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def descendants(pid: int) -> dict[int, tuple[int, str]]:
    """Every live descendant of `pid`: pid -> (depth, start time), the start time telling a reused PID apart."""
    found: dict[int, tuple[int, str]] = {}
    level, depth = [pid], 0
    while level:
        depth += 1
        level = [child for parent in level for child in children(parent)]
        for child in level:
            start = start_time(child)
            if start:
                found[child] = (depth, start)
    return found


def start_time(pid: int) -> str:
    """The process's start time, or "" when it is gone (a zombie counts as gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return ""
    return "" if fields[0] in ("Z", "X") else fields[19]


def all_gone(family: dict[int, tuple[int, str]]) -> bool:
    """Wait (up to 10 s) until no process of `family` is left; kill any that are, so a failing test leaves none."""
    def gone() -> bool:
        return not any(start_time(pid) == start for pid, (_, start) in family.items())

    if wait_for(gone, seconds=10):
        return True
    for pid, (_, start) in family.items():
        if start_time(pid) == start:
            os.kill(pid, signal.SIGKILL)
    return False


def wait_for(condition: Callable[[], bool], seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def files_under(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def all_text(folder: Path) -> str:
    return "".join(p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def two_editions(project: Callable[..., Path]) -> Path:
    internal = "date: 2024-07-09\nclassification: internal\nstatus: final\n"
    return project({
        "jtj/a.md": report_text(),
        "jyj/b.md": report_text(unit="jyj", extra=internal, body=f"导语。\n\n## 一、工作开展情况\n\n{INTERNAL_MARKER}。\n"),
    })


def test_second_build_refuses_while_one_runs_and_public_site_shows_no_internal_report(two_editions: Path) -> None:
    root = two_editions
    assert run_huibian(root, "build", env={**NO_PDF, "HUIBIAN_AUDIENCE": "internal"}).returncode == 0  # site/ for finish
    public = start_build(root, {**NO_PDF, "HUIBIAN_AUDIENCE": "public"})
    try:
        assert wait_for(lambda: bool(children(public.pid)) or public.poll() is not None)
        os.kill(public.pid, signal.SIGSTOP)  # the public build now holds the lock for as long as the test needs
        assert public.poll() is None, public.communicate()
        before = sorted(p.name for p in root.iterdir())
        site_before = files_under(root / "site")

        internal = run_huibian(root, "build", env={**NO_PDF, "HUIBIAN_AUDIENCE": "internal"})
        pdf = run_huibian(root, "pdf", env={"HUIBIAN_AUDIENCE": "internal"})
        finish = run_huibian(root, "finish", env={"HUIBIAN_AUDIENCE": "internal"})
        for refused in (internal, pdf, finish):
            assert refused.returncode != 0
            assert f"另一个构建正在运行：进程 {public.pid}（huibian build，公开版）" in refused.stderr
            assert "Traceback" not in refused.stderr
        assert sorted(p.name for p in root.iterdir()) == before  # the refused commands touched nothing
        assert files_under(root / "site") == site_before
    finally:
        os.kill(public.pid, signal.SIGCONT)
    _, errors = public.communicate(timeout=300)
    assert public.returncode == 0, errors
    assert (root / "site/reports/jtj").is_dir()
    assert INTERNAL_MARKER not in all_text(root / "site")
    assert "内部" not in (root / "site/catalog.json").read_text(encoding="utf-8")
    again = run_huibian(root, "build", env={**NO_PDF, "HUIBIAN_AUDIENCE": "internal"})  # the lock is free again
    assert again.returncode == 0, again.stderr
    assert INTERNAL_MARKER in all_text(root / "site")


def test_killed_build_takes_mkdocs_and_pdf_workers_along(two_editions: Path) -> None:
    root = two_editions
    log = (root.parent / "build.log").open("w")  # not a pipe: reading one would wait for the orphans too
    build = subprocess.Popen([sys.executable, "-m", "huibian", "build"], cwd=root, stdout=log, stderr=log,
                             env={**os.environ, "HUIBIAN_PDF": "1", "NO_MKDOCS_2_WARNING": "1"})
    # Wait until the PDF workers (grandchildren: font subsetting, then rendering) have started.
    assert wait_for(lambda: any(depth >= 2 for depth, _ in descendants(build.pid).values()) or build.poll() is not None)
    family = descendants(build.pid)
    assert build.poll() is None and max(depth for depth, _ in family.values()) >= 2, family
    build.kill()  # SIGKILL: huibian build cannot clean up anything itself
    build.wait()
    log.close()

    assert all_gone(family), family
    staging = [p for p in root.glob(".site.building*") if p.is_dir()]
    written = {p.name: files_under(p) for p in staging}
    time.sleep(0.5)
    assert {p.name: files_under(p) for p in staging} == written  # nothing writes into the staging folder any more

    again = run_huibian(root, "build", env=NO_PDF)
    assert again.returncode == 0, again.stderr
    assert (root / "site/index.html").is_file()
    assert not list(root.glob(".site.*"))


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_build_stops_its_children_and_cleans_up(project: Callable[..., Path], stop: signal.Signals) -> None:
    root = project({"jtj/a.md": report_text()})
    assert run_huibian(root, "build", env=NO_PDF).returncode == 0
    before = files_under(root / "site")
    build = start_build(root, {"HUIBIAN_PDF": "1", "NO_MKDOCS_2_WARNING": "1"})
    assert wait_for(lambda: bool(children(build.pid)) or build.poll() is not None)
    family = descendants(build.pid)
    assert build.poll() is None and family, build.communicate()
    build.send_signal(stop)  # to huibian build alone, as Ctrl-C or a service manager would: it stops MkDocs and its workers
    _, errors = build.communicate(timeout=120)
    assert build.returncode == 128 + stop
    assert "已中断。上一次的网站 site/ 保持不变。" in errors and "Traceback" not in errors
    assert all_gone(family), family
    assert files_under(root / "site") == before
    assert not list(root.glob(".site.*"))


def test_killed_serve_takes_the_engine_along(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": report_text()})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (root.parent / "serve.log").open("w")
    serve = subprocess.Popen([sys.executable, "-m", "huibian", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                             stdout=log, stderr=log, env={**os.environ, **NO_PDF})
    try:
        assert wait_for(lambda: bool(children(serve.pid)) or serve.poll() is not None)
        family = descendants(serve.pid)
        assert serve.poll() is None and family
    finally:
        serve.kill()
        serve.wait()
        log.close()
    assert all_gone(family), family


def test_build_does_not_swap_in_a_staging_folder_it_did_not_make(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": report_text()})
    build = start_build(root, NO_PDF)
    assert wait_for(lambda: bool(children(build.pid)) or build.poll() is not None)
    os.kill(build.pid, signal.SIGSTOP)
    try:
        mkdocs = children(build.pid)
        assert mkdocs, build.communicate()
        assert wait_for(lambda: not start_time(mkdocs[0]))  # MkDocs has finished writing the staging folder
        [staging] = root.glob(".site.building*")
        staging.rename(root / "moved-away")
        shutil.copytree(root / "moved-away", staging)  # same files, token included, but not the folder it made
        (staging / "index.html").write_text("<p>冒名顶替的网站</p>", encoding="utf-8")
    finally:
        os.kill(build.pid, signal.SIGCONT)
    _, errors = build.communicate(timeout=120)
    assert build.returncode != 0
    assert "不是本次构建创建的" in errors and "Traceback" not in errors
    assert not (root / "site").exists()


def test_leftovers_of_dead_builds_are_cleared_without_following_links(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project({"jtj/a.md": report_text()})
    assert run_huibian(root, "build", env=NO_PDF).returncode == 0
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("不属于构建的文件", encoding="utf-8")
    (root / ".site.old").write_text("a file where the old site's folder should go", encoding="utf-8")
    (root / ".site.building").symlink_to(outside, target_is_directory=True)
    (root / ".site.building.999999" / "pdf").mkdir(parents=True)
    (root / ".site.building.999999" / "pdf" / "internal.pdf").write_bytes(b"%PDF-1.7 left by a dead build")
    (root / ".site.older").mkdir()  # not a build's name: left alone

    done = run_huibian(root, "build", env=NO_PDF)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in root.glob(".site*")) == [".site.older"]
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "不属于构建的文件"
    assert not (root / "site/pdf/internal.pdf").exists()


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="needs setpriv to drop root's file capabilities")
def test_an_old_site_that_cannot_be_deleted_does_not_block_builds(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": report_text()})
    assert run_huibian(root, "build", env=NO_PDF).returncode == 0
    locked = root / ".site.old" / "locked"
    locked.mkdir(parents=True)
    (locked / "page.html").write_text("旧网站", encoding="utf-8")
    locked.chmod(0o555)  # its file cannot be deleted
    try:
        for _ in range(2):
            (root / "reports/jtj/a.md").write_text(report_text(body="导语。\n\n## 一、新的一节\n\n正文。\n"), encoding="utf-8")
            done = subprocess.run([*UNPRIVILEGED, sys.executable, "-m", "huibian", "build"], cwd=root,
                                  env={**os.environ, **NO_PDF}, capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
            assert "Traceback" not in done.stderr
            assert f"无法删除以前的构建留下的 {root / '.site.old'}" in done.stderr and "请手动删除" in done.stderr
            assert "新的一节" in all_text(root / "site/reports")
    finally:
        locked.chmod(0o755)


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="needs setpriv to drop root's file capabilities")
def test_read_only_site_and_project_folder_give_messages_not_tracebacks(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": report_text()})
    assert run_huibian(root, "build", env=NO_PDF).returncode == 0
    site = root / "site"
    folders = [site, *(p for p in site.rglob("*") if p.is_dir())]
    for folder in folders:
        folder.chmod(0o555)
    try:
        pdf = subprocess.run([*UNPRIVILEGED, sys.executable, "-m", "huibian", "pdf"], cwd=root,
                             env=os.environ.copy(), capture_output=True, text=True)
        assert pdf.returncode == 1
        assert f"无法写入 PDF：{site / 'pdf'}：没有权限" in pdf.stderr
        assert "Traceback" not in pdf.stderr

        build = subprocess.run([*UNPRIVILEGED, sys.executable, "-m", "huibian", "build"], cwd=root,
                               env={**os.environ, **NO_PDF}, capture_output=True, text=True)
        assert build.returncode == 0, build.stderr  # the old site's folder goes; its files cannot
        assert "旧网站" in build.stderr and "无法删除" in build.stderr and "Traceback" not in build.stderr

        root.chmod(0o555)
        before = files_under(site)
        blocked = subprocess.run([*UNPRIVILEGED, sys.executable, "-m", "huibian", "build"], cwd=root,
                                 env={**os.environ, **NO_PDF}, capture_output=True, text=True)
        assert blocked.returncode == 1
        assert f"无法创建构建目录 {root}" in blocked.stderr and "没有权限" in blocked.stderr
        assert "Traceback" not in blocked.stderr
        assert files_under(site) == before
    finally:
        root.chmod(0o755)
        for folder in [*folders, *(p for p in root.glob(".site.old*/**") if p.is_dir())]:
            if folder.exists():
                folder.chmod(0o755)
