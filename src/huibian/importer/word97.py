"""Word 97–2003 (.doc), RTF and web-page files with a Word extension, converted to .docx by
LibreOffice when it is installed.

LibreOffice runs headless with a private profile in a temporary folder (so a desktop LibreOffice
that is open, or a broken user profile, cannot interfere), in its own process group, and is
killed with that whole group when it takes longer than `TIMEOUT` seconds.
"""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from huibian.importer.docx_package import RESAVE
from huibian.importer.model import ImportProblem

TIMEOUT = 300
"""Seconds LibreOffice may take: a 2,000-paragraph .doc took 32 s on a busy 2-core machine, with a fresh profile."""
_INSTALL = ("导入 .doc 需要 LibreOffice：在 Debian/Ubuntu 上运行 sudo apt-get install libreoffice-writer-nogui"
            "（或 make test，它会一并安装）后再导入；也可以在 Word 或 WPS 中把它“另存为”Word 文档（*.docx）再导入")


@dataclass(frozen=True)
class Convertible:
    """A file with a Word extension that LibreOffice can turn into a .docx."""

    data: bytes
    """What LibreOffice is given (the page itself for a single-file web page)."""
    what: str
    """What the file is, in Chinese (RTF 文档, 网页（HTML）)."""
    left_out: list[str] = field(default_factory=list)
    """Parts of the file LibreOffice does not get: the pictures of a single-file web page."""


def convertible(data: bytes, source: str) -> Convertible | None:
    """RTF, a web page or a single-file web page (.mht) saved with a Word extension, known by its
    content; None for anything else (Word 97 files are recognised by docx_package.ole_kind)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{\\rtf"):
        return Convertible(data, "RTF 文档")
    if head.startswith(b"mime-version:") and b"multipart/related" in head:
        return _single_file_web_page(data, source)
    if head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<") and b"<html" in head):
        return Convertible(data, "网页（HTML）")
    return None


def _single_file_web_page(data: bytes, source: str) -> Convertible:
    """The page of an .mht (LibreOffice reads MIME as plain text), and the names of its pictures."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    page: bytes | None = None
    pictures = []
    for part in message.walk():
        if part.get_content_type() == "text/html" and page is None:
            payload = part.get_payload(decode=True)
            page = payload if isinstance(payload, bytes) else None
        elif part.get_content_maintype() == "image":
            pictures.append(str(part.get("Content-Location") or part.get_filename() or "（未命名）"))
    if not page:
        raise ImportProblem(f"{source}：这是单个文件网页（.mht），但里面没有网页正文。{RESAVE}", code="unreadable")
    return Convertible(page, "单个文件网页（MHT）", pictures)


def convert_to_docx(data: bytes, source: str, what: str) -> bytes:
    """The .docx LibreOffice makes of a .doc or .rtf file; ImportProblem when it cannot."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ImportProblem(f"{source}：这是{what}，不是 .docx。{_INSTALL}", code="unsupported")
    with tempfile.TemporaryDirectory(prefix="huibian-doc-") as folder:
        work = Path(folder)
        original = work / "source.doc"
        original.write_bytes(data)
        command = [
            soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
            "--nologo", "--nodefault", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"),
            str(original),
        ]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        try:
            process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise ImportProblem(f"{source}：LibreOffice 转换{what}超过 {TIMEOUT} 秒仍未完成，已停止。{RESAVE}",
                                code="unreadable") from None
        converted = work / "out" / "source.docx"
        if process.returncode != 0 or not converted.is_file():
            raise ImportProblem(
                f"{source}：LibreOffice 没能把这个{what}转换为 .docx（文件可能已损坏或设置了密码）。{RESAVE}",
                code="unreadable",
            )
        return converted.read_bytes()
