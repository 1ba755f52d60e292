"""One report's Markdown as an HTML fragment for a bundle.

The same Python-Markdown extensions as mkdocs.yml (without Material's emoji, whose icons live in
the theme), plus PDF-only steps: images are checked against the project folder, run-in
headings (（一）…。 / 1.…。 at the start of a paragraph) get their official face, the HTML goes
through the site's allowlist (huibian.sanitize), and every id is prefixed so several reports can
share one document. A link to another report becomes a `REPORT_LINK` placeholder that the
assembler points at that report inside the bundle; any other relative or file: link loses its
target (it would name a file on the build machine) and keeps its text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from huibian import rules
from huibian.findings import Finding
from huibian.layout import run_in_heading
from huibian.report import Report
from huibian.sanitize import clean_html

EXTENSIONS = ["toc", "attr_list", "md_in_html", "admonition", "tables", "footnotes", "pymdownx.details"]

_ID = re.compile(r'\b(id|href)="(#?)([^"]*)"')
# href of a link to another report: the report's source path, then "#" and the heading anchor, if any.
REPORT_LINK = "@@report@@/"
_WEB_SCHEMES = ("http", "https", "mailto", "tel")


@dataclass
class Fragment:
    html: str
    findings: list[Finding] = field(default_factory=list)
    images: list[Path] = field(default_factory=list)
    """Local image files the fragment uses (their bytes go into the cache key)."""
    lookups: list[tuple[str, str, str]] = field(default_factory=list)
    """What the conversion asked the file system: ("image" or "link", reference, `lookup` outcome)."""


def render_report(report: Report, root: Path, prefix: str) -> Fragment:
    """The report body as HTML with ids prefixed by `prefix` (e.g. `r3-`)."""
    fragment = Fragment("")
    slug = _slugify()
    md = markdown.Markdown(
        extensions=[*EXTENSIONS, _PdfExtension(report, root, fragment)],
        extension_configs={"toc": {"slugify": slug} if slug else {}},
        output_format="html",
    )
    # The same allowlist as the site's pages (huibian.sanitize): no script, frames, forms or
    # javascript: links from raw HTML in a report reach the PDF either.
    html = clean_html(md.convert(report.body))
    fragment.html = _ID.sub(lambda m: _prefixed(m, prefix), html)
    return fragment


def _slugify() -> object:
    try:
        from pymdownx.slugs import slugify
    except ImportError:  # pragma: no cover - pymdown-extensions is a dependency
        return None
    return slugify(case="lower")


def _prefixed(match: re.Match[str], prefix: str) -> str:
    attribute, hash_mark, value = match.groups()
    if attribute == "id":
        return f'id="{prefix}{value}"'
    if hash_mark:
        return f'href="#{prefix}{value}"'
    return match.group(0)


class _PdfExtension(Extension):
    def __init__(self, report: Report, root: Path, fragment: Fragment) -> None:
        super().__init__()
        self.report, self.root, self.fragment = report, root, fragment

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        md.treeprocessors.register(_PdfTreeprocessor(md, self), "huibian_pdf", 1)


class _PdfTreeprocessor(Treeprocessor):
    def __init__(self, md: markdown.Markdown, ext: _PdfExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: ET.Element) -> None:
        for link in root.iter("a"):
            self.link(link)
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    replacement = self.image(child)
                    if replacement is not None:
                        replacement.tail = child.tail
                        parent[index] = replacement
        for paragraph in root.iter("p"):
            self.run_in(paragraph)

    def image(self, element: ET.Element) -> ET.Element | None:
        """Keep a local image inside the project (as a file URL); otherwise warn and show the alt text."""
        src = element.get("src", "")
        report, root = self.ext.report, self.ext.root.resolve()
        target, problem = resolve_image(src, root / Path(report.source).parent, root)
        self.ext.fragment.lookups.append(("image", src, _image_outcome(target, problem, root)))
        if target is not None:
            # Relative to the project root (the document's base URL), so the sanitizer keeps it.
            element.set("src", quote(target.relative_to(root).as_posix()))
            self.ext.fragment.images.append(target)
            return None
        line = _line_of(report, src)
        if problem.startswith(_TOO_LARGE):
            finding = rules.PDF_IMAGE_TOO_LARGE.finding(report.source, line, 1, src=src,
                                                        size=problem.removeprefix(_TOO_LARGE),
                                                        limit=MAX_IMAGE_PIXELS // 10_000)
        else:
            rule = rules.PDF_IMAGE_MISSING if problem.startswith("文件不存在") else rules.PDF_IMAGE_REFUSED
            finding = rule.finding(report.source, line, 1, src=src, problem=problem)
        self.ext.fragment.findings.append(finding)
        alt = ET.Element("span", {"class": "hb-missing-image"})
        alt.text = f"［图片：{element.get('alt') or src}］"
        return alt

    def link(self, element: ET.Element) -> None:
        href = element.get("href", "")
        if not href or href.startswith("#") or urlsplit(href).scheme.lower() in _WEB_SCHEMES:
            return
        root = self.ext.root.resolve()
        target = report_link(href, root / Path(self.ext.report.source).parent, root)
        self.ext.fragment.lookups.append(("link", href, target))
        if target:
            element.set("href", target)
        else:
            del element.attrib["href"]  # a file path would point into the machine that built the PDF

    def run_in(self, paragraph: ET.Element) -> None:
        text = paragraph.text or ""
        found = run_in_heading(text)
        if found:
            level, length = found
            span = ET.Element("span", {"class": f"hb-h{level.level}"})
            span.text = text[:length]
            span.tail = text[length:]
            paragraph.text = ""
            paragraph.insert(0, span)


def report_link(href: str, folder: Path, root: Path) -> str:
    """A relative link to a Markdown file inside `root` as a `REPORT_LINK` (with its anchor); "" for any other file."""
    parts = urlsplit(href)
    if parts.scheme:
        return ""
    path = unquote(parts.path)
    target = ((root / path.lstrip("/")) if path.startswith("/") else folder / path).resolve()
    if target.suffix != ".md" or not target.is_relative_to(root):
        return ""
    anchor = f"#{unquote(parts.fragment)}" if parts.fragment else ""
    return REPORT_LINK + target.relative_to(root).as_posix() + anchor


def lookup(kind: str, reference: str, folder: Path, root: Path) -> str:
    """The outcome of one file-system lookup the conversion makes, as recorded in `Fragment.lookups`."""
    if kind == "image":
        return _image_outcome(*resolve_image(reference, folder, root), root)
    return report_link(reference, folder, root)


def _image_outcome(target: Path | None, problem: str, root: Path) -> str:
    return target.relative_to(root).as_posix() if target is not None else "!" + problem


MAX_IMAGE_PIXELS = 89_478_485
"""Pillow's decompression-bomb threshold: WeasyPrint would leave a larger image out without a word."""
_TOO_LARGE = "图片过大："


def resolve_image(src: str, base: Path, root: Path) -> tuple[Path | None, str]:
    """`resolve_local` for an image, which must also be small enough to render (else the reason, with its size)."""
    target, problem = resolve_local(src, base, root)
    if target is None:
        return target, problem
    size = _pixel_size(target)
    if size is not None and size[0] * size[1] > MAX_IMAGE_PIXELS:
        return None, f"{_TOO_LARGE}{size[0]}×{size[1]}"
    return target, ""


def _pixel_size(path: Path) -> tuple[int, int] | None:
    """Width and height from the image's header (None if Pillow cannot read it: WeasyPrint then warns itself)."""
    from PIL import Image

    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # only the header is read: no decompression bomb, and the size is wanted
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, ValueError, SyntaxError):
        return None
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def resolve_local(src: str, base: Path, root: Path) -> tuple[Path | None, str]:
    """A relative or file: reference as a file inside `root`, or (None, Chinese reason)."""
    parts = urlsplit(src)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https", "ftp", "data") or src.startswith("//"):
        return None, "是网络地址或内嵌数据" if scheme != "data" else "是内嵌数据"
    if scheme == "file":
        candidate = Path(unquote(parts.path))
    elif scheme and len(scheme) > 1:
        return None, f"使用了不支持的协议 {scheme}:"
    else:
        path = unquote(parts.path)
        candidate = (root / path.lstrip("/")) if path.startswith("/") else (base / path)
    try:
        resolved = candidate.resolve()
    except (OSError, RuntimeError):
        return None, "路径无法解析"
    if not resolved.is_relative_to(root):
        return None, "位于项目目录之外"
    if not resolved.is_file():
        return None, "文件不存在：" + resolved.relative_to(root).as_posix()
    return resolved, ""


def _line_of(report: Report, needle: str) -> int:
    for offset, line in enumerate(report.body.split("\n")):
        if needle and needle in line:
            return report.body_line + offset
    return report.body_line
