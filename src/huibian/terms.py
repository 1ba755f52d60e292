"""The term index (索引): slogans and programmes the reports quote, and the documents they cite.

Terms come from two places: phrases in Chinese quotation marks in report bodies (“三会一课”) and
the front-matter list `index: [...]`. Book-title marks (《…》) are cited documents and go into a
list of their own. Noise is kept out: a quote of one character, a whole sentence in quotes, a
long passage, an unfilled template placeholder (“XX工程”).

Every occurrence remembers the section it is in: the nearest Markdown heading above it, with the
same id the site gives that heading (Python-Markdown's toc with pymdownx.slugs.slugify, as
configured in mkdocs.yml), so the index can link straight to the section.

Framework-free (no MkDocs); entries are grouped by the pinyin initial of their first character
(huibian.pinyin).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

from markdown.extensions.toc import unique
from pymdownx.slugs import slugify

from huibian.han import HAN
from huibian.memo import OFF, Memo
from huibian.pinyin import initial, sort_key
from huibian.report import Report

_slug: Callable[[str, str], str] = slugify(case="lower")

# Quoted phrases: Chinese double quotes and corner brackets. Book titles: 《…》.
_QUOTE = re.compile(r"“([^“”\n]{1,60})”|「([^「」\n]{1,60})」")
_BOOK = re.compile(r"《([^《》\n]{1,60})》")
_HAN = re.compile(rf"[{HAN}]")
# Punctuation that makes a quote a sentence (or several) rather than a term.
_SENTENCE = re.compile(r"[。，；！？：,;!?:…]")
# Unfilled template placeholders: XX, xx, ××, ***, Ⅹ, full-width Ｘ, 20XX.
_PLACEHOLDER = re.compile(r"[XxＸｘ×Ⅹⅹ]{2,}|\*|Ⅹ|ⅹ|_{2,}")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATTR_LIST = re.compile(r"\s*\{[:#.][^}]*\}\s*$|\s*\{\s*[#.][^}]*\}\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")

MAX_TERM = 10
"""Quotes with more characters (not counting 、) are passages or reported speech, not terms."""
# Words that make a quote a question or a statement rather than a name.
_CLAUSE = re.compile(r"如何|怎么|什么|为什么|吗|呢|是否")


def is_term(text: str) -> bool:
    """Whether a quoted phrase belongs in the index (and is not noise)."""
    text = text.strip()
    if len(text) < 2 or len(text.replace("、", "")) > MAX_TERM:
        return False
    if _SENTENCE.search(text) or _CLAUSE.search(text) or "《" in text or "》" in text:
        return False
    if _PLACEHOLDER.search(text):
        return False
    return bool(_HAN.search(text))


def quoted_terms(line: str) -> list[str]:
    """The index terms quoted in one line of text, in order."""
    found = []
    for match in _QUOTE.finditer(line):
        text = (match.group(1) or match.group(2) or "").strip()
        if is_term(text):
            found.append(text)
    return found


def cited_documents(line: str) -> list[str]:
    """The book-title-marked documents cited in one line, e.g. 《中国共产党宣传工作条例》."""
    found = []
    for match in _BOOK.finditer(line):
        text = match.group(1).strip()
        if len(text) >= 2 and _HAN.search(text) and not _PLACEHOLDER.search(text):
            found.append(text)
    return found


def heading_text(raw: str) -> str:
    """Roughly the text Python-Markdown renders for a heading's inline Markdown."""
    text = _ATTR_LIST.sub("", raw)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    return re.sub(r"[*_`]", "", text).strip()


@dataclass(frozen=True)
class Section:
    anchor: str | None
    """The heading's id on the report page; None before the first heading."""
    title: str


def sections(report: Report) -> Iterable[tuple[Section, str]]:
    """Every body line outside code blocks, with the section it is in."""
    # The report page starts with `# <title>`, whose id comes first.
    used: set[str] = set()
    unique(_slug(report.title, "-"), used)
    current = Section(None, "")
    fence: str | None = None
    for line in report.body.split("\n"):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        heading = _HEADING.match(line)
        if heading:
            title = heading_text(heading.group(2))
            anchor = unique(_slug(title, "-"), used)
            current = Section(anchor, title)
            yield current, title
            continue
        yield current, line


@dataclass
class Entry:
    term: str
    count: int = 0
    """Occurrences in all reports."""
    places: dict[str, tuple[Report, list[Section]]] = field(default_factory=dict)
    """Report source -> the report and the distinct sections using the term, in first-seen order."""

    def add(self, report: Report, section: Section) -> None:
        self.count += 1
        sections = self.places.setdefault(report.source, (report, []))[1]
        if section not in sections:
            sections.append(section)

    def by_report(self) -> list[tuple[Report, list[Section]]]:
        """Each report using the term, with its distinct sections, in first-seen order."""
        return list(self.places.values())


@dataclass
class TermIndex:
    terms: dict[str, Entry] = field(default_factory=dict)
    documents: dict[str, Entry] = field(default_factory=dict)


TERM, DOCUMENT = "term", "document"


def report_terms(report: Report) -> list[tuple[str, str, Section]]:
    """(TERM or DOCUMENT, text, section) of every quoted term, cited document and front-matter `index`
    term of one report, in order."""
    found: list[tuple[str, str, Section]] = []
    declared = [t.strip() for t in report.index if t.strip()]
    seen_declared: set[str] = set()
    for section, line in sections(report):
        if "“" in line or "「" in line:  # most lines quote nothing: skip the regular expressions
            found += [(TERM, term, section) for term in quoted_terms(line)]
        if "《" in line:
            found += [(DOCUMENT, document, section) for document in cited_documents(line)]
        for term in declared:
            if term in line and not _quoted_in(term, line):
                found.append((TERM, term, section))
                seen_declared.add(term)
    used = {text for table, text, _ in found if table == TERM}
    found += [(TERM, term, Section(None, "")) for term in declared if term not in seen_declared and term not in used]
    return found


def build_index(reports: Iterable[Report], memo: Memo = OFF) -> TermIndex:
    """Scan every report (or take what `memo` kept of it): quoted terms, cited documents and front-matter
    `index` terms."""
    index = TermIndex()
    for report in reports:
        for table, text, section in memo.get(("terms", report.digest), partial(report_terms, report)):
            target = index.terms if table == TERM else index.documents
            entry = target.get(text)
            if entry is None:
                entry = target[text] = Entry(text)
            entry.add(report, section)
    return index


def _quoted_in(term: str, line: str) -> bool:
    """Whether every use of `term` in the line is already counted as a quoted term."""
    return line.count(term) == sum(1 for t in quoted_terms(line) if t == term)


def grouped(entries: Iterable[Entry]) -> list[tuple[str, list[Entry]]]:
    """Entries grouped by initial (A–Z, then #), each group sorted by pinyin."""
    groups: dict[str, list[Entry]] = {}
    keyed = sorted(((initial(e.term), sort_key(e.term), e.term, e) for e in entries), key=lambda k: k[:3])
    for letter, _, _, entry in keyed:
        groups.setdefault(letter, []).append(entry)
    return sorted(groups.items(), key=lambda item: (item[0] == "#", item[0]))
