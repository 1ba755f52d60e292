"""Reading report files: size limit, encoding detection, line endings."""

from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


class DecodeProblem(Exception):
    def __init__(self, guess: str, line: int) -> None:
        super().__init__(guess)
        self.guess = guess
        self.line = line


def guess_encoding(data: bytes) -> str | None:
    """Name the encoding a non-UTF-8 file most likely uses, or None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    sample = data[:4096]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        return "UTF-16"
    try:
        data.decode("gb18030")
        return "GB18030/GBK"
    except UnicodeDecodeError:
        return None


def decode(data: bytes) -> Decoded:
    """Decode UTF-8 (BOM allowed) with normalised line endings; raise DecodeProblem otherwise."""
    encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        encoding = "utf-8-sig"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = guess_encoding(data) or "未知编码"
        line = 1 if guess == "UTF-16" else data.count(b"\n", 0, exc.start) + 1
        raise DecodeProblem(guess, line) from None
    return Decoded(normalise_newlines(text), encoding)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
