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


def _plausibility(text: str) -> float:
    """Share of characters a Chinese report is made of (Han, CJK and ASCII punctuation, letters)."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        code = ord(ch)
        if (
            0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF
            or 0x20 <= code < 0x7F or ch in "\n\r\t" or 0x2000 <= code <= 0x206F
        ):
            good += 1
    return good / len(text)


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
    codec, label, body = "", "", data
    if data.startswith(b"\xef\xbb\xbf"):
        codec, label, body = "utf-8", "UTF-8（带 BOM）", data[3:]
    elif data.startswith(b"\xff\xfe"):
        codec, label, body = "utf-16-le", "UTF-16LE", data[2:]
    elif data.startswith(b"\xfe\xff"):
        codec, label, body = "utf-16-be", "UTF-16BE", data[2:]
    if codec:
        try:
            text = body.decode(codec)
        except UnicodeDecodeError as exc:
            raise _problem(source, body, exc.start) from None
        return DecodedText(normalise_newlines(text), label, _line_endings(text))
    try:
        text = data.decode("utf-8")
        return DecodedText(normalise_newlines(text), "UTF-8", _line_endings(text))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    # UTF-8 with a few broken bytes (a damaged or cut file) would read as GB18030 gibberish.
    damaged = data.decode("utf-8", errors="replace").count("\ufffd")
    multibyte = sum(1 for byte in data if byte >= 0xC0)
    if damaged <= 3 and multibyte >= 10 * damaged:
        line = data.count(b"\n", 0, first_bad) + 1
        raise ImportProblem(
            f"{source}：文件是 UTF-8 编码，但第 {line} 行有 {damaged} 处损坏的字节（文件可能被截断或损坏），"
            "为免把乱码当成正文，没有导入：请从原稿重新导出后再试",
            code="encoding",
        )
    # Not UTF-8: GB18030/GBK, or UTF-16 without a byte-order mark. Take the decoding that reads
    # most like Chinese text.
    best: tuple[float, str, str] | None = None
    for name, shown in (("gb18030", "GB18030"), ("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")):
        try:
            decoded = data.decode(name)
        except UnicodeDecodeError:
            continue
        score = _plausibility(decoded)
        if best is None or score > best[0]:
            best = (score, decoded, shown)
    if best is None or best[0] < 0.6:
        raise _problem(source, data, first_bad)
    return DecodedText(normalise_newlines(best[1]), best[2], _line_endings(best[1]))


def _problem(source: str, data: bytes, position: int) -> ImportProblem:
    line = data.count(b"\n", 0, position) + 1
    return ImportProblem(
        f"{source}：无法识别文件编码（第 {line} 行附近有无法解码的字节）。"
        "支持 UTF-8、带 BOM 的 UTF-8、GB18030/GBK 和 UTF-16；请在 Word 或记事本中另存为 UTF-8 后重试",
        code="encoding",
    )
