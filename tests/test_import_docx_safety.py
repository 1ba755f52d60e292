"""A Word file cannot make the importer write a report it did not mean to write, nor expand entities."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.shared import Inches

from huibian.check import check_collection
from huibian.importer import ImportProblem, import_bytes
from huibian.importer.images import image_extension
from wordfiles import edit_zip, png_bytes, read_part, saved

from conftest import report_text, run_huibian

SMUGGLED = report_text(title="偷偷发布的报告", body="这段文字不该出现在公开版里。\n").encode("utf-8")


def docx_with_media(parts: dict[str, bytes]) -> bytes:
    """A report with one picture per entry, whose media part is then renamed to the key and given its bytes."""
    document = docx.Document()
    document.add_paragraph("测试县交通运输局2024年上半年意识形态工作情况汇报", style="Title")
    document.add_paragraph("一、工作开展情况")
    document.add_paragraph("局党组召开专题会议3次。")
    colours = [(200, 30, 30), (30, 200, 30), (30, 30, 200)]
    for colour in colours[: len(parts)]:
        document.add_picture(io.BytesIO(png_bytes(colour)), width=Inches(1))
    data = saved(document)
    rels = read_part(data, "word/_rels/document.xml.rels")
    types = read_part(data, "[Content_Types].xml")
    replace: dict[str, bytes | None] = {}
    rename = {}
    for number, (name, content) in enumerate(parts.items(), start=1):
        original = f"word/media/image{number}.png"
        rels = rels.replace(f'"media/image{number}.png"', f'"{name.removeprefix("word/")}"')
        rename[original] = name
        replace[original] = content
        extension = name.rsplit(".", 1)[1]
        types = types.replace("<Default ", f'<Default Extension="{extension}" ContentType="image/x-{extension}"/><Default ', 1)
    replace["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    replace["[Content_Types].xml"] = types.encode("utf-8")
    return edit_zip(data, replace, rename)


def test_a_media_part_named_md_cannot_become_a_report(project: Callable[..., Path]) -> None:
    root = project()
    picture = png_bytes((1, 2, 3))
    source = docx_with_media({"word/media/image1.md": SMUGGLED, "word/media/image2.md": picture})
    (root / "汇报.docx").write_bytes(source)
    done = run_huibian(root, "import", "汇报.docx")
    assert done.returncode == 0, done.stderr
    written = sorted(str(p.relative_to(root / "reports")) for p in (root / "reports").rglob("*") if p.is_file())
    assert written == [
        "collection.yml", "jtj/2024-h1-ideology.assets/image-001.png", "jtj/2024-h1-ideology.md", "jtj/汇报.import.log",
    ]
    assert (root / "reports/jtj/2024-h1-ideology.assets/image-001.png").read_bytes() == picture
    log = (root / "reports/jtj/汇报.import.log").read_text(encoding="utf-8")
    assert "word/media/image1.md" in log and "不是可识别的图片格式，没有保存" in log
    assert "偷偷发布的报告" not in (root / "reports/jtj/2024-h1-ideology.md").read_text(encoding="utf-8")
    assert [r.id for r in check_collection(root).reports] == ["jtj/2024-h1-ideology"]


@pytest.mark.parametrize(("data", "extension"), [
    (png_bytes(), ".png"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", ".jpg"),
    (b"GIF89a\x01\x00\x01\x00", ".gif"),
    (b"BM" + (30).to_bytes(4, "little") + b"\x00" * 24, ".bmp"),
    (b"II*\x00\x08\x00\x00\x00", ".tif"),
    (b"RIFF\x10\x00\x00\x00WEBPVP8 ", ".webp"),
    (b"\x01\x00\x00\x00" + b"\x00" * 36 + b" EMF" + b"\x00" * 40, ".emf"),
    (b"\xd7\xcd\xc6\x9a\x00\x00", ".wmf"),
    (b'<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>', ".svg"),
    (SMUGGLED, None),
    (b"BM but not a bitmap at all, just text", None),
    (b"<html><svg/></html>", None),
])
def test_picture_kind_is_judged_by_content(data: bytes, extension: str | None) -> None:
    assert image_extension(data) == extension


def entity_docx(doctype: str, text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph("PLACEHOLDER")
    data = saved(document)
    xml = read_part(data, "word/document.xml")
    xml = xml.replace("<w:document ", f"{doctype}<w:document ", 1).replace("PLACEHOLDER", text)
    return edit_zip(data, {"word/document.xml": xml.encode("utf-8")})


@pytest.mark.parametrize(("doctype", "text"), [
    ('<!DOCTYPE w:document [<!ENTITY unit "测试县交通运输局">]>', "&unit;召开会议。会后各股室传达学习。"),
    ('<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "开头&x;结尾"),
    ('<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
     '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
     '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
     '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>', "前文&h;后文"),
])
def test_xml_with_entity_declarations_is_refused_not_cut_short(doctype: str, text: str) -> None:
    with pytest.raises(ImportProblem) as caught:
        import_bytes(entity_docx(doctype, text), "实体.docx", None)
    assert caught.value.code == "unsafe"
    message = caught.value.message
    assert message.startswith("实体.docx：") and "word/document.xml" in message and "DTD" in message
    assert "另存为" in message and "root:" not in message and "哈哈" not in message


def damaged_zip(crc: bool) -> bytes:
    """A .docx whose word/document.xml is damaged inside the zip: its compressed data, or its checksum."""
    document = docx.Document()
    document.add_paragraph("测试县交通运输局2024年上半年意识形态工作情况汇报")
    data = bytearray(saved(document))
    name = b"word/document.xml"
    if crc:  # the CRC-32 of the central directory entry, 16 bytes into it
        entry = _central_entry(data, name)
        data[entry + 16 : entry + 20] = b"\x00\x00\x00\x00"
    else:  # a few bytes into the deflated data, after the local header (30 bytes, the name, the extra field)
        local = data.index(b"PK\x03\x04")
        while data[local + 30 : local + 30 + len(name)] != name:
            local = data.index(b"PK\x03\x04", local + 4)
        extra = int.from_bytes(data[local + 28 : local + 30], "little")
        start = local + 30 + len(name) + extra + 10
        data[start : start + 4] = b"\xff\xff\xff\xff"
    return bytes(data)


def _central_entry(data: bytearray, name: bytes) -> int:
    entry = data.index(b"PK\x01\x02")
    while data[entry + 46 : entry + 46 + len(name)] != name:
        entry = data.index(b"PK\x01\x02", entry + 4)
    return entry


@pytest.mark.parametrize("damaged", [damaged_zip(crc=False), damaged_zip(crc=True)], ids=["compressed-data", "checksum"])
def test_a_damaged_zip_gets_a_chinese_reason_not_a_traceback(damaged: bytes) -> None:
    with pytest.raises(ImportProblem) as caught:
        import_bytes(damaged, "坏.docx", None)
    message = caught.value.message
    assert caught.value.code == "unreadable" and message.startswith("坏.docx：Word 文件已损坏")
    assert "另存为" in message and not any(word in message for word in ("Error", "Bad", "zlib", "Zip"))
