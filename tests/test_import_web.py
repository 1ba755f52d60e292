"""`huibian import` on text pasted from the web: junk by kind, broken lines, titles, Traditional text.

Every fixture here is written for these tests: fictional units, sentences in the genre.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from huibian import cli
from huibian.collection import Collection, load_collection


def collection_of(root: Path) -> Collection:
    collection, findings = load_collection(root / "reports")
    assert collection is not None, findings
    return collection


def test_oversized_file_is_refused_by_its_size_before_it_is_read(
    project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    huge = root / "huge.txt"
    with huge.open("wb") as stream:  # sparse: 150 MB on paper, nothing on disk
        stream.truncate(150 * 2**20)

    real_read = Path.read_bytes

    def no_reading(self: Path) -> bytes:
        assert self.name != "huge.txt", "the file was read before its size was checked"
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.chdir(root)
    assert cli.main(["import", "huge.txt"]) == 1
    message = capsys.readouterr().err
    assert "huge.txt" in message and "150.0 MB" in message and "上限 8 MB" in message
