"""Cache files: written whole or not at all, read only when they were written for the same code and input.

A cache that cannot be read or written only costs time, never an error.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any


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


def write_entries(path: Path, version: int, context: str, entries: dict[str, Any]) -> None:
    """Save `entries` for `read_entries` with the same `version` (of the file's layout) and `context`."""
    data = {"format": version, "context": context, "entries": entries}
    write_cache_file(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def read_entries(path: Path, version: int, context: str) -> dict[str, Any]:
    """What `write_entries` saved with this `version` and `context`; {} if the file is missing, damaged,
    or was written for another layout, code or input (its entries are still checked one by one by the caller)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["format"] == version and data["context"] == context and isinstance(data["entries"], dict):
            return data["entries"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return {}
