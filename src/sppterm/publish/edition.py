"""An English edition: the bulletin's structure with each block's translation and status."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

import polib

from sppterm.bulletin.model import (
    ARTICLE,
    ATTRIBUTION,
    SECTION,
    SUBHEADING,
    TRANSLATABLE_ROLES,
    Article,
    Block,
    Bulletin,
    Section,
)
from sppterm.glossary.matcher import ZhMatcher
from sppterm.glossary.model import Concept, Glossary, Status
from sppterm.placeholders import strip
from sppterm.publish.inline import untracked
from sppterm.units.po import is_final

TRANSLATED, UNTRANSLATED, FUZZY = "translated", "untranslated", "fuzzy"
PROGRAMME = "One Planet network Sustainable Public Procurement Programme"


@dataclass
class EBlock:
    role: str
    text: str  # English (or the Chinese when not translated), placeholders <b>/<i> kept
    source: str  # the Chinese block text
    line: int  # line in source_zh/ID.md
    status: str
    number: int = 0
    anchor: str = ""
    italics: list[str] = field(default_factory=list)  # publication titles to set in italics
    notes: list[str] = field(default_factory=list)  # translator's notes for readers
    note_numbers: list[int] = field(default_factory=list)  # their footnote numbers, once numbered
    caption: bool = False  # a caption or banner (source hints): set apart from the text

    @property
    def english(self) -> bool:
        return self.status == TRANSLATED


# An edition has the bulletin's shape with edition blocks: the same generic containers.
EArticle = Article[EBlock]
ESection = Section[EBlock]


@dataclass
class Edition:
    id: str
    title: str
    programme: str
    year: int | None
    issue: int | None
    serial: int | None
    sections: list[ESection]
    back: list[EBlock]
    source_path: str
    date: str = ""  # publication date, when the source gives one
    notes: list[str] = field(default_factory=list)  # translator's notes, numbered from 1
    note_italics: list[list[str]] = field(default_factory=list)  # titles in each note

    def blocks(self) -> list[EBlock]:
        out: list[EBlock] = []
        for s in self.sections:
            if s.heading:
                out.append(s.heading)
            for a in s.articles:
                if a.heading:
                    out.append(a.heading)
                out += a.blocks
        return out + self.back

    @property
    def issue_line(self) -> str:
        parts = [str(self.year)] if self.year else []
        if self.issue:
            parts.append(f"Issue {self.issue}")
        if self.serial:
            parts.append(f"No. {self.serial}")
        return " · ".join(parts)

    def missing(self) -> list[EBlock]:
        return [b for b in self.blocks() if b.status != TRANSLATED]

    @property
    def progress(self) -> tuple[int, int]:
        """(translated units, all units): by distinct text, as in the PO file."""
        seen: dict[str, bool] = {}
        for b in self.blocks():
            if b.role in TRANSLATABLE_ROLES:
                seen[b.source] = seen.get(b.source, True) and b.status == TRANSLATED
        return sum(seen.values()), len(seen)

    @property
    def complete(self) -> bool:
        done, total = self.progress
        return done == total


def _date(value: object) -> str:
    """A front-matter date as UN style writes it (18 October 2022); other text as given."""
    if isinstance(value, datetime.date):
        return f"{value.day} {value:%B} {value.year}"
    return str(value or "")


NOTE_PREFIX = "Translator's note:"


def translator_notes(entry: polib.POEntry | None) -> list[str]:
    """The notes for readers in a PO entry's translator comments: each comment line that starts
    ``Translator's note:`` is one note (other comment lines stay private to translators)."""
    if entry is None or not entry.tcomment:
        return []
    notes = []
    for line in entry.tcomment.splitlines():
        if line.startswith(NOTE_PREFIX):
            note = line[len(NOTE_PREFIX) :].strip()
            if note:
                notes.append(note[0].upper() + note[1:])
    return notes


def _number_notes(ed: Edition, titles: list[str]) -> None:
    """Footnote numbers in document order; a text repeated in the bulletin (one PO entry)
    carries its notes at its first place only. A note has no Chinese to find 《》 in, so the
    glossary's titles of works (``title_forms``) that it names are its italics."""
    seen: set[str] = set()
    for b in ed.blocks():
        if not b.notes or b.source in seen:
            continue
        seen.add(b.source)
        for note in b.notes:
            ed.notes.append(note)
            ed.note_italics.append([t for t in titles if _names(note, t)])
            b.note_numbers.append(len(ed.notes))


def _names(text: str, title: str) -> bool:
    """``text`` holds ``title`` as whole words (as the renderer sets it: see inline._spans)."""
    return re.search(rf"(?<!\w){re.escape(title)}(?!\w)", text) is not None


def _slug(text: str, used: set[str], fallback: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", strip(text).lower()).strip("-")[:60].strip("-") or fallback
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def title_forms(c: Concept) -> list[str]:
    """The English forms of a concept set in italics: titles of works (UN style: books, reports,
    guides; glossary type ``publication``) attested in English (``verified``), in the forms that
    are titles (capitalised: "Information Note", not "information note"). Treaties, declarations,
    programmes and bodies have other types and stay roman; a descriptive rendering of a title not
    published in English (``verified: false``) is not a title, and stays roman too."""
    if c.type != "publication" or not c.verified:
        return []
    forms = [t.text for t in c.terms_in("en", Status.PREFERRED, Status.ADMITTED)]
    return [f for f in forms if f[:1].isupper() or f[:1].isdigit()]


def _titles(source: str, english: str, matcher: ZhMatcher) -> list[str]:
    """The titles of works that ``source`` names (a glossary hit, in 《》 or not: the 2024-02
    series and EPA Framework are named without them) in the forms ``english`` uses. The
    glossary decides what is a title, so a short title is italic at every mention (the
    Annual Progress Report), and what the source does not name is never guessed at."""
    found: list[str] = []
    for hit in matcher.find(source):
        found += [f for f in title_forms(hit.concept) if f in english]
    return found


def build_edition(
    bulletin: Bulletin, po: polib.POFile | None, glossary: Glossary, matcher: ZhMatcher | None = None
) -> Edition:
    """Combine a bulletin's structure with its translations."""
    entries = {e.msgid: e for e in (po or []) if not e.obsolete}
    matcher = matcher or ZhMatcher(glossary)
    used: set[str] = set()
    titles = sorted({f for c in glossary for f in title_forms(c)}, key=len, reverse=True)
    title_concept = next((c for c in glossary if c.zh == bulletin.meta.get("title")), None)

    def eblock(b: Block, anchor_prefix: str = "") -> EBlock:
        if b.role in ("url", "contact"):
            shown = untracked(b.text) if b.role == "url" else b.text
            return EBlock(b.role, shown, b.text, b.line, TRANSLATED, b.number)
        e = entries.get(b.key)
        if e is not None and is_final(e):
            status, text = TRANSLATED, e.msgstr
        else:
            status = FUZZY if e is not None and e.msgstr else UNTRANSLATED
            text = b.text
        # One rule for headings: titles in them are roman (the heading's type sets it apart,
        # as in UN documents); italics are for titles in running text, captions and notes. An
        # attribution is set in italics as a whole, so a title in it is not marked again (a
        # nested *…* would break the Markdown).
        roman = b.role in (SECTION, ARTICLE, SUBHEADING, ATTRIBUTION)
        italicise = status == TRANSLATED and not roman
        italics = _titles(strip(b.text), strip(text), matcher) if italicise else []
        eb = EBlock(
            b.role,
            text,
            b.text,
            b.line,
            status,
            b.number,
            italics=sorted(set(italics), key=len, reverse=True),
            notes=translator_notes(e),
            caption=b.caption,
        )
        if anchor_prefix:
            eb.anchor = _slug(text if status == TRANSLATED else "", used, f"{anchor_prefix}-{b.line}")
        return eb

    sections = []
    for s in bulletin.sections:
        es = ESection(eblock(s.heading, "section") if s.heading else None)
        for a in s.articles:
            ea = EArticle(eblock(a.heading, "article") if a.heading else None)
            ea.blocks = [eblock(b) for b in a.blocks]
            es.articles.append(ea)
        sections.append(es)
    ed = Edition(
        id=bulletin.id,
        title=title_concept.en if title_concept else str(bulletin.meta.get("title", "")),
        programme=PROGRAMME,
        year=bulletin.year,
        issue=bulletin.issue,
        serial=bulletin.serial,
        sections=sections,
        back=[eblock(b) for b in bulletin.back],
        source_path=bulletin.path,
        date=_date(bulletin.meta.get("date")),
    )
    _number_notes(ed, titles)
    return ed
