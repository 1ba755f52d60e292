"""Writing a cache entry: whole or not at all, and never an error (a cache that cannot be written only costs time)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_cache_file(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename, or leave `path` as it was."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError:
        with contextlib.suppress(OSError):  # e.g. NotADirectoryError where a file holds the folder's name
            partial.unlink(missing_ok=True)
