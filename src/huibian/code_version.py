"""One digest of Huibian's code, for the caches whose entries a change of code must invalidate."""

from __future__ import annotations

import functools
import hashlib
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# The packages that turn a report's Markdown into the HTML the PDF and the site are made of.
_CONVERTERS = ("markdown", "pymdown-extensions", "nh3")


def code_files() -> list[Path]:
    """Huibian's source files and the data files its rules read (huibian/data/: the wording tables)."""
    package = Path(__file__).resolve().parent
    return sorted([*package.rglob("*.py"), *(p for p in (package / "data").rglob("*") if p.is_file())])


@functools.cache
def code_digest() -> str:
    """Huibian's source, Python's and the converters' versions: a change there converts every report,
    renders every bundle and extracts every page's search sections again (read once per process)."""
    digest = hashlib.sha256(sys.version.encode())
    package = Path(__file__).resolve().parent
    for source in code_files():
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    for name in _CONVERTERS:
        try:
            digest.update(f"{name}={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=?".encode())
    return digest.hexdigest()
