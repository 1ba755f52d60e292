"""Opening a Word file safely: the zip package, its parts and relationships, parsed without entities.

Everything that reads a .docx (the reader and the independent nothing-lost extraction) goes
through here, so that every file that is not a plain Word document — encrypted, Word 97, Strict
Open XML, a template, a macro document, another Office format, a corrupt zip, XML with a DTD —
is refused once, with a Chinese message that says what the file is and what to do.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from lxml import etree

from huibian.importer.model import ImportProblem

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
PICTURE_REFS = {
    "{http://schemas.openxmlformats.org/drawingml/2006/main}blip": "{" + REL + "}embed",
    "{urn:schemas-microsoft-com:vml}imagedata": "{" + REL + "}id",
}
"""Elements that embed a picture, and the attribute naming its relationship (DrawingML, VML)."""
RELATED = "{" + REL + "}"
"""Namespace of the attributes (r:id, r:embed, r:link, r:dm…) that name a relationship of their part."""
PART_NAMES = {
    "image": "图片", "chart": "图表", "aFChunk": "嵌入的文档", "diagramData": "SmartArt 图形",
    "diagramLayout": "SmartArt 图形", "diagramQuickStyle": "SmartArt 图形", "diagramColors": "SmartArt 图形",
    "oleObject": "嵌入的对象", "package": "嵌入的对象", "control": "控件",
}
"""What a part the text refers to is, by the last word of its relationship type; others are 嵌入的内容."""
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE_DOCUMENT = REL + "/officeDocument"
_STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED = 256 * 1024 * 1024
"""Bytes a package may unpack to: a zip bomb stops here instead of filling the memory."""

_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
RESAVE = "请在 Word 或 WPS 中打开它，“另存为”选择“Word 文档（*.docx）”，再导入另存的文件"
"""What to do with a Word file the importer cannot read as it is."""
_OTHER_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "Word 模板（.dotx）",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "启用宏的 Word 文档（.docm）",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "启用宏的 Word 模板（.dotm）",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "Excel 表格（.xlsx）",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "启用宏的 Excel 表格（.xlsm）",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "PowerPoint 演示文稿（.pptx）",
}
_DOCTYPE = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))
_ZIP_DAMAGE = (
    (zipfile.LargeZipFile, "超过 4 GB 的压缩包"),
    (zipfile.BadZipFile, "压缩包的目录或校验和不对"),
    (zlib.error, "压缩的数据已损坏"),
    (EOFError, "文件不完整，可能没有下载或复制完"),
    (NotImplementedError, "用了不支持的压缩方式或加密"),
)
"""Why a zip cannot be unpacked, in Chinese, by the exception that says so."""
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str
    target: str
    """Part name inside the package (word/media/image1.png), or the URL of an external target."""
    external: bool

    @property
    def kind(self) -> str:
        """The last word of the relationship type: image, chart, aFChunk, header…"""
        return self.type.rsplit("/", 1)[-1]

    @property
    def part_name(self) -> str:
        """What the target is, in Chinese (图片, 图表…)."""
        return PART_NAMES.get(self.kind, "嵌入的内容")


def ole_kind(data: bytes) -> str | None:
    """"encrypted" (a password-protected Office file), "word97" (a .doc) or "ole" (another OLE file)."""
    if not data.startswith(_OLE_MAGIC):
        return None
    if "EncryptionInfo".encode("utf-16-le") in data:
        return "encrypted"
    if "WordDocument".encode("utf-16-le") in data:
        return "word97"
    return "ole"


def encrypted_message(source: str) -> str:
    return (f"{source}：这是设置了打开密码的（加密的）Office 文件，无法读取。请在 Word 中用密码打开，"
            "在“文件 → 信息 → 保护文档 → 用密码进行加密”中清空密码并保存，再导入")


class DocxPackage:
    """The parts of a Word (.docx) package, parsed on demand with entity expansion and DTDs off."""

    def __init__(self, source: str, parts: dict[str, bytes], main: str) -> None:
        self.source = source
        self.parts = parts
        self.main = main
        self._xml: dict[str, Any] = {}
        self._relationships: dict[str, list[Relationship]] = {}

    def xml(self, name: str) -> Any:
        """The parsed root element of part `name` (refused if it declares a DTD or is not XML)."""
        if name not in self._xml:
            self._xml[name] = _parse(self.source, name, self.parts[name])
        return self._xml[name]

    def relationships(self, name: str) -> list[Relationship]:
        """The relationships of part `name` (from its _rels/<name>.rels), targets resolved."""
        if name not in self._relationships:
            self._relationships[name] = self._read_relationships(name)
        return self._relationships[name]

    def _read_relationships(self, name: str) -> list[Relationship]:
        folder, base = posixpath.split(name)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if rels not in self.parts:
            return []
        out = []
        for item in self.xml(rels).iter(f"{_PKG_REL}Relationship"):
            target = item.get("Target") or ""
            external = item.get("TargetMode") == "External"
            if not external:
                joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                target = posixpath.normpath(joined)
            out.append(Relationship(item.get("Id") or "", item.get("Type") or "", target, external))
        return out

    def related(self, name: str, kind: str) -> list[str]:
        """Internal parts that `name` relates to with a relationship type ending in /`kind`."""
        return [r.target for r in self.relationships(name)
                if r.type.endswith("/" + kind) and not r.external and r.target in self.parts]

    def relationship(self, name: str, rid: str) -> Relationship | None:
        """Relationship `rid` of part `name` if it points to a part inside the package."""
        for rel in self.relationships(name):
            if rel.id == rid and not rel.external and rel.target in self.parts:
                return rel
        return None

    def target(self, name: str, rid: str) -> str | None:
        """The internal part that relationship `rid` of part `name` points to, if it exists."""
        rel = self.relationship(name, rid)
        return rel.target if rel else None


def _parse(source: str, name: str, data: bytes) -> Any:
    unsafe = ImportProblem(
        f"{source}：Word 文件中的 {name} 带有 DTD 和实体声明（<!DOCTYPE …>）。Word 自己从不写这种内容，"
        f"文件可能被改动过，为安全起见不导入。{RESAVE}",
        code="unsafe",
    )
    if any(token in data for token in _DOCTYPE):
        raise unsafe  # refused before parsing: entity tricks never reach the parser
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        what = "元素嵌套超过 256 层，不像正常的 Word 文件" if "depth" in str(exc).lower() else "不是完整的 XML"
        raise ImportProblem(
            f"{source}：Word 文件已损坏，其中的 {name} {what}（第 {exc.lineno} 行）。{RESAVE}", code="unreadable",
        ) from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:  # a DOCTYPE in an encoding the scan above missed
        raise unsafe
    return root


def _unpack(data: bytes, source: str) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        parts: dict[str, bytes] = {}
        budget = MAX_UNPACKED
        for info in archive.infolist():
            if info.is_dir():
                continue
            with archive.open(info) as stream:
                blob = stream.read(budget + 1)
            budget -= len(blob)
            if budget < 0:
                raise ImportProblem(
                    f"{source}：Word 文件解压后超过 {MAX_UNPACKED // 1024 // 1024} MB，不像正常的报告，没有导入",
                    code="unreadable",
                )
            parts[info.filename.lstrip("/")] = blob
        return parts
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError,
            zlib.error) as exc:
        why = next((words for kind, words in _ZIP_DAMAGE if isinstance(exc, kind)), "数据读不出来")
        raise ImportProblem(f"{source}：Word 文件已损坏，zip 压缩包无法解开（{why}）。{RESAVE}", code="unreadable",
                            ) from None


def _content_type(package: DocxPackage, name: str) -> str:
    if "[Content_Types].xml" not in package.parts:
        return ""
    types = package.xml("[Content_Types].xml")
    for item in types.iter(f"{_CT}Override"):
        if (item.get("PartName") or "").lstrip("/").lower() == name.lower():
            return item.get("ContentType") or ""
    extension = posixpath.splitext(name)[1].lstrip(".").lower()
    for item in types.iter(f"{_CT}Default"):
        if (item.get("Extension") or "").lower() == extension:
            return item.get("ContentType") or ""
    return ""


def open_docx(data: bytes, source: str) -> DocxPackage:
    """The package of a Word document; ImportProblem (Chinese, naming the file) for anything else."""
    kind = ole_kind(data)
    if kind == "encrypted":
        raise ImportProblem(encrypted_message(source), code="unsupported")
    if kind is not None:
        raise ImportProblem(f"{source}：这是旧格式（97–2003）的 Office 文件，不是 .docx。{RESAVE}", code="unsupported")
    if not zipfile.is_zipfile(BytesIO(data)):
        raise ImportProblem(f"{source}：不是有效的 Word（.docx）文件：内容既不是 .docx 的 zip 压缩包，"
                            f"也不是 Word 97 文档。{RESAVE}", code="unreadable")
    parts = _unpack(data, source)
    if parts.get("mimetype", b"").startswith(b"application/vnd.oasis.opendocument"):
        raise ImportProblem(f"{source}：这是 OpenDocument 文件（.odt，WPS 或 LibreOffice 的格式），不是 .docx。{RESAVE}",
                            code="unsupported")
    package = DocxPackage(source, parts, "")
    rels = package.relationships("")
    if any(rel.type == _STRICT_OFFICE_DOCUMENT for rel in rels):
        raise _strict(source)
    main = next((rel.target for rel in rels if rel.type == _OFFICE_DOCUMENT and not rel.external), None)
    if main is None or main not in parts:
        raise ImportProblem(f"{source}：Word 文件已损坏，找不到正文部分（word/document.xml）。{RESAVE}",
                            code="unreadable")
    content_type = _content_type(package, main)
    if content_type in _OTHER_TYPES:
        raise ImportProblem(f"{source}：这是{_OTHER_TYPES[content_type]}，不是普通的 Word 文档（.docx），"
                            f"扩展名可能被改过。{RESAVE}", code="unsupported")
    root = package.xml(main)
    if etree.QName(root).namespace == STRICT_W:
        raise _strict(source)
    if content_type != _DOCUMENT or etree.QName(root).namespace != W:
        raise ImportProblem(f"{source}：不是 Word 文档（主文档的类型是“{content_type or '未知'}”）。{RESAVE}",
                            code="unsupported")
    package.main = main
    for name in parts:  # every XML part, read or not, is checked for a DTD before anything is read
        if name.endswith((".xml", ".rels")):
            package.xml(name)
    return package


def _strict(source: str) -> ImportProblem:
    return ImportProblem(
        f"{source}：这是“严格 Open XML”（Strict Open XML）格式的 Word 文档，无法读取。请在 Word 中打开它，"
        "“另存为”时保存类型选“Word 文档（*.docx）”（不要选“Strict Open XML 文档”），再导入另存的文件",
        code="unsupported",
    )
