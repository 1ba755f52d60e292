"""Fonts for the PDFs: find each role's face, subset it once per build, describe it in CSS.

WeasyPrint subsets every face again for every PDF it writes; starting from a small font that
holds only the characters the collection uses makes that cheap, and the subset files are cached
in `.cache/huibian/pdf/fonts/` under a name derived from the source font and the character set.
Subsetting uses HarfBuzz (`hbsubset`, 0.1 s per CJK face) or, failing that, fontTools (5 s).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from huibian.parent_death import die_with_parent
from huibian.pdf.config import DEFAULT_FONTS, FONT_ROLES, font_file, unreadable_font

# Characters every PDF needs besides the reports' own text: ASCII, page numbers, cover and TOC.
BASE_CHARACTERS = "".join(chr(c) for c in range(0x20, 0x7F)) + "—–…·．、。，；：！？“”‘’（）《》〔〕【】［］目录图片　"


class FontProblem(Exception):
    """No usable font for a role: the message is Chinese and says what to install or configure."""


@dataclass(frozen=True)
class FontFace:
    role: str
    file: Path
    index: int
    family: str
    """The fontconfig family name (used directly when fonts are not pre-subset)."""


def resolve_faces(specs: dict[str, tuple[str, ...]], root: Path) -> dict[str, FontFace]:
    """The first available face for every role, or FontProblem naming what was tried."""
    faces = {}
    for role in FONT_ROLES:
        tried = specs.get(role, ())
        face = next((f for f in (_resolve(role, spec, root) for spec in tried) if f is not None), None)
        if face is None:
            raise FontProblem(
                f"找不到 PDF 所需的字体（{role}）：试过 {'、'.join(tried)}。请运行 scripts/setup_system.sh（安装 Fandol 仿宋、"
                "fonts-noto-cjk 等字体），或在 collection.yml 的 pdf: fonts: 中指定字体"
            )
        faces[role] = face
    return faces


def _resolve(role: str, spec: str, root: Path) -> FontFace | None:
    found = font_file(spec, root)
    if found is not None:
        path, index_text = found
        if not path.is_file():
            return None
        broken = unreadable_font(spec, root)
        if broken:
            raise FontProblem(f"PDF 字体（{role}）“{spec}”无法读取（{broken}）：文件可能已损坏或不是字体。"
                              "请在 collection.yml 的 pdf: fonts: 中换成完好的字体文件，或删去这一项")
        index = int(index_text) if index_text.isdigit() else _pick_face(path)
        return FontFace(role, path.resolve(), index, _family_of(path, index))
    family = spec.split(":")[0]
    try:
        listed = subprocess.run(
            ["fc-list", spec, "-f", "%{file}\t%{index}\t%{family}\n"], capture_output=True, text=True, check=False,
        ).stdout
    except OSError:
        return None
    for line in sorted(listed.splitlines()):
        file, _, rest = line.partition("\t")
        number, _, families = rest.partition("\t")
        if family in families.split(",") and Path(file).is_file():
            return FontFace(role, Path(file), int(number or 0), family)
    return None


def _pick_face(path: Path) -> int:
    """In a font collection, prefer the Simplified Chinese face."""
    if path.suffix.lower() not in (".ttc", ".otc"):
        return 0
    from fontTools.ttLib import TTCollection

    names = [str(f["name"].getDebugName(1)) for f in TTCollection(str(path), lazy=True).fonts]
    return next((i for i, n in enumerate(names) if n.endswith((" SC", "GB", "简"))), 0)


def _family_of(path: Path, index: int) -> str:
    from fontTools.ttLib import TTFont

    return str(TTFont(str(path), fontNumber=index, lazy=True)["name"].getDebugName(1))


def office_families(specs: dict[str, tuple[str, ...]], faces: dict[str, FontFace]) -> dict[str, str]:
    """The family of each role whose face the office named in `pdf: fonts:` (not a free stand-in)."""
    return {role: face.family for role, face in faces.items()
            if face.family not in {spec.split(":")[0] for spec in DEFAULT_FONTS.get(role, ())}}


def gb2312_characters() -> str:
    """Every character of GB 2312 (6,763 hanzi plus symbols): the usual repertoire of official text."""
    chars = []
    for first in range(0xA1, 0xF8):
        for second in range(0xA1, 0xFF):
            try:
                chars.append(bytes((first, second)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def character_set(texts: Iterable[str]) -> str:
    """GB 2312 plus whatever else the collection uses.

    Starting from GB 2312 keeps the subset fonts (and so every bundle's cache key) unchanged when
    an edit brings a character no report used before; only characters outside GB 2312 that are
    new to the collection (rare names) change the fonts and re-render every bundle.
    """
    chars = set(BASE_CHARACTERS) | set(gb2312_characters())
    for text in texts:
        chars.update(text)
    return "".join(sorted(c for c in chars if c.isprintable() or c == "\u3000"))


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class FontSet:
    """The fonts a build uses: CSS @font-face rules and a digest for the cache key."""

    css: str
    digest: str
    files: tuple[Path, ...]


def prepare_fonts(faces: dict[str, FontFace], charset: str, cache: Path, subset: bool = True,
                  jobs: int = 1) -> FontSet:
    """Subset every face to `charset` (once; cached) and describe them in CSS.

    With subset=False the faces are used by family name straight from the system (the baseline the
    benchmark compares against).
    """
    if not subset:
        css = "\n".join(f'/* {role}: {face.family} */' for role, face in faces.items())
        digest = hashlib.sha256(repr(sorted((r, f.family, str(f.file), f.index) for r, f in faces.items()))
                                .encode()).hexdigest()
        return FontSet(css, digest, ())
    cache.mkdir(parents=True, exist_ok=True)
    charset_digest = hashlib.sha256(charset.encode("utf-8")).hexdigest()
    targets: dict[str, Path] = {}
    todo: list[tuple[str, int, str, str]] = []
    sources: dict[tuple[Path, int], str] = {}
    for role, face in faces.items():
        key = (face.file, face.index)
        if key not in sources:
            sources[key] = hashlib.sha256(
                f"{file_digest(face.file)}:{face.index}:{charset_digest}".encode()).hexdigest()[:24]
        suffix = ".otf" if _is_cff(face.file) else ".ttf"
        # One file per role even when two roles share a face: fontconfig registers a file only once,
        # under the first @font-face family that names it.
        target = cache / f"{role}-{sources[key]}{suffix}"
        targets[role] = target
        if not target.is_file() and all(t[2] != str(target) for t in todo):
            todo.append((str(face.file), face.index, str(target), charset))
    if todo:
        if jobs > 1 and len(todo) > 1:
            with ProcessPoolExecutor(min(jobs, len(todo)), mp_context=get_context("fork"),
                                     initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
                list(pool.map(_subset_one, todo))
        else:
            for item in todo:
                _subset_one(item)
    rules = []
    for role, target in targets.items():
        family, weight = _css_family(role)
        rules.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                     f'src: url("{target.as_uri()}"); }}')
    digest = hashlib.sha256("\n".join(rules).encode()).hexdigest()
    return FontSet("\n".join(rules), digest, tuple(sorted(set(targets.values()))))


def _css_family(role: str) -> tuple[str, str]:
    if role == "body-bold":
        return "hb-body", "bold"
    return f"hb-{role}", "normal"


def css_families(subset: bool, faces: dict[str, FontFace]) -> dict[str, str]:
    """The CSS font-family value for each role: the subset faces first, then the system families.

    Every chain ends in the body face and then the fallback face, so a character a role's face
    lacks is printed from another face of the PDF, never from whatever fontconfig finds.
    """
    families = {}
    for role in FONT_ROLES:
        chain = []
        for step in dict.fromkeys((role, "body", "fallback")):
            if subset:
                chain.append(f'"{_css_family(step)[0]}"')
            chain.append(f'"{faces[step].family}"')
        families[role] = ", ".join(dict.fromkeys(chain))
    return families


def _is_cff(path: Path) -> bool:
    with path.open("rb") as stream:
        head = stream.read(4)
        if head == b"ttcf":
            stream.seek(12)
            offset = int.from_bytes(stream.read(4), "big")
            stream.seek(offset)
            head = stream.read(4)
    return head == b"OTTO"


def _subset_one(item: tuple[str, int, str, str]) -> None:
    """Write a subset of one face, atomically (a killed build leaves no half font)."""
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    from huibian.pdf import hbsubset

    source, index, target, charset = item
    partial = Path(target + ".partial")
    data = hbsubset.subset_font(source, index, charset)
    if data is not None:
        partial.write_bytes(data)
        partial.replace(target)
        return
    # fontTools chatters about tables it drops (e.g. GKai's `mort`): not the user's business.
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    font = TTFont(source, fontNumber=index, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables = [t for t in options.drop_tables if t not in ("vhea", "vmtx")]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in charset])
    subsetter.subset(font)
    font.save(str(partial))
    partial.replace(target)
