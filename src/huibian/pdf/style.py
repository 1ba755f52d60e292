"""The print stylesheet, generated from the one layout definition (`huibian.layout`)."""

from __future__ import annotations

from huibian import layout as L


def _half_leading_mm(size_pt: float) -> float:
    """How far below its line box's top a face with a 1 em ascent + descent (FandolFang) starts its em box."""
    return (L.LINE_PITCH_PT - size_pt) / 2 / L.PT_PER_MM


# The page area starts a half leading above 天头 37 mm, so the em box of the first body line starts
# at 37 mm (GB/T 9704 allows ±1 mm); 22 lines then fill it, and its height stays 225 mm.
_TOP_MM = L.TOP_MM - _half_leading_mm(L.BODY_PT)
TOP = f"{_TOP_MM:.2f}mm"
BOTTOM = f"{L.PAGE_HEIGHT_MM - _TOP_MM - L.TYPE_HEIGHT_MM:.2f}mm"
# A hair under the pitch keeps rounding from pushing line 22 to the next page.
LINE = f"{L.LINE_PITCH_PT - 0.04:.2f}pt"
TRACKING = f"{L.TRACKING_PT:.2f}pt"
# Two characters of the grid (2 em would be 0.4 pt more, and a first line would hold 25, not 26).
INDENT = f"{2 * L.CHAR_PITCH_PT:.2f}pt"
# The page number's em box starts 7 mm below the type area (37 + 225 mm from the top).
_NUMBER_PADDING_MM = L.TOP_MM - _TOP_MM + L.PAGE_NUMBER_BELOW_MM - _half_leading_mm(L.PAGE_NUMBER_PT)


def _headings(f: dict[str, str]) -> str:
    """Each official level: its Markdown heading and its run-in span (`hb-h2` = （一）…)."""
    rules = []
    for level in L.HEADING_LEVELS:
        weight = "bold" if level.bold else "normal"
        face = f"font-family: {f[level.role]}; font-weight: {weight};"
        rules.append(f".hb-report h{level.markdown_level} {{ {face} }}")
        rules.append(f".hb-h{level.level} {{ {face} }}")
    return "\n".join(rules)


def stylesheet(families: dict[str, str]) -> str:
    """The CSS for every bundle; `families` gives each font role's CSS font-family value."""
    f = families
    number = '"' + L.PAGE_NUMBER_FORMAT.replace("{}", '" counter(page) "') + '"'
    below = f"{_NUMBER_PADDING_MM:.2f}mm"
    indent = f"{L.PAGE_NUMBER_INDENT_PT}pt"
    binding, outer = f"{L.BINDING_MM}mm", f"{L.OUTER_MM}mm"
    space = {part: f"{mm}mm" for part, mm in L.COVER_SPACE_MM.items()}
    return f"""
@page {{
  size: A4;
  margin: {TOP} {outer} {BOTTOM} {binding};
  @bottom-right {{
    content: {number};
    font-family: {f["body"]}; font-size: {L.PAGE_NUMBER_PT}pt; letter-spacing: 0;
    vertical-align: top; padding-top: {below}; padding-right: {indent}; text-align: right;
  }}
}}
@page :left {{
  margin: {TOP} {binding} {BOTTOM} {outer};
  @bottom-right {{ content: none; }}
  @bottom-left {{
    content: {number};
    font-family: {f["body"]}; font-size: {L.PAGE_NUMBER_PT}pt; letter-spacing: 0;
    vertical-align: top; padding-top: {below}; padding-left: {indent}; text-align: left;
  }}
}}
@page cover {{
  @bottom-right {{ content: none; }}
  @bottom-left {{ content: none; }}
}}
html {{ font-family: {f["body"]}; font-size: {L.BODY_PT}pt; line-height: {LINE}; letter-spacing: {TRACKING}; }}
body {{ margin: 0; text-align: justify; orphans: 2; widows: 2; }}
h1, h2, h3, h4, h5, h6 {{ bookmark-level: none; font-size: {L.BODY_PT}pt; font-weight: normal; margin: 0;
  line-height: {LINE}; text-indent: {INDENT}; break-after: avoid; }}
p {{ margin: 0; text-indent: {INDENT}; }}
a {{ color: inherit; text-decoration: none; }}

/* cover */
.hb-cover {{ page: cover; text-align: center; text-indent: 0; }}
.hb-cover-subtitle {{ font-family: {f["hei"]}; font-size: {L.COVER_SUBTITLE_PT}pt; margin-top: {space["subtitle"]};
  text-indent: 0; }}
.hb-cover-title {{ font-family: {f["title"]}; font-size: {L.COVER_TITLE_PT}pt; line-height: {L.COVER_LINE_FACTOR};
  margin: {space["title"]} 0 0; text-indent: 0; letter-spacing: 0; }}
.hb-cover-volume {{ font-family: {f["kai"]}; font-size: {L.COVER_SUBTITLE_PT}pt; margin-top: {space["volume"]}; text-indent: 0; }}
.hb-cover-issuer {{ font-family: {f["kai"]}; font-size: {L.BODY_PT}pt; margin-top: {space["issuer"]}; text-indent: 0; }}
.hb-cover-date {{ font-family: {f["kai"]}; font-size: {L.BODY_PT}pt; text-indent: 0; }}

/* table of contents */
.hb-toc {{ break-before: page; }}
.hb-toc h1 {{ font-family: {f["hei"]}; font-size: {L.TITLE_PT}pt; text-align: center; text-indent: 0;
  margin-bottom: {LINE}; letter-spacing: 0.5em; }}
.hb-toc ol {{ list-style: none; margin: 0; padding: 0; }}
.hb-toc li {{ text-indent: 0; }}
.hb-toc li.hb-toc-group {{ font-family: {f["hei"]}; }}
.hb-toc li a[data-page]::after {{ content: leader("·") attr(data-page); }}
.hb-toc li a:not([data-page])::after {{ content: leader("·") target-counter(attr(href), page); }}
.hb-toc li.hb-toc-entry {{ padding-left: 1em; }}

/* one report */
.hb-report {{ break-before: page; }}
.hb-report:first-child {{ break-before: auto; }}
h1.hb-title {{ bookmark-level: 1; bookmark-label: content(text); font-family: {f["title"]}; font-size: {L.TITLE_PT}pt;
  line-height: {L.TITLE_LINE_FACTOR}; text-align: center; text-indent: 0; letter-spacing: 0; margin: 0 0 {LINE}; }}
.hb-byline {{ font-family: {f["kai"]}; text-align: center; text-indent: 0; margin-bottom: {LINE}; }}
.hb-report h2 {{ bookmark-level: 2; bookmark-label: content(text); }}
{_headings(f)}
strong, b {{ font-family: {f["body-bold"]}; font-weight: bold; }}
.hb-signature {{ text-align: right; text-indent: 0; margin-top: {LINE}; padding-right: 4em; }}
.hb-missing-image {{ font-family: {f["kai"]}; }}
img {{ max-width: 100%; }}
ul, ol {{ margin: 0; padding-left: 2em; }}
li p {{ text-indent: 0; }}
blockquote {{ margin: 0 2em; font-family: {f["kai"]}; }}
table {{ border-collapse: collapse; margin: 0.5em auto; font-size: {L.SMALL_PT}pt; line-height: 1.5; letter-spacing: 0; }}
th, td {{ border: 0.5pt solid black; padding: 2pt 4pt; text-indent: 0; text-align: left; }}
th {{ font-family: {f["hei"]}; font-weight: normal; }}
.admonition, details {{ border: 0.5pt solid black; padding: 0 1em; margin: 0.5em 0; }}
.admonition-title, summary {{ font-family: {f["hei"]}; text-indent: 0; }}
.footnote {{ font-size: {L.SMALL_PT}pt; line-height: 1.5; letter-spacing: 0; }}
.footnote hr {{ border: 0; border-top: 0.5pt solid black; width: 30%; margin: 1em 0 0.5em; }}
.headerlink {{ display: none; }}
"""
