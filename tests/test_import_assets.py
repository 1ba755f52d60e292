"""Report images published with the site: relative links inside reports/ only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from huibian.assets import report_assets
from huibian.check import check_collection

from conftest import report_text


def test_only_local_images_inside_reports_are_published(project: Callable[..., Path]) -> None:
    body = (
        "正文。\n\n![图1](a.assets/image1.png)\n\n![外部](https://example.com/x.png)\n\n"
        "![越界](../../secret.png)\n\n![缺失](a.assets/none.png)\n\n![绝对](/etc/x.png)\n\n"
        "![脚本](a.assets/x.svg)\n"
    )
    root = project({"imported/a.md": report_text(body=body)})
    (root / "reports" / "imported" / "a.assets").mkdir()
    (root / "reports" / "imported" / "a.assets" / "image1.png").write_bytes(b"\x89PNG")
    (root / "secret.png").write_bytes(b"\x89PNG")
    (root / "reports" / "imported" / "a.assets" / "x.svg").write_text("<svg onload='alert(1)'/>", encoding="utf-8")
    (report,) = check_collection(root).reports
    assets = report_assets(report, root)
    # The page lives at reports/jtj/2024-h1-ideology.md, so the image follows it there.
    assert assets == [("reports/jtj/a.assets/image1.png", root / "reports" / "imported" / "a.assets" / "image1.png")]
