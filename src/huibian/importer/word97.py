"""Word 97–2003 (.doc) and RTF files, converted to .docx by LibreOffice when it is installed.

LibreOffice runs headless with a private profile in a temporary folder (so a desktop LibreOffice
that is open, or a broken user profile, cannot interfere), in its own process group, and is
killed with that whole group when it takes longer than `TIMEOUT` seconds.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from huibian.importer.model import ImportProblem

TIMEOUT = 300
"""Seconds LibreOffice may take: a 2,000-paragraph .doc took 32 s on a busy 2-core machine, with a fresh profile."""
_INSTALL = ("导入 .doc 需要 LibreOffice：在 Debian/Ubuntu 上运行 sudo apt-get install libreoffice-writer-nogui"
            "（或 make test，它会一并安装）后再导入；也可以在 Word 或 WPS 中把它“另存为”Word 文档（*.docx）再导入")


def needs_conversion(data: bytes) -> bool:
    """True for RTF; Word 97 files are recognised by docx_package.ole_kind."""
    return data.lstrip()[:5] == b"{\\rtf"


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
            raise ImportProblem(f"{source}：LibreOffice 转换{what}超过 {TIMEOUT} 秒仍未完成，已停止。"
                                "请在 Word 或 WPS 中把它“另存为”Word 文档（*.docx）再导入", code="unreadable") from None
        converted = work / "out" / "source.docx"
        if process.returncode != 0 or not converted.is_file():
            raise ImportProblem(
                f"{source}：LibreOffice 没能把这个{what}转换为 .docx（文件可能已损坏或设置了密码）。"
                "请在 Word 或 WPS 中打开它，“另存为”Word 文档（*.docx）再导入",
                code="unreadable",
            )
        return converted.read_bytes()
