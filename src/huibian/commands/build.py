"""`huibian build [--strict]`: build into a fresh folder, then swap it in as `site/`.

The engine is ProperDocs, or MkDocs with HUIBIAN_ENGINE=mkdocs (huibian.engine).

A build that fails or is killed leaves the previous `site/` as it was. One build runs at a time
per project (`huibian.build_lock`); the engine's process and its workers die with `huibian build`.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType

from huibian.build_lock import BuildLocked, build_lock
from huibian.commands import chosen_audience, project_root
from huibian.engine import EngineMissing, engine_command
from huibian.file_errors import describe
from huibian.parent_death import die_with_parent

TOKEN_FILE = ".huibian-build-token"  # a dot file: `build --clean` keeps it (MkDocs and ProperDocs alike)


class BuildStopped(Exception):
    """The build cannot go on; the message says why and what to do."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="有警告也算失败（同 mkdocs build --strict）")
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="输出目录（默认 site）")


def run(args: argparse.Namespace) -> int:
    root = project_root()
    audience = chosen_audience()
    target = (root / args.site_dir).resolve()
    try:
        engine = engine_command("build", root, "--clean", *(["--strict"] if args.strict else []))
        with build_lock(root, "build", audience) as lock:
            return _build(root, target, engine, lock)
    except (EngineMissing, BuildLocked, BuildStopped) as exc:
        print(str(exc), file=sys.stderr)
        return 1


def _build(root: Path, target: Path, engine: list[str], lock: int) -> int:
    clear_leftovers(target)
    staging = target.with_name(f".{target.name}.building.{os.getpid()}")
    identity, token = _make_staging(staging)
    returncode, interrupted = run_child([*engine, "--site-dir", str(staging)], root, lock)
    kept = "上一次的网站 site/ 保持不变。" if target.exists() else ""
    if returncode != 0 or not (staging / "index.html").is_file():
        shutil.rmtree(staging, ignore_errors=True)
        if interrupted:
            print(f"已中断。{kept}", file=sys.stderr)
            return 128 + interrupted
        print(f"构建失败（退出码 {returncode}）。{kept}", file=sys.stderr)
        return 1
    if not _is_ours(staging, identity, token):
        raise BuildStopped(f"构建目录 {staging} 已不是本次构建创建的那一个，未用它替换网站。{kept}"
                           "请确认没有其他程序在写这个目录，然后重新构建。")
    try:
        (staging / TOKEN_FILE).unlink()
        swap_in(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildStopped(f"无法用新网站替换 {target}：{describe(exc)}。{kept}") from exc
    print(f"网站已生成：{target}", file=sys.stderr)
    return 0


def _make_staging(staging: Path) -> tuple[tuple[int, int], str]:
    """Create the staging folder (it must not exist yet) and mark it with a token only this build knows."""
    if staging.exists() or staging.is_symlink():  # a dead build's, with this PID, that could not be deleted
        raise BuildStopped(f"构建目录 {staging} 已存在且无法删除：请手动删除它后再运行。")
    token = secrets.token_hex(16)
    try:
        staging.parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()  # exclusive: fails if anything took the name meanwhile
        (staging / TOKEN_FILE).write_text(token, encoding="utf-8")
    except OSError as exc:
        raise BuildStopped(f"无法创建构建目录 {describe(exc)}。请让 {staging.parent} 可写"
                           "（或用 --site-dir 指定别的输出目录）后再运行。") from exc
    made = staging.lstat()
    return (made.st_dev, made.st_ino), token


def _is_ours(staging: Path, identity: tuple[int, int], token: str) -> bool:
    try:
        now = staging.lstat()
        mark = (staging / TOKEN_FILE).read_text(encoding="utf-8")
    except OSError:
        return False
    return not staging.is_symlink() and (now.st_dev, now.st_ino) == identity and secrets.compare_digest(mark, token)


def run_child(command: list[str], root: Path, lock: int) -> tuple[int, int]:
    """Run `command` in its own process group, dying with this process; SIGINT/SIGTERM stop the group.

    Both are passed on as SIGTERM, which ends the engine and its workers without a KeyboardInterrupt
    traceback. The child inherits the build lock, so the lock is held until the child is gone too.
    Returns the child's exit code and the signal that interrupted the build (0 if none).
    """
    child: subprocess.Popen[bytes] | None = None
    received = 0

    def stop_child() -> None:
        if child is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGTERM)

    def forward(signum: int, _frame: FrameType | None) -> None:
        nonlocal received
        received = signum
        stop_child()

    previous = {number: signal.signal(number, forward) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        child = subprocess.Popen(command, cwd=root, env=os.environ.copy(), pass_fds=(lock,), process_group=0,
                                 preexec_fn=functools.partial(die_with_parent, os.getpid()))
        if received:  # a signal came while the child was starting
            stop_child()
        returncode = child.wait()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    return returncode, received


LEFTOVER = r"\.{name}\.(building|old)(\.\d+)?"


def clear_leftovers(target: Path) -> None:
    """Delete staging and old folders that dead builds left next to `target`.

    Called under the build lock, which a build holds until its last process is gone, so no live
    build owns them. One that cannot be deleted is named with what to do; it does not block the build.
    """
    pattern = re.compile(LEFTOVER.format(name=re.escape(target.name)))
    parent = target.parent
    for leftover in sorted(parent.iterdir()) if parent.is_dir() else ():
        if not pattern.fullmatch(leftover.name):
            continue
        try:
            remove(leftover)
        except OSError as exc:
            print(f"警告：无法删除以前的构建留下的 {leftover}（{describe(exc)}）。请手动删除它；本次构建不受影响。",
                  file=sys.stderr)


def remove(path: Path) -> None:
    """Delete a folder with everything in it, or a file or symlink (never what a symlink points to)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def swap_in(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` with two renames, so readers never see a half site.

    The old site goes to a folder named with this build's PID; if it cannot be deleted afterwards,
    the next build tries again, and nothing waits for it.
    """
    old = target.with_name(f".{target.name}.old.{os.getpid()}")
    had_site = target.exists() or target.is_symlink()
    if had_site:
        target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        if had_site:
            old.rename(target)
        raise
    if had_site:
        try:
            remove(old)
        except OSError as exc:
            print(f"警告：网站已更新，但旧网站 {old} 无法删除（{describe(exc)}）；下次构建会再试，也可手动删除。",
                  file=sys.stderr)
