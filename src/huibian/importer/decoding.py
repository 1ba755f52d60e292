"""Decoding imported text files: UTF-8 (with or without BOM), GB18030/GBK and UTF-16."""

from __future__ import annotations

from dataclasses import dataclass

from huibian.importer.model import ImportProblem
from huibian.sources import normalise_newlines


@dataclass(frozen=True)
class DecodedText:
    text: str
    """The text with every line ending (CRLF, CR) turned into LF."""
    encoding: str
    """The encoding used, as shown to users: UTF-8, UTF-8（带 BOM）, GB18030, UTF-16LE, UTF-16BE."""
    line_endings: str
    """CRLF, CR, LF, mixed or none."""


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 byte order from where the zero bytes are (ASCII and CJK text both show it)."""
    sample = data[:4096]
    if len(sample) < 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half // 4 and odd > 2 * even:
        return "utf-16-le"
    if even > half // 4 and even > 2 * odd:
        return "utf-16-be"
    return None


def _line_endings(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, count in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if count]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


def decode_bytes(data: bytes, source: str) -> DecodedText:
    """Decode a text file, detecting its encoding; raise ImportProblem if none fits."""
    codec, label, body = None, "", data
    if data.startswith(b"\xef\xbb\xbf"):
        codec, label, body = "utf-8", "UTF-8（带 BOM）", data[3:]
    elif data.startswith(b"\xff\xfe"):
        codec, label, body = "utf-16-le", "UTF-16LE", data[2:]
    elif data.startswith(b"\xfe\xff"):
        codec, label, body = "utf-16-be", "UTF-16BE", data[2:]
    else:
        guessed = _utf16_without_bom(data)
        if guessed:
            codec, label = guessed, guessed.upper().replace("-LE", "LE").replace("-BE", "BE")
    candidates: list[tuple[str, str]] = [(codec, label)] if codec else [("utf-8", "UTF-8"), ("gb18030", "GB18030")]
    first_error: UnicodeDecodeError | None = None
    for name, shown in candidates:
        try:
            text = body.decode(name)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
            continue
        return DecodedText(normalise_newlines(text), shown, _line_endings(text))
    line = body.count(b"\n", 0, first_error.start if first_error else 0) + 1
    raise ImportProblem(
        f"{source}：无法识别文件编码（第 {line} 行附近有无法解码的字节）。"
        "支持 UTF-8、带 BOM 的 UTF-8、GB18030/GBK 和 UTF-16；请在 Word 或记事本中另存为 UTF-8 后重试",
        code="encoding",
    )
