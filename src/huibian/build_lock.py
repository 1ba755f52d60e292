"""One build at a time per project: `huibian build` and `huibian pdf` hold an flock for their whole life.

The lock is on `.cache/huibian/build.lock`. Its file descriptor is handed to the build's child
processes, so the kernel releases the lock only when the last process of the build is gone: no
stale lock after a crash, and no second build while a dead build's child still writes.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from huibian.file_errors import describe

LOCK_PATH = Path(".cache") / "huibian" / "build.lock"
EDITIONS = {"public": "公开版", "internal": "内部版"}


class BuildLocked(Exception):
    """Another build holds the project's lock, or the lock cannot be taken; the message says which."""


@contextmanager
def build_lock(root: Path, command: str, audience: str) -> Iterator[int]:
    """Hold the project's build lock; yields its file descriptor (pass it to child processes)."""
    path = root / LOCK_PATH
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise BuildLocked(f"无法创建构建锁 {describe(exc)}。请让项目目录可写后再运行。") from exc
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(_held_by(descriptor, path)) from None
        holder = {"pid": os.getpid(), "command": command, "audience": audience}
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, json.dumps(holder).encode() + b"\n", 0)
        yield descriptor
    finally:
        os.close(descriptor)


def _held_by(descriptor: int, path: Path) -> str:
    try:
        holder = json.loads(os.pread(descriptor, 4096, 0))
        pid, command, edition = int(holder["pid"]), str(holder["command"]), EDITIONS[holder["audience"]]
    except (OSError, ValueError, KeyError, TypeError):  # the holder has not written its name yet
        return f"另一个构建正在运行（锁文件 {path}）。同一项目一次只能运行一个构建，请等它结束后再运行。"
    message = (f"另一个构建正在运行：进程 {pid}（huibian {command}，{edition}）。"
               "同一项目一次只能运行一个构建，请等它结束后再运行。")
    if not _alive(pid):
        message += f"进程 {pid} 已经结束，但它启动的进程仍在运行：请结束这些进程后再运行。"
    return message


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
