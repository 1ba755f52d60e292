"""Building Word test files: python-docx for the document, raw XML edits of the zip for the rest."""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from PIL import Image

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def png_bytes(colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), colour).save(buffer, "PNG")
    return buffer.getvalue()


def saved(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_part(document: docx.document.Document, name: str, content_type: str, xml: str, reltype: str) -> str:
    """Add an XML part related from the main document; returns the relationship id."""
    part = Part(PackURI(name), content_type, xml.encode("utf-8"), document.part.package)
    return document.part.relate_to(part, f"{RELS}/{reltype}")


def add_picture(document: docx.document.Document, colour: tuple[int, int, int]) -> str:
    """Add a PNG part related from the main document; returns the relationship id."""
    rid, _image = document.part.get_or_add_image(io.BytesIO(png_bytes(colour)))
    return rid


def inline_picture(rid: str) -> str:
    return (f'<w:r><w:drawing><wp:inline><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="{rid}"/>'
            "</pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")


def add_notes(document: docx.document.Document, kind: str, notes: dict[int, str]) -> None:
    """Add word/footnotes.xml or word/endnotes.xml (`kind` "footnote" or "endnote"), as Word writes them.

    A note text starting with "<" is inserted as the note's XML (paragraphs).
    """
    separator = f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
    items = "".join(
        f'<w:{kind} w:id="{i}">{t if t.startswith("<") else paragraph(t)}</w:{kind}>' for i, t in notes.items()
    )
    xml = f"<w:{kind}s {NS}>{separator}{items}</w:{kind}s>"
    content_type = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"
    add_part(document, f"/word/{kind}s.xml", content_type, xml, f"{kind}s")


def edit_zip(data: bytes, replace: dict[str, bytes | None] | None = None, rename: dict[str, str] | None = None) -> bytes:
    """A copy of a zip with parts replaced (None deletes) or renamed."""
    replace = replace or {}
    rename = rename or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        for name in names:
            content = replace.get(name, source.read(name))
            if content is not None:
                target.writestr(rename.get(name, name), content)
        for name, content in replace.items():
            if name not in names and content is not None:
                target.writestr(name, content)
    return out.getvalue()


def read_part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def with_body(data: bytes, xml: str) -> bytes:
    """Replace the body of word/document.xml (keeping its w:sectPr) with `xml`."""
    document = read_part(data, "word/document.xml")
    section = re.search(r"<w:sectPr.*</w:sectPr>", document, re.S)
    body = f"<w:body>{xml}{section.group(0) if section else ''}</w:body>"
    document = re.sub(r"<w:body>.*</w:body>", lambda _m: body, document, flags=re.S)
    document = re.sub(r"<w:document [^>]*>", f"<w:document {NS}>", document, count=1)
    return edit_zip(data, {"word/document.xml": document.encode("utf-8")})


def paragraph(*runs: str) -> str:
    """<w:p> with one <w:r><w:t> per plain string; strings starting with '<' are inserted as XML."""
    inner = "".join(run if run.startswith("<") else f'<w:r><w:t xml:space="preserve">{run}</w:t></w:r>' for run in runs)
    return f"<w:p>{inner}</w:p>"


def add_furniture(document: docx.document.Document, kind: str, xml: str) -> None:
    """Add a header, footer (`xml` = its paragraphs) or comments part (`xml` = its w:comment elements)."""
    root = {"header": "hdr", "footer": "ftr", "comments": "comments"}[kind]
    number = len([r for r in document.part.rels.values() if r.reltype.endswith("/" + kind)]) + 1
    name = f"/word/{kind}{number if kind != 'comments' else ''}.xml"
    content_type = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"
    add_part(document, name, content_type, f"<w:{root} {NS}>{xml}</w:{root}>", kind)
