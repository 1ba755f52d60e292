"""The `pdf:` section of reports/collection.yml: which bundles to make and which fonts to use.

```yaml
pdf:
  bundles: [report, unit, period, kind-period, collection]   # default: all five
  volume_pages: 300           # a longer compilation is split into volumes (分册); default 300 pages
  fonts:                                                      # default: the free stand-ins
    body: FangSong_GB2312              # a fontconfig family name ...
    title: fonts/FZXBSJW.TTF           # ... or a font file inside the project
    hei: SimHei
    kai: KaiTi_GB2312
```
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from huibian import rules, safeyaml
from huibian.collection import Collection
from huibian.findings import Finding

BUNDLE_KINDS = ("report", "unit", "period", "kind-period", "collection")

# Font roles (huibian.layout.ROLES) and their free stand-ins, tried in order; an office with the
# licensed fonts names them in collection.yml (family names as `fc-list` shows them, or font files
# inside the project). Fandol (CTeX) is installed by scripts/setup_system.sh; why each face stands
# in for its official one: README, "Fonts". `fallback` sets the characters a role's face lacks
# (FandolFang has no ⅹ or 晩), so they are printed from an embedded face too.
DEFAULT_FONTS: dict[str, tuple[str, ...]] = {
    "title": ("Noto Serif CJK SC:style=Bold",),
    "body": ("FandolFang:style=Regular", "Noto Serif CJK SC:style=Regular"),
    "body-bold": ("FandolSong:style=Bold", "Noto Serif CJK SC:style=Bold"),
    "hei": ("Noto Sans CJK SC:style=Regular", "FandolHei:style=Regular"),
    "kai": ("FandolKai:style=Regular", "AR PL KaitiM GB:style=Regular", "LXGW WenKai:style=Regular"),
    "fallback": ("Noto Serif CJK SC:style=Regular",),
}
FONT_ROLES = tuple(DEFAULT_FONTS)


# A volume that binds as one book, and that WeasyPrint lays out in about 200 MB (it holds every
# page of a PDF in memory, ~0.5 MB each).
VOLUME_PAGES = 300


@dataclass(frozen=True)
class PdfConfig:
    bundles: tuple[str, ...] = BUNDLE_KINDS
    volume_pages: int = VOLUME_PAGES
    fonts: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_FONTS))


def read_pdf_config(collection: Collection, root: Path | None = None) -> tuple[PdfConfig, list[Finding]]:
    """Read `Collection.settings["pdf"]`; problems become P003 findings naming the key.

    With the project `root`, every font file it names is opened too: one that is not a font
    (damaged, truncated) is a P005 finding at its key, not a traceback in the middle of a build.
    """
    raw = collection.settings.get("pdf")
    findings: list[Finding] = []
    path = collection.path

    def problem(key: str, text: str, node: object = None) -> None:
        """A P003 finding at the line of `key` (its last part) inside `node` (default: the pdf section)."""
        line, col = safeyaml.key_position(node if node is not None else raw, key.split(".")[-1],
                                          (getattr(raw, "line", 1), 1))
        findings.append(rules.PDF_CONFIG.finding(path, line, col, key=key, problem=text))

    if raw is None:
        return PdfConfig(), findings
    if not isinstance(raw, dict):
        problem("pdf", "应为“字段: 值”的映射，可写 bundles 和 fonts")
        return PdfConfig(), findings
    for key in raw:
        if key not in ("bundles", "fonts", "volume_pages"):
            problem(str(key), "不认识：pdf 下只能写 bundles、fonts 和 volume_pages")
    volume_pages = VOLUME_PAGES
    if "volume_pages" in raw:
        value = raw["volume_pages"]
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            volume_pages = value
        else:
            problem("volume_pages", f"应为正整数（每册的大致页数上限），默认 {VOLUME_PAGES}")
    bundles: tuple[str, ...] = BUNDLE_KINDS
    if "bundles" in raw:
        value = raw["bundles"]
        if not isinstance(value, list):
            problem("bundles", "应为列表，例如 [period, unit]")
        else:
            wanted = [str(v) for v in value]
            unknown = [v for v in wanted if v not in BUNDLE_KINDS]
            if unknown:
                problem("bundles", f"中的“{'、'.join(unknown)}”不认识，可选：{'、'.join(BUNDLE_KINDS)}")
            bundles = tuple(k for k in BUNDLE_KINDS if k in wanted)
    fonts = dict(DEFAULT_FONTS)
    if "fonts" in raw:
        value = raw["fonts"]
        if not isinstance(value, dict):
            problem("fonts", "应为“角色: 字体”的映射，角色可选：" + "、".join(FONT_ROLES))
        else:
            for role, spec in value.items():
                if role not in DEFAULT_FONTS:
                    problem(f"fonts.{role}", "不认识，角色可选：" + "、".join(FONT_ROLES), value)
                    continue
                specs = spec if isinstance(spec, list) else [spec]
                if not specs or not all(isinstance(s, str) and s.strip() for s in specs):
                    problem(f"fonts.{role}", "应为字体名称或项目中的字体文件路径（可写列表，依次尝试）", value)
                    continue
                # The configured fonts come first; the free stand-ins stay as the last resort.
                fonts[role] = tuple(s.strip() for s in specs) + DEFAULT_FONTS[role]
                for spec in specs:
                    broken = unreadable_font(spec.strip(), root) if root is not None else ""
                    if broken:
                        line, col = safeyaml.key_position(value, role, (getattr(raw, "line", 1), 1))
                        findings.append(rules.PDF_FONT_UNREADABLE.finding(path, line, col, role=role,
                                                                          file=spec.strip(), problem=broken))
    return PdfConfig(bundles, volume_pages, fonts), findings


FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


def font_file(spec: str, root: Path) -> tuple[Path, str] | None:
    """A `pdf: fonts:` entry that names a font file (`fonts/X.ttf`, `X.ttc#1`): its path and face index text."""
    name, _, index_text = spec.partition("#")
    if not name.lower().endswith(FONT_SUFFIXES):
        return None
    return (Path(name) if Path(name).is_absolute() else root / name), index_text


def unreadable_font(spec: str, root: Path) -> str:
    """Why the font file `spec` names cannot be used ("" when it can, or when it names no existing file)."""
    found = font_file(spec, root)
    if found is None or not found[0].is_file():
        return ""
    from fontTools.ttLib import TTFont

    path, index_text = found
    try:
        font = TTFont(str(path), fontNumber=int(index_text) if index_text.isdigit() else 0, lazy=True)
        if not font.getBestCmap() or not font["maxp"].numGlyphs:
            return "没有字符映射或字形"
        font["name"].getDebugName(1)
    except Exception as error:  # fontTools raises many kinds of errors on a damaged file
        return f"{type(error).__name__}: {str(error)[:80]}"
    return ""
