"""File notifications for the live preview: changes only, from the operating system, where it has enough.

MkDocs' livereload server polls its watched folders (watchdog's PollingObserver), which at thousands
of reports costs more than the rebuild it triggers. watchdog's native observer gets the operating
system's notifications instead. It reports reads too (a file opened, closed without writing), and a
rebuild reads files: only changes are let through, or every rebuild would start the next.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

CHANGES = ("FileCreatedEvent", "FileModifiedEvent", "FileDeletedEvent", "FileMovedEvent", "FileClosedEvent")
"""What a save can look like (an editor may write in place, or write another file and move it over)."""

INOTIFY_LIMIT = Path("/proc/sys/fs/inotify/max_user_watches")
SHARE_OF_LIMIT = 4
"""Take at most a quarter of the user's inotify watches: editors and file managers need theirs."""


def changes_observer(folders: Iterable[Path]) -> Any | None:
    """A native watchdog observer that passes on only changes; None where polling must stay."""
    from watchdog import events
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    if Observer is PollingObserver or not _enough_watches(folders):
        return None
    wanted = [getattr(events, name) for name in CHANGES]

    class ChangesObserver(Observer):  # type: ignore[misc,valid-type]
        def schedule(self, event_handler: Any, path: str, *, recursive: bool = False,
                     event_filter: Any = None, follow_symlink: bool = False) -> Any:
            return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or wanted,
                                    follow_symlink=follow_symlink)

    return ChangesObserver()


def _enough_watches(folders: Iterable[Path]) -> bool:
    """Whether the folders fit in the share of inotify watches we may take (true where there is no such limit)."""
    try:
        limit = int(INOTIFY_LIMIT.read_text())
    except (OSError, ValueError):
        return True
    needed = 0
    for folder in folders:
        if folder.is_dir():
            needed += sum(1 for _ in os.walk(folder))
        else:
            needed += 1
    return needed <= limit // SHARE_OF_LIMIT
