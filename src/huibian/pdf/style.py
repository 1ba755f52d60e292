"""The print stylesheet, after GB/T 9704-2012 (党政机关公文格式).

A4; top margin (天头) 37 mm, binding margin (订口) 28 mm, type area 156 × 225 mm; body 三号
(16 pt), 22 lines of 28 characters; title 二号 (22 pt) 小标宋, centred; 一、 in 黑体, （一） in
楷体, 1. in bold body face; page numbers 四号 `— 3 —`, 7 mm below the type area, one character in
from the outer edge (odd pages right, even pages left). Even pages mirror the margins so the
binding edge stays 28 mm when printed on both sides.
"""

from __future__ import annotations

# The page box starts 0.5 mm above the 37 mm top margin: a body line's glyphs sit half a leading
# below its line box, so titles and body lines both land within ±1 mm of 37 mm (GB/T 9704 allows ±1 mm).
TOP = "36.5mm"
# 225 mm / 22 lines = 28.99 pt; a hair less keeps rounding from pushing line 22 to the next page.
LINE = "28.95pt"
# 156 mm = 442.2 pt for 28 characters: 16 pt glyphs need -0.22 pt tracking to fit 28 per line.
TRACKING = "-0.22pt"


def stylesheet(families: dict[str, str]) -> str:
    f = families
    return f"""
@page {{
  size: A4;
  margin: {TOP} 26mm 35.5mm 28mm;
  @bottom-right {{
    content: "— " counter(page) " —";
    font-family: {f["body"]}; font-size: 14pt; letter-spacing: 0;
    vertical-align: top; padding-top: 5mm; padding-right: 14pt; text-align: right;
  }}
}}
@page :left {{
  margin: {TOP} 28mm 35.5mm 26mm;
  @bottom-right {{ content: none; }}
  @bottom-left {{
    content: "— " counter(page) " —";
    font-family: {f["body"]}; font-size: 14pt; letter-spacing: 0;
    vertical-align: top; padding-top: 5mm; padding-left: 14pt; text-align: left;
  }}
}}
@page cover {{
  @bottom-right {{ content: none; }}
  @bottom-left {{ content: none; }}
}}
html {{ font-family: {f["body"]}; font-size: 16pt; line-height: {LINE}; letter-spacing: {TRACKING}; }}
body {{ margin: 0; text-align: justify; orphans: 2; widows: 2; }}
h1, h2, h3, h4, h5, h6 {{ bookmark-level: none; font-size: 16pt; font-weight: normal; margin: 0;
  line-height: {LINE}; text-indent: 2em; break-after: avoid; }}
p {{ margin: 0; text-indent: 2em; }}
a {{ color: inherit; text-decoration: none; }}

/* cover */
.hb-cover {{ page: cover; text-align: center; text-indent: 0; }}
.hb-cover-subtitle {{ font-family: {f["hei"]}; font-size: 18pt; margin-top: 40mm; text-indent: 0; }}
.hb-cover-title {{ font-family: {f["title"]}; font-size: 26pt; line-height: 1.6; margin: 18mm 0 0;
  text-indent: 0; letter-spacing: 0; }}
.hb-cover-volume {{ font-family: {f["kai"]}; font-size: 18pt; margin-top: 10mm; text-indent: 0; }}
.hb-cover-issuer {{ font-family: {f["kai"]}; font-size: 16pt; margin-top: 80mm; text-indent: 0; }}
.hb-cover-date {{ font-family: {f["kai"]}; font-size: 16pt; text-indent: 0; }}

/* table of contents */
.hb-toc {{ break-before: page; }}
.hb-toc h1 {{ font-family: {f["hei"]}; font-size: 22pt; text-align: center; text-indent: 0;
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
h1.hb-title {{ bookmark-level: 1; bookmark-label: content(text); font-family: {f["title"]}; font-size: 22pt;
  line-height: 1.45; text-align: center; text-indent: 0; letter-spacing: 0; margin: 0 0 {LINE}; }}
.hb-byline {{ font-family: {f["kai"]}; text-align: center; text-indent: 0; margin-bottom: {LINE}; }}
.hb-report h2 {{ bookmark-level: 2; bookmark-label: content(text); font-family: {f["hei"]}; }}
.hb-report h3 {{ font-family: {f["kai"]}; }}
.hb-report h4, .hb-report h5, .hb-report h6 {{ font-family: {f["body-bold"]}; font-weight: bold; }}
.hb-h2 {{ font-family: {f["kai"]}; }}
.hb-h3 {{ font-family: {f["body-bold"]}; font-weight: bold; }}
strong, b {{ font-family: {f["body-bold"]}; font-weight: bold; }}
.hb-signature {{ text-align: right; text-indent: 0; margin-top: {LINE}; padding-right: 4em; }}
.hb-missing-image {{ font-family: {f["kai"]}; }}
img {{ max-width: 100%; }}
ul, ol {{ margin: 0; padding-left: 2em; }}
li p {{ text-indent: 0; }}
blockquote {{ margin: 0 2em; font-family: {f["kai"]}; }}
table {{ border-collapse: collapse; margin: 0.5em auto; font-size: 12pt; line-height: 1.5; letter-spacing: 0; }}
th, td {{ border: 0.5pt solid black; padding: 2pt 4pt; text-indent: 0; text-align: left; }}
th {{ font-family: {f["hei"]}; font-weight: normal; }}
.admonition, details {{ border: 0.5pt solid black; padding: 0 1em; margin: 0.5em 0; }}
.admonition-title, summary {{ font-family: {f["hei"]}; text-indent: 0; }}
.footnote {{ font-size: 12pt; line-height: 1.5; letter-spacing: 0; }}
.footnote hr {{ border: 0; border-top: 0.5pt solid black; width: 30%; margin: 1em 0 0.5em; }}
.headerlink {{ display: none; }}
"""
