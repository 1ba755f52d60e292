"""`huibian status [--period P]`: who has submitted what, in the terminal, without building.

The same submission matrix as the site's 报送情况 page, read from reports/ directly. Reports
with errors are not counted (`huibian check` names them). HUIBIAN_AUDIENCE=public shows what
the public edition shows.
"""

from __future__ import annotations

import argparse
import os
import sys

from huibian.check import check_collection, published
from huibian.commands import chosen_audience, project_root, width
from huibian.findings import Severity
from huibian.matrix import Matrix, State
from huibian.periods import Period, parse_period

_COLOURS = {"ok": "32", "draft": "33", "missing": "31", "unpublished": "90"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", metavar="P", help="只看一个期间，如 2024-H1、2024、2024-Q3")


class Painter:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def state(self, state: State) -> str:
        text = f"{state.symbol}{state.value}"
        if not self.enabled:
            return text
        return f"\033[{_COLOURS[state.css]}m{text}\033[0m"


def table(rows: list[list[str]], plain: list[list[str]]) -> list[str]:
    """Align columns by the plain text (colour codes take no room)."""
    widths = [max(width(row[i]) for row in plain) for i in range(len(plain[0]))]
    lines = []
    for row, text in zip(rows, plain, strict=True):
        cells = [cell + " " * (widths[i] - width(text[i])) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return lines


def render(matrix: Matrix, period: Period | None, colour: bool) -> list[str]:
    painter, plain_painter = Painter(colour), Painter(False)
    out: list[str] = []
    edition = "公开版" if matrix.public else "内部版"
    if period is None:
        out += [f"报送情况（{edition}）：{matrix.summary()}", ""]
        for kind in matrix.kinds():
            periods = matrix.periods(kind.id)
            head = ["单位", *(p.label for p in periods)]
            rows, plain = [head], [head]
            for unit in matrix.units(kind=kind.id):
                cells = [matrix.cell(unit.id, p, kind.id) for p in periods]
                rows.append([unit.short, *(painter.state(c.state) if c else "—" for c in cells)])
                plain.append([unit.short, *(plain_painter.state(c.state) if c else "—" for c in cells)])
            out += [f"{kind.name}（{matrix.summary(kind=kind.id)}）", *table(rows, plain), ""]
    else:
        out += [f"{period.label}报送情况（{edition}）：{matrix.summary(period)}", ""]
        kinds = matrix.kinds_in(period)
        if not kinds:
            return out + ["本期没有应报送的报告，也没有已报送的报告。"]
        head = ["单位", *(k.name for k in kinds)]
        rows, plain = [head], [head]
        for unit in matrix.units(period=period):
            cells = [matrix.cell(unit.id, period, k.id) for k in kinds]
            rows.append([unit.short, *(painter.state(c.state) if c else "—" for c in cells)])
            plain.append([unit.short, *(plain_painter.state(c.state) if c else "—" for c in cells)])
        out += [*table(rows, plain), ""]
    missing = matrix.missing(period)
    if missing:
        label = "未公开" if matrix.public else "未报送"
        units = matrix.collection.units
        kinds_by_id = matrix.collection.kinds
        out.append(f"{label}（{len(missing)}）：")
        out += [f"  {c.period.label} {units[c.unit].short} {kinds_by_id[c.kind].name}" for c in missing]
    else:
        out.append("应报送的报告都已报送。" if not matrix.public else "应报送的报告都已公开。")
    return out


def run(args: argparse.Namespace) -> int:
    from huibian.cli import UsageError

    period = None
    if args.period is not None:
        period = parse_period(args.period)
        if period is None:
            raise UsageError(f"期间“{args.period}”格式不对：应写作 2024、2024-H1、2024-Q3 或 2024-05")
    root = project_root()
    result = check_collection(root)
    if result.collection is None:
        for finding in result.findings:
            print(finding.as_text(), file=sys.stderr)
        print("reports/collection.yml 有错误，无法统计报送情况。", file=sys.stderr)
        return 1
    audience = chosen_audience()
    matrix = Matrix(result.collection, published(result.reports, audience), audience)
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    print("\n".join(render(matrix, period, colour)))
    broken = {f.path for f in result.findings if f.severity is Severity.ERROR}
    if broken:
        print(f"注意：{len(broken)} 个文件有错误，未计入（运行 huibian check 查看）。", file=sys.stderr)
    return 0
