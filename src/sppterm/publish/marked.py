"""A unit's text as escaped HTML with spans marked: glossary terms, the words a finding is about.

The review page and the HTML check report show a unit the way a CAT tool does: the inline
placeholders (<b>, </i>) as visible chips, not applied, so a reviser sees a misplaced tag;
marks may overlap (a finding on part of a term), so the text is cut at every mark boundary and
each piece is wrapped in the marks that cover it. Everything is escaped here, once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from sppterm.checks.base import Finding
from sppterm.checks.locations import unstripped
from sppterm.checks.terms import EnglishTerms
from sppterm.glossary.matcher import ZhMatcher
from sppterm.glossary.model import Concept, Term
from sppterm.glossary.validity import Period, Timeline, dated_note
from sppterm.placeholders import TAG, strip

Dated = tuple[Period | None, Timeline] | None  # a bulletin's period and the timeline, for dated forms


@dataclass(frozen=True)
class Mark:
    """A span of a text to mark: ``kind`` is the element's class ("term", "term bad",
    "finding error"...), ``title`` its hover text, ``concept`` a glossary concept id."""

    start: int
    end: int
    kind: str
    title: str = ""
    concept: str = ""


def concept_title(concept: Concept, term: Term | None = None, when: Dated = None) -> str:
    """The hover text of a term: the concept's preferred English, the form's status (for a
    dated form, when it is used: ``when`` is the bulletin's period and timeline), the note."""
    parts = [f"Preferred English: {concept.english_label() or concept.id}"]
    if term is not None:  # a dated form says when it is used ('was used until …; since …: …')
        parts.append(f"{term.text}: {dated_note(term, concept, *(when or ())) or term.status.value}")
    parts.append(f"concept {concept.id} ({concept.type})")
    note = term.note if term is not None and term.note else concept.note
    if note:
        parts.append(f"Note: {' '.join(note.split())}")
    return "\n".join(parts)


def zh_term_marks(text: str, matcher: ZhMatcher, when: Dated = None) -> list[Mark]:
    """The glossary's Chinese terms in ``text`` (matched without placeholders, as the rules do)."""
    return [
        Mark(*unstripped(text, h.start, h.end), "term", concept_title(h.concept, h.term, when), h.concept.id)
        for h in matcher.find(strip(text))
    ]


def en_term_marks(text: str, terms: EnglishTerms, when: Dated = None) -> list[Mark]:
    """The glossary's English forms in ``text``: accepted forms as terms, deprecated and
    forbidden forms as bad terms (with the form's status in the hover text)."""
    plain = strip(text)
    _, bad = terms.scan(plain)
    out = [Mark(*unstripped(text, a, b), "term bad", concept_title(c, t, when), c.id) for a, b, t, c in bad]
    taken = [(m.start, m.end) for m in out]
    for cid, spans in terms.spans(plain).items():
        concept = terms.glossary.get(cid)
        if concept is None:
            continue
        for a, b, _abbr in spans:
            start, end = unstripped(text, a, b)
            if not any(s < end and start < e for s, e in taken):
                out.append(Mark(start, end, "term", concept_title(concept), cid))
    return sorted(out, key=lambda m: (m.start, m.end))


def render(text: str, marks: Iterable[Mark] = ()) -> Markup:
    """``text`` as HTML: escaped, placeholders as chips, each mark a <mark> with its title.

    An empty span (a finding about a place, such as something left out) is a caret there."""
    n = len(text)
    tags = {t.start(): t.end() for t in TAG.finditer(text)}

    def snap(k: int, forward: bool) -> int:
        """A boundary inside a placeholder moves to its edge: a chip is never cut."""
        k = max(0, min(k, n))
        for s, e in tags.items():
            if s < k < e:
                return e if forward else s
        return k

    spans: list[Mark] = []
    carets: dict[int, list[Mark]] = {}
    for m in marks:
        if m.end <= m.start:
            carets.setdefault(snap(m.start, False), []).append(m)
        else:
            spans.append(Mark(snap(m.start, False), snap(m.end, True), m.kind, m.title, m.concept))
    cuts = {0, n, *carets, *tags.keys(), *tags.values()}
    for m in spans:
        cuts.update((m.start, m.end))
    bounds = sorted(cuts)
    out: list[str] = []
    for i, a in enumerate(bounds):
        out += [_caret(m) for m in carets.get(a, ())]
        if i + 1 == len(bounds):
            break
        b = bounds[i + 1]
        if a in tags:
            piece = str(Markup('<span class="ph">{}</span>').format(text[a:b]))
        else:
            piece = str(escape(text[a:b]))
        for m in reversed([m for m in spans if m.start <= a and b <= m.end]):
            piece = _open(m) + piece + "</mark>"
        out.append(piece)
    return Markup("".join(out))


def _open(m: Mark) -> str:
    attrs = Markup(' class="{}"').format(m.kind)
    if m.title:
        attrs += Markup(' title="{}"').format(m.title)
    if m.concept:
        attrs += Markup(' data-concept="{}"').format(m.concept)
    return str(Markup("<mark{}>").format(attrs))


def _caret(m: Mark) -> str:
    return str(Markup('<mark class="{} at" title="{}">‸</mark>').format(m.kind, m.title))


def finding_marks(findings: Iterable[Finding], side: str) -> list[Mark]:
    """Marks for the spans of ``findings`` on ``side`` ("source" or "target")."""
    return [
        Mark(f.span[0], f.span[1], f"finding {f.severity}", f"{f.rule} ({f.severity}): {f.message}")
        for f in findings
        if f.span is not None and f.side == side
    ]
