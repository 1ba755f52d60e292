"""Placing imported reports: target paths, refusing to overwrite, atomic writes, the removal log."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from huibian.importer.docx_reader import ASSETS
from huibian.importer.metadata import PLACEHOLDER
from huibian.importer.model import ImportProblem, ImportResult, Logged
from huibian.importer.pipeline import target_name

FIELD_NAMES = {"title": "标题", "unit": "单位", "period": "期间", "kind": "类别", "date": "日期"}


def assign_targets(result: ImportResult, out_dir: Path, stem: str) -> None:
    """Give every report a file name under `out_dir`; two reports never share one."""
    taken: set[Path] = set()
    for index, report in enumerate(result.reports):
        relative = target_name(report, stem, index, len(result.reports))
        candidate = out_dir / relative
        number = 2
        while candidate in taken:
            candidate = out_dir / relative.with_name(f"{relative.stem}-{number}{relative.suffix}")
            number += 1
        taken.add(candidate)
        report.target = candidate
        if report.images:
            report.markdown = report.markdown.replace(ASSETS, f"{candidate.stem}.assets")


def log_path(result: ImportResult, stem: str) -> Path:
    first = result.reports[0].target
    assert first is not None
    return first.parent / f"{stem}.import.log"


def check_free(result: ImportResult, force: bool) -> None:
    for report in result.reports:
        assert report.target is not None
        if report.target.exists() and not force:
            raise ImportProblem(
                f"{report.target} 已存在，没有覆盖它：请先删除或改名，或用 --out 指定其他目录（--force 强制覆盖）",
                code="exists",
            )


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def describe(result: ImportResult, display: Callable[[Path], str] = str) -> list[str]:
    """The lines shown on the terminal and written to the log."""
    lines = [f"导入 {result.source}（{result.encoding}）"]
    lines += [f"  {note}" for note in result.notes]
    for number, report in enumerate(result.reports, start=1):
        where = display(report.target) if report.target else "（未写入）"
        lines.append(f"  报告 {number}（从第 {report.first_line} {result.unit_word}起）→ {where}")
        for key, label in FIELD_NAMES.items():
            item = report.metadata[key]
            value = item.value if item.value is not None else PLACEHOLDER
            lines.append(f"    {label}：{value}（{item.evidence}）")
    word = result.unit_word
    lines += _listed(f"改动了 {len(result.changes)} 处（只接、拆或转换，文字都在）：", result.changes, word)
    lines += _listed(f"繁体转简体 {len(result.conversions)} {word}（原文如下）：", result.conversions, word)
    lines += _listed(f"保留了 {len(result.doubtful)} {word}像网页带来的内容，请核对，不是正文就删掉：",
                     result.doubtful, word)
    lines += _listed(f"删除了 {len(result.removals)} {word}：", result.removals, word) or ["  没有删除任何内容。"]
    lines.append("  核对完毕：原文的每一处文字都在报告里或删除清单里。")
    return lines


def _listed(heading: str, items: Sequence[Logged], word: str) -> list[str]:
    """A heading and one line per item (where, why, the text), or nothing when there are none."""
    if not items:
        return []
    return [f"  {heading}", *(f"    {item.where(word)}［{item.reason}］{item.text}" for item in items)]


def write_result(result: ImportResult, stem: str, force: bool, display: Callable[[Path], str] = str,
                 ) -> tuple[Path, list[str]]:
    """Write every report (and its images) atomically, then the log; return the log's path and lines."""
    check_free(result, force)
    for report in result.reports:
        assert report.target is not None
        for name, data in report.images.items():
            write_atomic(report.target.parent / f"{report.target.stem}.assets" / name, data)
        write_atomic(report.target, report.markdown.encode("utf-8"))
    log = log_path(result, stem)
    lines = describe(result, display)
    write_atomic(log, ("\n".join(lines) + "\n").encode("utf-8"))
    return log, lines
