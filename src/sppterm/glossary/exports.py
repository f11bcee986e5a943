"""Glossary exports for other tools: TBX-Basic (ISO 30042:2019, DCA), TBX 2008 "martif"
(Weblate, translate-toolkit), OmegaT TSV, DeepL CSV, CSV (Weblate's columns), HTML page.
Each carries what its format has room for, and :mod:`imports` reads every one back without a
conflict: the TBX files every term with its status; the OmegaT and CSV tables every Chinese form
with its status (:data:`ZH_STATUS_MARK`) and the preferred English (the CSV also the forbidden
English); DeepL only Chinese → preferred English pairs, with no statuses.

The CSV, TSV and DeepL exports are opened in spreadsheets, which run a cell beginning with
``=``, ``+``, ``-``, ``@``, tab or CR as a formula (CSV injection). As OWASP recommends, every
such cell is written with a leading single quote (``neutralise``); a cell that already begins
with quotes before such a character gains one more, so ``glossary import`` of our own export
removes exactly one (``restore``) and the round trip is lossless. Lint refuses such terms, but
definitions, notes and other free text reach cells too. The csv module does the quoting.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from lxml import etree

from sppterm.glossary.lint import FORMULA_START
from sppterm.glossary.model import Concept, Glossary, Status, Term
from sppterm.glossary.validity import describe
from sppterm.patterns import XML_LANG

TBX_NS = "urn:iso:std:iso:30042:ed-2"
LANGS = {"zh": "zh-CN", "en": "en"}
ADMIN_STATUS = {
    Status.PREFERRED: "preferredTerm-admn-sts",
    Status.ADMITTED: "admittedTerm-admn-sts",
    Status.DEPRECATED: "deprecatedTerm-admn-sts",
    Status.FORBIDDEN: "deprecatedTerm-admn-sts",  # TBX has no "forbidden": deprecated + a note
}
POS = {"noun": "noun", "properNoun": "noun", "verb": "verb", "adjective": "adjective", "adverb": "adverb"}


def _concept_note(c: Concept) -> str:
    parts = []
    if c.note:
        parts.append(c.note)
    if c.attested:
        parts.append("English attested in: " + "; ".join(c.attested))
    if not c.verified:
        parts.append("No attested English name found: the English is a descriptive rendering.")
    return " ".join(parts)


def _pos(c: Concept, t: Term) -> str:
    if t.pos:
        return POS.get(t.pos, "other")
    return "noun"  # every glossary entry is a name or a noun phrase


def _english_terms(c: Concept) -> list[tuple[Term, bool]]:
    """English terms, then abbreviations not already listed (marked as acronyms)."""
    terms = [(t, False) for t in c.terms if t.lang == "en"]
    known = {t.text for t, _ in terms}
    terms += [(Term(a, "en", Status.ADMITTED), True) for a in c.abbr if a not in known]
    return terms


@dataclass(frozen=True)
class _TbxStyle:
    """What differs between the two TBX dialects. TBX 2008 (martif) names the elements of
    TBX-Basic (ISO 30042:2019) otherwise and has no namespace; TBX-Basic's DCA requires a part
    of speech, which martif readers ignore."""

    ns: str | None
    root_attrs: dict[str, str]
    lang: str  # xml:lang of the document
    publication: str  # fileDesc/publicationStmt/p, "" for none
    source_desc: str  # fileDesc/sourceDesc/p
    renamed: dict[str, str]  # TBX-Basic element name → this dialect's
    part_of_speech: bool
    joined_notes: bool  # one note "forbidden: why", or "forbidden" and the note apart


TBX_STYLES: dict[str, _TbxStyle] = {
    # TBX-Basic, DCA style, valid against TBXcoreStructV03.rng and TBX-Basic_DCA.sch.
    "basic": _TbxStyle(
        ns=TBX_NS,
        root_attrs={"type": "TBX-Basic", "style": "dca"},
        lang="en",
        publication="sppterm glossary of the One Planet network SPP Programme bulletins",
        source_desc="Exported by sppterm from glossary/*.yaml",
        renamed={},
        part_of_speech=True,
        joined_notes=False,
    ),
    # TBX 2008 (martif), the dialect Weblate and translate-toolkit read.
    "martif": _TbxStyle(
        ns=None,
        root_attrs={"type": "TBX"},
        lang="zh-CN",
        publication="",
        source_desc="Exported by sppterm",
        renamed={
            "tbx": "martif",
            "tbxHeader": "martifHeader",
            "conceptEntry": "termEntry",
            "langSec": "langSet",
            "termSec": "tig",
        },
        part_of_speech=False,
        joined_notes=True,
    ),
}


def tbx(glossary: Glossary, style: str = "basic") -> bytes:
    """The glossary as TBX in one of :data:`TBX_STYLES`: one writer, so both dialects carry the
    same concepts, terms, statuses and notes and differ only in their markup."""
    st = TBX_STYLES[style]

    def name(tag: str) -> str:
        tag = st.renamed.get(tag, tag)
        return f"{{{st.ns}}}{tag}" if st.ns else tag

    def el(tag: str, parent: etree._Element, **attrs: str) -> etree._Element:
        return etree.SubElement(parent, name(tag), attrs)

    root = etree.Element(name("tbx"), st.root_attrs, nsmap={None: st.ns} if st.ns else None)
    root.set(XML_LANG, st.lang)
    fd = el("fileDesc", el("tbxHeader", root))
    if st.publication:
        el("p", el("publicationStmt", fd)).text = st.publication
    el("p", el("sourceDesc", fd)).text = st.source_desc
    body = el("body", el("text", root))
    for c in glossary:
        entry = el("conceptEntry", body, id=f"c-{c.id}")
        el("descrip", entry, type="subjectField").text = c.type
        if c.definition:
            el("descrip", entry, type="definition").text = c.definition
        note = _concept_note(c)
        if note:
            el("note", entry).text = note
        for lang in ("zh", "en"):
            ls = el("langSec", entry)
            ls.set(XML_LANG, LANGS[lang])
            terms = _english_terms(c) if lang == "en" else [(t, False) for t in c.terms if t.lang == "zh"]
            for t, acronym in terms:
                ts = el("termSec", ls)
                el("term", ts).text = t.text
                if st.part_of_speech:
                    el("termNote", ts, type="partOfSpeech").text = _pos(c, t)
                el("termNote", ts, type="administrativeStatus").text = ADMIN_STATUS[t.status]
                if acronym:
                    el("termNote", ts, type="termType").text = "acronym"
                for n in _term_notes(t, st.joined_notes):
                    el("note", ts).text = n
                if t.valid_status is not None:  # TBX has no validity field: a note imports reads
                    el("note", ts).text = validity_note(t)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _term_notes(t: Term, joined: bool) -> list[str]:
    """A term's notes; a forbidden English term says so (TBX has no "forbidden" status)."""
    forbidden = t.status is Status.FORBIDDEN
    if not joined:
        return [n for n in (t.note, "forbidden" if forbidden else "") if n]
    if forbidden:
        return ["forbidden" + (f": {t.note}" if t.note else "")]
    return [t.note] if t.note else []


def validity_note(t: Term) -> str:
    """A dated term's validity and its status while valid, as a note: 'valid until 2017-10-25
    (preferred while valid)'. The administrativeStatus is the status today (what a CAT tool
    should show); ``glossary import`` reads both back (:data:`VALIDITY_NOTE`)."""
    assert t.valid_status is not None
    return f"{describe(t)} ({t.valid_status.value} while valid)"


VALIDITY_NOTE = re.compile(
    r"^valid (?:from (?P<a>\S+) to (?P<b>\S+)|from (?P<f>\S+)|until (?P<u>\S+))"
    r" \((?P<s>preferred|admitted|deprecated|forbidden) while valid\)$"
)


def tbx_basic(glossary: Glossary) -> bytes:
    """TBX-Basic (``tbx(glossary, "basic")``)."""
    return tbx(glossary, "basic")


def tbx_martif(glossary: Glossary) -> bytes:
    """TBX 2008 martif (``tbx(glossary, "martif")``)."""
    return tbx(glossary, "martif")


# How the OmegaT and CSV exports state a Chinese form's status (their columns have no place for
# it): the comment or explanation begins with this mark. It tells the translator, and
# ``glossary import`` reads it back, so a deprecated form never returns as preferred. A mark
# with no comment after it loses its space to the cell's trimming.
# A term valid in time is marked with its status while valid and its validity (the glossary
# lists it under that status): [preferred Chinese form, valid until 2017-10-25].
ZH_STATUS_MARK = re.compile(
    r"\[(admitted|deprecated|preferred) Chinese form(?:, valid (?:from|until) [0-9a-z -]+)?\](?: |$)"
)


def zh_status_mark(t: Term) -> str:
    """The mark for a non-preferred Chinese form, "" for the preferred one."""
    if t.valid_status is not None:
        return f"[{t.valid_status.value} Chinese form, {describe(t)}] "
    return "" if t.status is Status.PREFERRED else f"[{t.status.value} Chinese form] "


def omegat(glossary: Glossary) -> str:
    """OmegaT glossary: UTF-8, tab-separated source, target, comment; every Chinese form."""
    lines = []
    for c in glossary:
        comment = " | ".join(x for x in (c.en if c.abbr else "", ", ".join(c.abbr), c.note[:200]) if x)
        for t in c.terms_in("zh"):
            cells = (t.text, c.en, zh_status_mark(t) + _cell(comment))
            lines.append("\t".join(neutralise(_cell(x)) for x in cells))
    return "\n".join(lines) + "\n"


DEEPL_MAX_ENTRY_BYTES = 1024


def deepl(glossary: Glossary) -> str:
    """DeepL glossary CSV (zh→en, one direction): source,target; unique sources, no empty
    cells, no tabs or line breaks, entries within DeepL's size limit."""
    seen: set[str] = set()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for c in glossary:
        for t in c.terms_in("zh"):
            src, tgt = _cell(t.text), _cell(c.en)
            if not src or not tgt or src in seen:
                continue
            if len(src.encode()) > DEEPL_MAX_ENTRY_BYTES or len(tgt.encode()) > DEEPL_MAX_ENTRY_BYTES:
                continue
            seen.add(src)
            w.writerow([neutralise(src), neutralise(tgt)])
    return buf.getvalue()


def weblate_csv(glossary: Glossary) -> str:
    """CSV with Weblate's glossary columns: source, target, context, explanation, flags."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["source", "target", "context", "explanation", "flags"])

    def row(*cells: str) -> None:
        w.writerow([neutralise(x) for x in cells])

    for c in glossary:
        expl = _cell(" ".join(x for x in (c.definition, _concept_note(c)) if x))
        for t in c.terms_in("zh"):
            row(t.text, c.en, c.id, zh_status_mark(t) + expl, "terminology")
        for t in c.terms_in("en", Status.FORBIDDEN):
            row(c.zh, t.text, c.id, _cell(t.note), "forbidden,terminology")
    return buf.getvalue()


_FORMULA = re.compile("'*[" + re.escape("".join(FORMULA_START)) + "]")
_QUOTED = re.compile("'+[" + re.escape("".join(FORMULA_START)) + "]")


def neutralise(cell: str) -> str:
    """The cell with a leading ``'`` if a spreadsheet would run it as a formula (OWASP)."""
    return "'" + cell if _FORMULA.match(cell) else cell


def restore(cell: str) -> str:
    """Undo ``neutralise``: on import of our own CSV/TSV, the cell as it was."""
    return cell[1:] if _QUOTED.match(cell) else cell


def _cell(s: str) -> str:
    return " ".join(s.replace("\t", " ").split())
