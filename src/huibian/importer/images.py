"""What kind of picture a Word file's media part really is, judged by its first bytes.

The part's name and declared content type come from the file and can say anything (a part named
`word/media/image1.md` once became a report): the importer names saved pictures itself and takes
the extension only from the content.
"""

from __future__ import annotations

import re

_SVG = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<svg[\s>]", re.S)


def image_extension(data: bytes) -> str | None:
    """The file extension (with the dot) for picture bytes, or None when they are not a picture."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if data.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return ".gif"
    if data.startswith(b"BM") and len(data) >= 26 and int.from_bytes(data[2:6], "little") in (0, len(data)):
        return ".bmp"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return ".tif"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return ".webp"
    if data.startswith(b"\x01\x00\x00\x00") and data[40:44] == b" EMF":
        return ".emf"
    if data.startswith(b"\xd7\xcd\xc6\x9a") or data[:6] in (b"\x01\x00\x09\x00\x00\x03", b"\x02\x00\x09\x00\x00\x03"):
        return ".wmf"
    if _SVG.match(data[:4096]):
        return ".svg"
    return None


def image_name(number: int, extension: str) -> str:
    """The name the importer gives its `number`-th saved picture: image-001.png."""
    return f"image-{number:03d}{extension}"
