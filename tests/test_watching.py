"""The live preview learns of saves from the operating system, and of nothing but changes."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from huibian import watching


class Seen(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []
        self.arrived = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.events.append(event)
        self.arrived.set()


def test_a_save_is_reported_and_a_read_is_not(tmp_path: Path) -> None:
    report = tmp_path / "reports" / "jtj" / "a.md"
    report.parent.mkdir(parents=True)
    report.write_text("原文\n", encoding="utf-8")
    observer = watching.changes_observer([tmp_path / "reports"])
    assert observer is not None and not isinstance(observer, PollingObserver)
    seen = Seen()
    observer.schedule(seen, str(tmp_path / "reports"), recursive=True)
    observer.start()
    try:
        time.sleep(0.2)
        report.read_text(encoding="utf-8")  # a rebuild reads files: that must not start another rebuild
        assert not seen.arrived.wait(1.0), [type(e).__name__ for e in seen.events]
        with report.open("a", encoding="utf-8") as file:
            file.write("补充一句。\n")
        assert seen.arrived.wait(5.0)
        assert {Path(e.src_path) for e in seen.events} == {report}
    finally:
        observer.stop()
        observer.join()


def test_polling_stays_when_the_folders_need_too_many_watches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for unit in ("jtj", "jyj", "wlj"):
        (tmp_path / "reports" / unit).mkdir(parents=True)
    limit = tmp_path / "max_user_watches"
    limit.write_text("12\n")  # a quarter is 3 watches; the folders need 4
    monkeypatch.setattr(watching, "INOTIFY_LIMIT", limit)
    assert watching.changes_observer([tmp_path / "reports"]) is None
    limit.write_text("16\n")
    assert watching.changes_observer([tmp_path / "reports"]) is not None
