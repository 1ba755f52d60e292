"""The only way WeasyPrint reads anything: files inside the project folder, nothing else."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class ProjectFetcher(URLFetcher):
    """Serves `file:` URLs inside `root` (report images, fonts in the cache); refuses the rest.

    `blame(url)` names the report a refused URL came from, for the warning.
    """

    def __init__(self, root: Path, blame: Callable[[str], str] | None = None, fonts: Path | None = None) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.root = root.resolve()
        self.fonts = fonts.resolve() if fonts else None
        """The font cache, also allowed when it lives outside the project (`render_bundles(cache_dir=…)`)."""
        self.blame = blame or (lambda url: "")
        self.refused: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise self.refuse(url, "不是项目中的文件")
        raw = unquote(parts.path)
        if any(segment == ".." for segment in raw.split("/")):
            raise self.refuse(url, "含有“..”")
        path = Path(raw).resolve()
        if not (path.is_relative_to(self.root) or (self.fonts and path.is_relative_to(self.fonts))):
            raise self.refuse(url, "位于项目目录之外")
        if not path.is_file():
            raise self.refuse(url, "文件不存在")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    def refuse(self, url: str, reason: str) -> ValueError:
        where = self.blame(url)
        message = f"PDF 拒绝读取“{url}”：{reason}" + (f"（出现在 {where}）" if where else "")
        self.refused.append(message)
        return ValueError(message)
