"""Abbreviations read in a bulletin's order: spelt out at the first use, introduced once.

UN style spells an abbreviation out at its first use in a document with the abbreviation in
brackets after it, and keeps abbreviations few. :func:`read_bulletin` follows one bulletin's
units as a reader meets them (headings included) and reports three slips an independent
reviser found (issue 16): an abbreviation used before it is spelt out (in a heading, inside a
name such as "UNEP Economy Division", or never at all), a full name spelt out without the
abbreviation that is introduced later ("nationally determined contributions … (NDCs)"), and
an abbreviation introduced a second time ("Name (ABBR)" again). What the glossary knows about
each abbreviation is gathered once in :class:`Abbreviations`.

First use is a property of a whole document in reading order. A file that is not a whole
bulletin (:func:`whole_bulletin`: a loose unit, a cut-down or reordered file, a unit checked
alone) cannot tell what came before it, so an abbreviation it never spells out may have been
spelt out earlier: that slip is not reported there. A use before the file's own introduction,
a late one and a second introduction are slips whatever came before, and stay reported.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from sppterm.bulletin.parse import parse_text
from sppterm.checks.base import CheckUnit
from sppterm.errors import InputError
from sppterm.glossary.matcher import fast_paths
from sppterm.glossary.model import Glossary, Status
from sppterm.textio import read_text
from sppterm.zh import has_cjk

HEADINGS = frozenset({"section", "article", "subheading"})
# the full name right after the abbreviation: "GO4SDGs – Global Opportunities for SDGs", or in
# brackets where a name holds the abbreviation: "under SAICM (the Strategic Approach to …)"
_DASH_AFTER = regex.compile(r"\s*(?:[–—:,]\s*|\()(?:the\s+)?")
_NAME = regex.compile(r"(?<!\w)\p{Lu}")  # a capitalised word: the full form is a name
_QUOTED = regex.compile(r"“[^“”]*”")  # a quotation: its words cannot take brackets
_NUMBERED = regex.compile(r"\s?\d")


@dataclass
class Abbreviations:
    """What the glossary says about its abbreviations, for :func:`read_bulletin`."""

    expansions: dict[str, list[str]] = field(default_factory=dict)  # SAICM → the full names
    self_named: set[str] = field(default_factory=set)  # the name is the abbreviation (WWF)
    dashed: dict[str, list[str]] = field(default_factory=dict)  # ICLEI → "ICLEI – Local …"
    names: set[str] = field(default_factory=set)  # stand for a name (capitalised full form)
    multiword: list[str] = field(default_factory=list)  # "SPP Programme", longest first
    # names every accepted form of which holds the abbreviation (G20 in "G20 Environment
    # Ministers' Meeting"): no wording of the name spells it out
    bound: dict[str, list[regex.Pattern[str]]] = field(default_factory=dict)
    # other names holding a full name (a title: "Consumer information and protection and
    # multilateral environmental agreements: …"), any case
    holders: dict[str, regex.Pattern[str]] = field(default_factory=dict)
    _full: dict[str, regex.Pattern[str] | None] = field(default_factory=dict)

    @classmethod
    def of(cls, glossary: Glossary) -> Abbreviations:
        out = cls()
        for c in glossary:
            accepted = [t.text for t in c.terms if t.lang == "en" and t.status.accepted]
            preferred = [t.text for t in c.terms if t.lang == "en" and t.status is Status.PREFERRED]
            for a in c.abbr:
                exp = [f for f in accepted if not holds_word(f, a)]
                out.expansions.setdefault(a, []).extend(exp)
                out.dashed.setdefault(a, []).extend(
                    f for f in accepted if f != a and holds_word(f, a) and _DASHED.search(f)
                )
                if a in preferred:
                    out.self_named.add(a)
                if any(_NAME.search(f) for f in exp):
                    out.names.add(a)
                if " " in a:
                    out.multiword.append(a)
        out.multiword.sort(key=lambda a: (-len(a), a))
        out._names_holding(glossary)
        return out

    def _names_holding(self, glossary: Glossary) -> None:
        """Fill :attr:`bound` and :attr:`holders` (once per glossary). Which abbreviations and
        expansions a form holds comes from two Aho-Corasick scans of each form, not from a
        substring test of every abbreviation and expansion against every form (0.2 s a run)."""
        from ahocorasick_rs import AhoCorasick  # the glossary matcher's dependency

        abbrs = [a for a in self.expansions if a]
        owners: dict[str, list[str]] = {}  # an expansion of over 3 characters, lower case → abbrs
        for a, exps in self.expansions.items():
            for e in exps:
                if len(e) > 3 and a not in owners.setdefault(e.lower(), []):
                    owners[e.lower()].append(a)
        lowered = list(owners)
        in_form = AhoCorasick(abbrs) if abbrs else None
        in_lower = AhoCorasick(lowered) if lowered else None
        holders: dict[str, set[str]] = {}
        for c in glossary:
            accepted = [t.text for t in c.terms if t.lang == "en" and t.status.accepted]
            if not accepted:
                continue
            # abbreviations held by every accepted form (all(a in f …)), not the concept's own
            common: set[str] | None = None
            for f in accepted:
                found = (
                    {abbrs[i] for i, _, _ in in_form.find_matches_as_indexes(f, overlapping=True)}
                    if in_form
                    else set()
                )
                if "" in self.expansions:
                    found.add("")
                common = found if common is None else common & found
                if not common:
                    break
            for a in sorted(common or ()):
                if a in c.abbr or not any(f != a for f in accepted):
                    continue
                if all(holds_word(f, a) for f in accepted):
                    self.bound.setdefault(a, []).extend(_loose(f) for f in accepted)
            if in_lower is None:
                continue
            for f in accepted:
                low = f.lower()
                for i in sorted({i for i, _, _ in in_lower.find_matches_as_indexes(low, overlapping=True)}):
                    if lowered[i] == low:
                        continue
                    for a in owners[lowered[i]]:
                        if a not in c.abbr:
                            holders.setdefault(a, set()).add(f)
        for a, forms in holders.items():
            body = "|".join(_loose(f).pattern for f in sorted(forms, key=lambda f: (-len(f), f)))
            self.holders[a] = regex.compile(rf"(?:{body})", regex.IGNORECASE)

    def key(self, text: str, start: int, token: str) -> str:
        """The abbreviation a token at ``start`` is: the longest glossary abbreviation of
        several words beginning there ("SPP Programme"), else the token with a plural -s
        dropped when the glossary or the capitals say so (NDCs → NDC, SDGs → SDG)."""
        for a in self.multiword:
            if text.startswith(a, start) and not text[start + len(a) : start + len(a) + 1].isalnum():
                return a
        if token.endswith("s") and len(token) > 2:
            stem = token[:-1]
            if stem in self.expansions or (token not in self.expansions and stem.isupper()):
                return stem
        return token

    def full_names(self, abbr: str) -> regex.Pattern[str] | None:
        """The expansions of ``abbr`` as one pattern, longest first: whole words, case as in
        the glossary except the first letter ("sustainable consumption and production" is not
        found inside "Sustainable Consumption and Production Patterns")."""
        if abbr not in self._full:
            forms = sorted(set(self.expansions.get(abbr, [])), key=lambda f: (-len(f), f))
            alts = [
                f"(?:{regex.escape(f[0].upper())}|{regex.escape(f[0].lower())}){regex.escape(f[1:])}"
                for f in forms
            ]
            self._full[abbr] = regex.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)") if alts else None
        return self._full[abbr]


_WORD = regex.compile(r"\w")
_DASHED = regex.compile(r"\s[–—]\s")


def holds_word(text: str, word: str) -> bool:
    """``word`` stands in ``text`` with no word character (``regex``'s ``\\w``) right before
    or after it: ``(?<!\\w)WORD(?!\\w)`` without compiling a pattern per word (some 150
    compiles of the pure-Python ``regex`` parser were a third of the rule's first run)."""
    if not word:
        return regex.search(r"(?<!\w)(?!\w)", text) is not None
    at, n = text.find(word), len(word)
    while at >= 0:
        before = at == 0 or _WORD.match(text, at - 1) is None
        if before and (at + n == len(text) or _WORD.match(text, at + n) is None):
            return True
        at = text.find(word, at + 1)
    return False


def _loose(form: str) -> regex.Pattern[str]:
    """A glossary form as a pattern: whole words, either apostrophe (Ministers' / Ministers’)."""
    body = "".join("['’]" if ch in "'’" else regex.escape(ch) for ch in form)
    return regex.compile(rf"(?<!\w){body}(?!\w)")


# Where a title stands: italics (*…*, _…_, <i>, <em>); quotations are _QUOTED.
_ITALIC = regex.compile(r"(?<!\w)\*[^*\n]+\*(?!\w)|(?<!\w)_[^_\n]+_(?!\w)|<(i|em)>.*?</\1>", regex.DOTALL)


def _titled(abbrs: Abbreviations, abbr: str, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` where a full name of ``abbr`` can take no brackets: a quotation, a
    title in italics, another glossary name holding the full name (a publication's title)."""
    spans = [q.span() for q in _QUOTED.finditer(text)] + [m.span() for m in _ITALIC.finditer(text)]
    holder = abbrs.holders.get(abbr)
    if holder is not None:
        spans += [m.span() for m in holder.finditer(text)]
    return spans


def _spelt_in_title(abbrs: Abbreviations, abbr: str, texts: Iterable[str]) -> bool:
    """A full name of ``abbr`` (any case) inside a title of one of ``texts``: "… and
    Multilateral Environmental Agreements" in a title spells MEAs out for its reader."""
    forms = sorted(set(abbrs.expansions.get(abbr, [])), key=lambda f: (-len(f), f))
    if not forms:
        return False
    full = regex.compile("|".join(_loose(f).pattern for f in forms), regex.IGNORECASE)
    for text in texts:
        titled = _titled(abbrs, abbr, text)
        if titled and any(a <= m.start() and m.end() <= b for m in full.finditer(text) for a, b in titled):
            return True
    return False


@dataclass(frozen=True)
class Slip:
    """One finding of :func:`read_bulletin`: ``kind`` is "before" (used before it is spelt
    out), "late" (spelt out earlier without the abbreviation) or "twice" (introduced again);
    ``at`` is the line of the earlier spelling or introduction (0: none)."""

    index: int  # the unit (its position in the list read)
    start: int
    end: int
    token: str
    abbr: str
    kind: str
    at: int = 0


def bracketed(text: str, start: int, end: int) -> bool:
    """The token stands inside brackets that follow some words: "Full Name (ABBR)" or
    "Full Name (Chinese: …, ABBR)"."""
    open_ = text.rfind("(", 0, start)
    if open_ <= 0 or ")" in text[open_:start]:
        return False
    close = text.find(")", end)
    return close >= 0 and "(" not in text[end:close] and bool(text[:open_].strip())


def whole_bulletin(units: Sequence[CheckUnit]) -> bool:
    """True when ``units`` (one file's, in line order) are a whole bulletin in reading order:
    they name one source file (a PO's references: source_zh/ID.md), found beside the file or
    in a folder above it, and their Chinese texts are that source's Chinese blocks, each once,
    in the source's order (what ``sppterm extract`` writes; blocks that are only a URL or an
    e-mail address are no units). Anything else — a unit alone, units missing or out of order,
    an XLIFF file or a PO without references, a source that cannot be read — is not."""
    refs = {u.source_ref for u in units}
    where = units[0].file or units[0].path  # the file as read, else as named
    if len(refs) != 1 or not units[0].source_ref or not where:
        return False
    ref = units[0].source_ref
    source = next((d / ref for d in Path(where).resolve().parents if (d / ref).is_file()), None)
    if source is None:
        return False
    try:
        chinese = source_chinese(source)
    except (InputError, OSError, ValueError):
        return False  # the source's own check reports it; here: cannot know what came before
    return [u.key for u in units if has_cjk(u.key)] == chinese


# Sources parsed in this process: resolved path → (its stat when read, its Chinese blocks). A
# check of the series parses each source_zh/ID.md for its own units (checks.runner.units_from_md
# calls remember_source) and whole_bulletin needs the same blocks: parsed once, not twice.
_SOURCES: dict[str, tuple[tuple[int, int, int, int] | None, list[str]]] = {}
_SOURCES_KEPT = 256


def _stat(path: str) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def remember_source(path: str | Path, stat: tuple[int, int, int, int] | None, texts: Iterable[str]) -> None:
    """Record the block texts of a source parsed by someone else, read when it had ``stat``
    (taken before reading: a file changed since is parsed again)."""
    if stat is None or not fast_paths():
        return
    if len(_SOURCES) >= _SOURCES_KEPT:
        _SOURCES.clear()
    _SOURCES[os.path.realpath(path)] = (stat, [t for t in dict.fromkeys(texts) if has_cjk(t)])


def source_chinese(path: Path) -> list[str]:
    """The Chinese block texts of a source, each once, in its order (parsed, or remembered
    from a parse of the same unchanged file)."""
    key = os.path.realpath(path)
    stat = _stat(key)
    hit = _SOURCES.get(key) if fast_paths() else None
    if hit is not None and stat is not None and hit[0] == stat:
        return hit[1]
    blocks = parse_text(read_text(path), str(path)).blocks()
    texts = [b.text for b in blocks]
    remember_source(key, stat, texts)
    return [t for t in dict.fromkeys(texts) if has_cjk(t)]


def read_bulletin(
    units: Iterable[tuple[int, str, str, list[tuple[int, int, str, bool]]]],
    abbrs: Abbreviations,
    whole: bool = True,
) -> Iterator[Slip]:
    """The slips in one bulletin. ``units``: (line, role, English, tokens) in reading order,
    each token (start, end, text, inside_name) — ``inside_name``: within a glossary name.

    ``whole``: the units are the whole bulletin from its start (:func:`whole_bulletin`). When
    they are not, a use "before" is reported only when the units introduce the abbreviation
    later ("Name (ABBR)" after it: a slip whether or not it was introduced before them)."""
    pending: list[Slip] = []  # not whole: uses before, kept until an introduction is seen
    held: list[Slip] = []  # uses inside a name that always holds them: slips if never introduced
    bracketed_at: set[str] = set()  # abbreviations seen as "Name (ABBR)", headings included
    introduced: dict[str, int] = {}  # abbreviation → line of its "Name (ABBR)"
    settled: set[str] = set()  # first use seen (reported or fine): no more "before"
    body: list[tuple[int, str]] = []  # the earlier texts outside headings: (line, text)
    for index, (line, role, text, tokens) in enumerate(units):
        for start, end, token, inside_name in tokens:
            abbr = abbrs.key(text, start, token)
            if inside_name and abbr not in abbrs.names:
                continue  # a term inside a name is its wording (Circular and Fair ICT Pact)
            if (
                abbr not in settled
                and not bracketed(text, start, end)
                and _bound_at(abbrs, abbr, text, start, end)
            ):
                # "G20 Environment Ministers' Meeting": the name has no wording without G20, so
                # its G20 is no first use; a slip only if the bulletin never spells G20 out
                held.append(Slip(index, start, end, token, abbr, "before"))
                continue
            if bracketed(text, start, end) and _NUMBERED.match(text, end):
                # "Sustainable Development Goal 12 (SDG 12)": a numbered glossary name spelt
                # out, not its abbreviation introduced (again): SDG may stand after it
                bracketed_at.add(abbr)
                settled.add(abbr)
                continue
            if bracketed(text, start, end):
                bracketed_at.add(abbr)
                if abbr in introduced:
                    yield Slip(index, start, end, token, abbr, "twice", introduced[abbr])
                    continue
                if role not in HEADINGS:
                    introduced[abbr] = line  # a heading's brackets may come again in the text
                if abbr not in settled:
                    settled.add(abbr)
                    at = _spelt_before(abbrs, abbr, body, line, text, text.rfind("(", 0, start))
                    if at:
                        yield Slip(index, start, end, token, abbr, "late", at)
                continue
            if abbr in settled or abbr in introduced:
                continue
            settled.add(abbr)
            if abbr in abbrs.self_named or _names_itself(abbrs, abbr, text, start, end):
                continue
            if _spelt_in_title(abbrs, abbr, [*(t for _, t in body), text[:start]]):
                continue  # spelt out in a title the reader has met
            slip = Slip(
                index, start, end, token, abbr, "before", _spelt_before(abbrs, abbr, body, line, text, start)
            )
            if whole:
                yield slip
            else:
                pending.append(slip)
        if role not in HEADINGS:
            body.append((line, text))
    yield from (s for s in pending if s.abbr in bracketed_at)
    if whole:
        firsts: dict[str, Slip] = {}
        for s in held:
            firsts.setdefault(s.abbr, s)
        yield from (s for a, s in firsts.items() if a not in bracketed_at and a not in settled)


def _bound_at(abbrs: Abbreviations, abbr: str, text: str, start: int, end: int) -> bool:
    """The token at ``start`` lies inside a name all of whose forms hold ``abbr``."""
    lo = max(0, start - 200)
    for p in abbrs.bound.get(abbr, []):
        for m in p.finditer(text, lo, min(len(text), end + 200)):
            if m.start() <= start and end <= m.end():
                return True
    return False


def _names_itself(abbrs: Abbreviations, abbr: str, text: str, start: int, end: int) -> bool:
    """ "ICLEI – Local Governments for Sustainability" (a glossary name holding the
    abbreviation and its expansion), "GO4SDGs – Global Opportunities for SDGs" or "SAICM (the
    Strategic Approach to International Chemicals Management)": spelt out right after."""
    for f in abbrs.dashed.get(abbr, []):
        at = text.find(f, max(0, start - len(f)))
        if 0 <= at <= start and end <= at + len(f):
            return True
    dash = _DASH_AFTER.match(text, end)
    full = abbrs.full_names(abbr)
    return dash is not None and full is not None and full.match(text, dash.end()) is not None


def _spelt_before(
    abbrs: Abbreviations, abbr: str, body: list[tuple[int, str]], line: int, text: str, upto: int
) -> int:
    """The line where a full name of ``abbr`` was written before (earlier body texts, or this
    text before ``upto`` but not the name just before an introducing bracket), else 0. A name
    inside a quotation does not count (the brackets cannot go there), nor one followed by a
    figure ("Sustainable Development Goal 12" names one goal)."""
    full = abbrs.full_names(abbr)
    if full is None:
        return 0
    for at, earlier in [*body, (line, text[: max(upto, 0)])]:
        quoted = _titled(abbrs, abbr, earlier)
        for m in full.finditer(earlier):
            if any(a <= m.start() and m.end() <= b for a, b in quoted):
                continue  # inside a quotation or a title
            if _NUMBERED.match(earlier, m.end()):
                continue  # "Sustainable Development Goal 12": a numbered name of its own
            if at == line and not earlier[m.end() :].strip(" “”\"'’,"):
                continue  # the name the bracket introduces
            return at
    return 0
