"""Chinese full-text search: a static, sharded bigram index written next to the built site.

Why not a word index: Chinese has no spaces, and every word segmenter (jieba in Material's
search, charabia in Pagefind extended) misses a term that sits inside a longer "word"
(形态 in 意识形态). Readers expect substring semantics. So every run of Han characters is
indexed by its overlapping character bigrams, per section of each report; a query of 2-4
characters becomes the intersection of its bigrams' posting lists, which is a superset of the
sections that contain the term as a substring. The browser then verifies every shown hit
against the section text it downloads for the excerpt, so nothing is shown that is not there.

Layout under `<site>/search/data/` (everything relative, so the site works under a sub-path):

- `meta.json`: facets and every report (title, url, unit, period, kind, first section id);
- `s/<n>.json`: shard n of the posting lists, `{key: [section id deltas], "#key": [...]}`,
  where `#key` lists the sections whose heading holds the key (for ranking);
- `t/<report>.json`: the text of one report, section by section (anchor, heading, text),
  fetched only for the reports a result page shows.

Framework-free: the MkDocs glue calls `write_index` from `on_post_build`.
"""

from __future__ import annotations

import json
import re
import shutil
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html import unescape
from operator import sub
from pathlib import Path

from huibian.escaping import plain_text
from huibian.han import HAN
from huibian.report_page import page_url
from huibian.site import GeneratedPage, SiteModel

INDEX_DIR = "search/data"
FORMAT_VERSION = 1
TARGET_SHARD_BYTES = 24_000

# Compiled on first use (re caches it): building the index does not need it, and compiling a
# class of the Han ranges costs a millisecond or two.
_TOKEN = rf"[{HAN}]+|[0-9A-Za-z]+"

_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "table", "tr", "td", "th", "br", "blockquote", "pre", "section",
    "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "hr", "details", "summary", "figure", "figcaption",
}
_VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "source"}
_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
_SKIP_CLASSES = {"hb-meta", "hb-siblings", "headerlink", "md-source-file", "md-content__button"}


def keys(text: str) -> Iterator[str]:
    """Index keys of a text: overlapping bigrams of Han runs, lowercased ASCII words."""
    for match in re.finditer(_TOKEN, text):
        run = match.group()
        if run.isascii():  # a word: a Han run never is
            yield run.lower()
        else:
            for i in range(len(run) - 1):
                yield run[i : i + 2]


_HAN_BIGRAM = re.compile(rf"(?=([{HAN}][{HAN}]))")  # overlapping: a lookahead consumes nothing
_WORD = re.compile(r"[0-9A-Za-z]+")


def key_set(text: str) -> dict[str, None]:
    """The distinct keys of a text (those of `keys(text)`, faster), bigrams first, each in order of first use.

    A dict, not a set: a set's order changes with Python's string hash seed from one build to the
    next, and with it the order of the keys in the index files.
    """
    out = dict.fromkeys(_HAN_BIGRAM.findall(text))
    out.update(dict.fromkeys([word.lower() for word in _WORD.findall(text)]))
    return out


def query_keys(term: str) -> list[str]:
    """The keys every section containing `term` as a substring must have (mirrors the JS)."""
    return sorted(set(keys(term)))


def shard_of(key: str, shards: int) -> int:
    """FNV-1a over the UTF-16 code units of `key`; the JS computes the same number."""
    value = 0x811C9DC5
    units = key.encode("utf-16-le")
    for i in range(0, len(units), 2):
        value ^= units[i] | (units[i + 1] << 8)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value % shards


@dataclass
class Section:
    anchor: str
    heading: str
    text: str = ""
    # The keys of the heading, and of heading and text, each joined by spaces (no key holds one), once
    # `section_keys` has listed them: one string per section, not millions of two-character ones.
    keys: tuple[str, str] | None = field(default=None, repr=False, compare=False)


def section_keys(section: Section) -> tuple[str, str]:
    """The index keys of a section's heading, and those of its heading and text together, space-joined."""
    if section.keys is None:
        in_heading = key_set(section.heading)
        section.keys = (" ".join(in_heading), " ".join(in_heading | key_set(section.text)))
    return section.keys


@dataclass
class Entry:
    """One page to index. Reports carry facet value ids; index pages (units, periods…) carry None."""

    url: str
    title: str
    unit: str | None
    period: str | None
    kind: str | None
    sections: list[Section] = field(default_factory=list)


@dataclass
class Facets:
    """Facet values in display order: (id, Chinese label) for units, periods and kinds."""

    units: list[tuple[str, str]]
    periods: list[tuple[str, str]]
    kinds: list[tuple[str, str]]


class _ArticleText:
    """The text of a Material page's article, split into sections at headings with an id.

    Fed tag and text events like an html.parser.HTMLParser handler (`_feed` produces them), except
    that a start tag comes with its attributes' source text, parsed only when needed.
    """

    def __init__(self) -> None:
        self.sections = [Section("", "")]
        self._depth = 0  # element depth inside <article>, 0 = outside
        self._skip_depth = 0  # depth at which a skipped subtree started, 0 = not skipping
        self._heading_depth = 0
        self._parts: list[str] = []
        self._heading: list[str] = []

    def handle_starttag(self, tag: str, raw_attributes: str) -> None:
        if self._depth == 0:
            if tag == "article" and "md-content__inner" in (_attributes(raw_attributes).get("class") or ""):
                self._depth = 1
            return
        if tag in _VOID_TAGS:
            if tag == "br" and not self._skip_depth:
                self._parts.append("\n")
            return
        self._depth += 1
        if self._skip_depth:
            return
        # Only the class and a heading's id are read, and most tags (<p>, <a href>) have neither.
        needed = tag in _HEADINGS or "class" in raw_attributes.lower()
        attributes = _attributes(raw_attributes) if needed else {}
        classes = (attributes.get("class") or "").split()
        if tag in ("h1", "script", "style", "button") or not _SKIP_CLASSES.isdisjoint(classes):
            self._skip_depth = self._depth
            return
        if tag in _BLOCK_TAGS:
            self._parts.append("\n")
        if tag in _HEADINGS and attributes.get("id"):
            self._flush()
            self.sections.append(Section(attributes["id"] or "", ""))
            self._heading_depth = self._depth

    def handle_endtag(self, tag: str) -> None:
        if self._depth == 0 or tag in _VOID_TAGS:
            return
        if self._skip_depth and self._depth == self._skip_depth:
            self._skip_depth = 0
        elif self._heading_depth and self._depth == self._heading_depth:
            self._heading_depth = 0
            self.sections[-1].heading = _squash("".join(self._heading))
            self._heading = []
        elif tag in _BLOCK_TAGS and not self._skip_depth:
            self._parts.append("\n")
        self._depth -= 1
        if self._depth == 0:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._depth == 0 or self._skip_depth:
            return
        (self._heading if self._heading_depth else self._parts).append(data)

    def _flush(self) -> None:
        text = _squash("".join(self._parts))
        if text:
            current = self.sections[-1]
            current.text = f"{current.text}\n{text}" if current.text else text
        self._parts = []


# One tag, comment, declaration or processing instruction. The serialized HTML of a built page
# (Python-Markdown, then nh3 for generated pages, then Jinja) is regular enough for a regular
# expression; html.parser.HTMLParser gives the same events at three times the cost.
_MARKUP = re.compile(
    r"<(?:(/?)([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|!--.*?-->|![^>]*>|\?[^>]*>)", re.S
)
_ATTRIBUTE = re.compile(r"""([^\s=/>][^\s=/>]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_RAW_TEXT = {"script": re.compile(r"</script\s*>", re.I), "style": re.compile(r"</style\s*>", re.I)}


def _attributes(raw: str) -> dict[str, str | None]:
    """The attributes in a start tag's source text, names lowercased, references resolved; the last of a name wins."""
    attributes: dict[str, str | None] = {}
    for found in _ATTRIBUTE.finditer(raw):
        attr, double, single, bare = found.groups()
        value = double if double is not None else single if single is not None else bare
        attributes[attr.lower()] = None if value is None else unescape(value)
    return attributes


def _feed(handler: _ArticleText, html: str) -> None:
    """Drive `handler` with the start tags, end tags and text (character references resolved) of `html`."""
    position = 0
    data = handler.handle_data
    while True:
        match = _MARKUP.search(html, position)
        end = match.start() if match else len(html)
        if end > position:
            text = html[position:end]
            data(unescape(text) if "&" in text else text)
        if match is None:
            return
        position = match.end()
        slash, name, raw = match.groups()
        if name is None:  # comment, doctype, processing instruction
            continue
        tag = name.lower()
        if slash:
            handler.handle_endtag(tag)
            continue
        handler.handle_starttag(tag, raw)
        if raw.endswith("/"):
            handler.handle_endtag(tag)
        elif tag in _RAW_TEXT:
            closing = _RAW_TEXT[tag].search(html, position)
            stop = closing.start() if closing else len(html)
            if stop > position:
                data(html[position:stop])
            if closing is None:
                return
            handler.handle_endtag(tag)
            position = closing.end()


def _squash(text: str) -> str:
    return "\n".join(filter(None, map(" ".join, map(str.split, text.splitlines()))))


def article_html(html: str) -> str:
    """The article of a built page (all of `html` if it has none): navigation is most of a page's bytes."""
    start = html.find('<article class="md-content__inner')
    end = html.rfind("</article>")
    return html[start : end + len("</article>")] if 0 <= start < end else html


def page_sections(html: str) -> list[Section]:
    """Sections (anchor, heading, text) of a built report page; the lead has no anchor."""
    parser = _ArticleText()
    _feed(parser, article_html(html))
    return [s for s in parser.sections if s.text or s.heading]


@dataclass
class IndexStats:
    reports: int
    sections: int
    keys: int
    shards: int
    bytes: int
    files: int


@dataclass
class IndexState:
    """What `write_index` wrote into a folder, for the next call to update only what changed."""

    out: Path
    entries: list[Entry]
    meta: bytes
    postings: dict[str, list[int]]
    """Key (`#key` for a heading's) -> the ids of the sections holding it, ascending."""
    shard_keys: list[set[str]]
    estimate: int
    """The index's size as the shard count is chosen by (`_shard_count`)."""
    written: dict[str, bytes]
    """File name -> its bytes, as written."""


def write_index(site_dir: Path, entries: Iterable[Entry], facets: Facets,
                previous: IndexState | None = None) -> tuple[IndexStats, IndexState]:
    """Write the search index for `entries` into `site_dir/search/data/`, replacing any old one.

    With the `previous` state of the same folder (a live preview's rebuild), and the same pages with
    the same number of sections each, only the files holding what changed are written again.
    """
    entries = list(entries)
    out = site_dir / INDEX_DIR
    units = {value: n for n, (value, _) in enumerate(facets.units)}
    periods = {value: n for n, (value, _) in enumerate(facets.periods)}
    kinds = {value: n for n, (value, _) in enumerate(facets.kinds)}
    reports: list[list[object]] = []
    firsts: list[int] = []
    section_id = 0
    for entry in entries:
        firsts.append(section_id)
        reports.append([
            entry.title, entry.url,
            _facet(units, entry.unit), _facet(periods, entry.period), _facet(kinds, entry.kind),
            section_id,
        ])
        section_id += len(entry.sections)
    meta = {
        "version": FORMAT_VERSION,
        "sections": section_id,
        "units": [list(pair) for pair in facets.units],
        "periods": [list(pair) for pair in facets.periods],
        "kinds": [list(pair) for pair in facets.kinds],
        "reports": reports,
    }
    state = _updated(previous, out, entries, meta, firsts) if previous is not None else None
    if state is None:
        state = _whole(out, entries, meta)
    stats = IndexStats(len(entries), section_id, sum(not key.startswith("#") for key in state.postings),
                       len(state.shard_keys), sum(map(len, state.written.values())), len(state.written))
    return stats, state


def _section_postings(entries: list[Entry], first: int = 0) -> Iterator[tuple[str, int]]:
    """(key, section id) of every key of every section of `entries`, the sections numbered from `first`."""
    section_id = first
    for entry in entries:
        for section in entry.sections:
            in_heading, in_section = section_keys(section)
            for key in in_section.split():
                yield key, section_id
            for key in in_heading.split():
                yield "#" + key, section_id
            section_id += 1


def _whole(out: Path, entries: list[Entry], meta: dict[str, object]) -> IndexState:
    """Write every file of the index: a new folder renamed into place."""
    postings: dict[str, list[int]] = defaultdict(list)
    for key, section_id in _section_postings(entries):
        postings[key].append(section_id)
    estimate = sum(_size(key, len(ids)) for key, ids in postings.items())
    shards = _shard_count(estimate)
    shard_keys: list[set[str]] = [set() for _ in range(shards)]
    for key in postings:
        shard_keys[shard_of(key.lstrip("#"), shards)].add(key)
    meta_bytes = _encode({**meta, "shards": shards})
    files = {"meta.json": meta_bytes}
    files.update((f"s/{n}.json", _encode_shard(keys, postings)) for n, keys in enumerate(shard_keys))
    files.update((f"t/{n}.json", _encode_text(entry)) for n, entry in enumerate(entries))
    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "s").mkdir(parents=True)
    (staging / "t").mkdir()
    for name, payload in files.items():
        (staging / name).write_bytes(payload)
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return IndexState(out, entries, meta_bytes, dict(postings), shard_keys, estimate, files)


def _updated(previous: IndexState, out: Path, entries: list[Entry], meta: dict[str, object],
             firsts: list[int]) -> IndexState | None:
    """`previous` brought up to date in place, writing only the files that changed; None if it cannot be
    (another folder, other pages or section counts, another shard count)."""
    shards = len(previous.shard_keys)
    meta_bytes = _encode({**meta, "shards": shards})
    if previous.out != out or not out.is_dir() or meta_bytes != previous.meta or len(entries) != len(previous.entries):
        return None
    changed = [n for n, (before, now) in enumerate(zip(previous.entries, entries, strict=True))
               if before.sections is not now.sections]
    postings, estimate = previous.postings, previous.estimate
    touched: set[str] = set()
    for n in changed:
        start, end = firsts[n], firsts[n] + len(entries[n].sections)
        removed = [key for key, _ in _section_postings([previous.entries[n]], start)]
        added: dict[str, list[int]] = defaultdict(list)
        for key, section_id in _section_postings([entries[n]], start):
            added[key].append(section_id)
        for key in {*removed, *added}:
            ids = postings.get(key, [])
            estimate -= _size(key, len(ids)) if ids else 0
            low, high = bisect_left(ids, start), bisect_left(ids, end)
            ids = ids[:low] + added.get(key, []) + ids[high:]
            if ids:
                postings[key] = ids
                estimate += _size(key, len(ids))
            else:
                postings.pop(key, None)
            touched.add(key)
    if _shard_count(estimate) != shards:
        return None
    files: dict[str, bytes] = {}
    for key in touched:
        keys = previous.shard_keys[shard_of(key.lstrip("#"), shards)]
        (keys.add if key in postings else keys.discard)(key)
    for n in {shard_of(key.lstrip("#"), shards) for key in touched}:
        files[f"s/{n}.json"] = _encode_shard(previous.shard_keys[n], postings)
    files.update((f"t/{n}.json", _encode_text(entries[n])) for n in changed)
    for name, payload in files.items():
        if previous.written.get(name) != payload:
            partial = out / f"{name}.partial"
            partial.write_bytes(payload)
            partial.replace(out / name)
    return IndexState(out, entries, meta_bytes, postings, previous.shard_keys, estimate, {**previous.written, **files})


def _size(key: str, postings: int) -> int:
    """Roughly the bytes a key and its posting list take in a shard file."""
    return len(key) * 3 + 4 * postings + 6


def _shard_count(estimate: int) -> int:
    shards = 1
    while estimate / shards > TARGET_SHARD_BYTES and shards < 4096:
        shards *= 2
    return shards


def _encode_shard(keys: Iterable[str], postings: dict[str, list[int]]) -> bytes:
    """A shard file: its keys in sorted order (so a file's bytes do not depend on the order pages were indexed in)."""
    return _encode({key: _deltas(postings[key]) for key in sorted(keys)})


def _encode_text(entry: Entry) -> bytes:
    return _encode({"s": [[s.anchor, s.heading, s.text] for s in entry.sections]})


def _facet(values: dict[str, int], value: str | None) -> int:
    """The facet value's position; -1 marks an index page, which has no unit, period or kind."""
    return -1 if value is None else values[value]


def _deltas(ids: list[int]) -> list[int]:
    return list(map(sub, ids, [0, *ids]))


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _encode(data: object) -> bytes:
    return _JSON.encode(data).encode("utf-8")


def read_sections(page: Path) -> list[Section]:
    """The sections of a built page."""
    return page_sections(read_html(page))


def index_site(site: SiteModel, site_dir: Path, pages: Iterable[GeneratedPage] = (),
               extract: Callable[[Path], list[Section]] = read_sections,
               previous: IndexState | None = None) -> tuple[IndexStats, IndexState]:
    """Index every report page the edition published, then the generated index `pages`, from the built HTML.

    Index pages come after the reports (the results page lists them apart, as 相关页面). `extract`
    gives a built page's sections (`SectionCache.of_file` keeps them between builds); `previous`
    is what the last call wrote into the same folder (see `write_index`).
    """
    entries = []
    for report in site.reports:
        page = site_dir / report.url / "index.html"
        sections = extract(page) if page.is_file() else []
        entries.append(Entry(report.url, report.title, report.unit, report.period.code, report.kind, sections))
    for generated in pages:
        url = page_url(generated.src_uri)
        built = site_dir / url / "index.html"
        if built.is_file():
            heading = next((line[2:].strip() for line in generated.content.splitlines() if line.startswith("# ")), None)
            title = url if heading is None else plain_text(heading)
            entries.append(Entry(url, title, None, None, None, extract(built)))
    used_units = {r.unit for r in site.reports}
    used_periods = {r.period for r in site.reports}
    used_kinds = {r.kind for r in site.reports}
    facets = Facets(
        units=[(u.id, u.name) for u in site.collection.units_in_order() if u.id in used_units],
        periods=[(p.code, p.label) for p in site.periods if p in used_periods],
        kinds=[(k.id, k.name) for k in site.collection.kinds.values() if k.id in used_kinds],
    )
    return write_index(site_dir, entries, facets, previous)


def read_html(path: Path) -> str:
    """A built page's text: `path.read_text(encoding="utf-8")` (newlines translated) at half the cost."""
    text = path.read_bytes().decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


SEARCH_PAGE_URI = "search.md"


def search_page() -> GeneratedPage:
    """The results page the header search box opens (`search/?q=…`); hb-search.js fills it."""
    content = "\n".join([
        "---",
        "title: 全文检索",
        "hide: [navigation, toc]",
        "---",
        "",
        "# 全文检索",
        "",
        '<div id="hb-search" class="hb-search-page">',
        "<noscript>全文检索需要浏览器启用 JavaScript。也可以从“按单位”“按期间”“按类别”页面浏览全部报告。</noscript>",
        "</div>",
        "",
    ])
    return GeneratedPage(SEARCH_PAGE_URI, content)
