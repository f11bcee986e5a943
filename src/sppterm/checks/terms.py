"""Terminology rules: term-missing, term-forbidden, source-variant."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

import ahocorasick_rs

from sppterm import en, zh
from sppterm.checks.abbreviations import misnamed, misspelt_abbreviations
from sppterm.checks.base import ERROR, INFO, WARNING, CheckUnit, Context, Finding, Fix, Rule
from sppterm.checks.locations import unstripped
from sppterm.glossary.matcher import Hit, fast_paths
from sppterm.glossary.model import Concept, Glossary, Status, Term
from sppterm.glossary.validity import Period, Timeline, out_of_time
from sppterm.placeholders import strip

_ALNUM = re.compile(r"[^\W_]+")
# Markup the placeholders do not know (<u>, <br/>, <span class="x">): blanked before scanning,
# so a term split by it is still the term ("sustainable <u>public</u> procurement").
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,9}(?:\s[^<>]{0,200})?/?>")


def alnum_key(text: str) -> str:
    """Letters and digits of ``text`` in lower case (:func:`sppterm.en.lower`, character for
    character).

    Not :func:`sppterm.zh.skeleton` (NFKC-folded, for comparing headings): nothing is
    normalised here, so the k-th character of the key is the k-th letter or digit of ``text``
    (:class:`_Offsets` maps reported spans back that way).

    Matching on this key makes case, hyphens, en dashes, spaces and punctuation between
    words irrelevant (life-cycle = life cycle = lifecycle; ICLEI – Local = ICLEI-Local).
    """
    return en.lower("".join(_ALNUM.findall(text)))


class _Offsets:
    """Key position → position in ``text`` of that letter or digit (the key of :func:`alnum_key`),
    by bisection over the pieces of :func:`_pieces`: linear in the text however many spans are
    mapped (a text with thousands of names once took quadratic time)."""

    def __init__(self, text: str, ends: list[int] | None = None) -> None:
        """``ends``: each piece's end in the key (:func:`_pieces`), if known."""
        self.ends = _pieces(text)[1] if ends is None else ends
        self.size = len(text)
        self.total = self.ends[-1] if self.ends else 0

    def __call__(self, k: int) -> int:
        if k >= self.total:
            return self.size
        # piece i starts in the text at its start in the key plus the i characters cut before it
        return k + bisect_right(self.ends, k)


_GAP = re.compile(r"[\W_]")  # one character that is no letter or digit (what _ALNUM leaves out)
_ASCII_ALNUM = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_ASCII_GAP = bytes(c for c in range(128) if c not in _ASCII_ALNUM)
_ASCII_GAP_AS_SPACE = bytes.maketrans(_ASCII_GAP, b" " * len(_ASCII_GAP))


def _pieces(text: str) -> tuple[str, list[int]]:
    """(the letters and digits of ``text`` as written, each piece's end in them), the pieces
    being ``text`` cut at every character that is no letter or digit (empty between two such
    characters). Piece i starts in ``text`` at its start in the key plus i: the key position
    of a letter maps back by one bisection (:class:`_Offsets`). In ASCII text (nearly every
    unit) by bytes.translate and split, no regex: the scan of every unit paid for that."""
    if text.isascii():
        data = text.encode("ascii")
        parts: list[bytes] | list[str] = data.translate(_ASCII_GAP_AS_SPACE).split(b" ")
        raw = data.translate(None, _ASCII_GAP).decode("ascii")
    else:
        parts = _GAP.split(text)
        raw = "".join(parts)
    return raw, list(accumulate(map(len, parts)))


_MEMO_SIZE = 64
Span = tuple[int, int, bool]  # start, end, is an abbreviation
_Scan = tuple[set[str], list[tuple[int, int, Term, Concept]], dict[str, list[Span]]]


class EnglishTerms:
    """The English side of the glossary as one automaton over the letters and digits of every English
    form (accepted, deprecated, forbidden, abbreviations): one pass over a translation tells
    which concepts it names and which bad forms it uses, whatever the glossary's size."""

    def __init__(self, glossary: Glossary, dates: Mapping[str, Period] | None = None) -> None:
        self.glossary = glossary
        self.timeline = Timeline(dates)  # the terms valid at a bulletin's date
        entries: dict[str, list[tuple[Concept, str | None, Status, Term | None]]] = {}
        for c in glossary:
            forms: list[tuple[str, Status, Term | None]] = [
                (t.text, t.status, t) for t in c.terms if t.lang == "en"
            ]
            forms += [(a, Status.ADMITTED, None) for a in c.abbr]
            for text, status, term in forms:
                key = alnum_key(text)
                if key:
                    # Abbreviations keep their case: the letters to compare, else None.
                    letters = _letters(text) if en._case_sensitive(text) else None
                    entries.setdefault(key, []).append((c, letters, status, term))
        # A deprecated or forbidden form that differs from an accepted form of its concept only
        # by case ("Friends of Sustainable Consumption and Production") matches as written, and
        # where it does the accepted form does not: the bad form wins (issue 11).
        self._case_only: dict[tuple[str, str], str] = {}
        for key, found in entries.items():
            for k, (c, letters, status, term) in enumerate(found):
                bad = letters is None and term is not None and not status.accepted
                if bad and term is not None and any(c2 is c and s2.accepted for c2, _, s2, _ in found):
                    found[k] = (c, _letters(term.text), status, term)
                    self._case_only[(key, c.id)] = _letters(term.text)
        self._numbered: dict[str, LazyPattern | None] = {}
        self._coordinated: dict[str, LazyPattern | None] = {}
        self._interrupted: dict[str, LazyPattern | None] = {}
        self._last: tuple[str, Period | None, _Scan] | None = None
        # The scans of the last few texts (a unit's translation, its sentences, the glossary
        # forms term-missing reads): the rules ask about them in turn, each is scanned once.
        self._scans: dict[tuple[str, Period | None], _Scan] | None = {} if fast_paths() else None
        self._nested: dict[tuple[str, str], list[tuple[Concept, str]]] = {}
        self._keys = list(entries)
        self._entries = entries
        self._found = [entries[k] for k in self._keys]  # by the automaton's pattern index
        self._auto = (
            ahocorasick_rs.AhoCorasick(self._keys, matchkind=ahocorasick_rs.MatchKind.Standard)
            if entries
            else None
        )

    def scan(
        self, text: str, when: Period | None = None
    ) -> tuple[set[str], list[tuple[int, int, Term, Concept]]]:
        """(ids of concepts named by an accepted form, bad uses as (start, end, term, concept)),
        with the statuses terms have at ``when`` (a bulletin's date; None: today's glossary).

        term-missing, term-forbidden and number all ask about the same translation in turn:
        the last result is kept so each unit is scanned once."""
        present, bad, _ = self._scan_all(text, when)
        return present, bad

    def spans(self, text: str, when: Period | None = None) -> dict[str, list[Span]]:
        """Where each concept is named by an accepted form in ``text``: concept id → spans
        (start, end, abbreviation?) in text positions, overlapping forms merged into one, in
        order. For the rules that count or look beside the names (term-count, term-abbreviation)."""
        return self._scan_all(text, when)[2]

    def _scan_all(self, text: str, when: Period | None = None) -> _Scan:
        if self._scans is not None:
            found = self._scans.get((text, when))
            if found is None:
                if len(self._scans) >= _MEMO_SIZE:
                    self._scans.clear()
                found = self._scans[(text, when)] = self._scan(text, when)
            return found
        if self._last is not None and self._last[0] == text and self._last[1] == when:
            return self._last[2]
        result = self._scan(text, when)
        self._last = (text, when, result)
        return result

    def _scan(self, text: str, when: Period | None = None) -> _Scan:
        if self._auto is None:
            return set(), [], {}
        if "<" in text:
            text = _MARKUP.sub(lambda m: " " * len(m.group(0)), text)  # same length: positions kept
        raw, ends = _pieces(text)  # ends: each piece's end in the key, ascending
        skel = en.lower(raw)  # the same length: key positions stay those of raw and text
        accepted: dict[str, list[tuple[int, int, bool]]] = {}
        bad = []
        # Word edges by bisection per match: far fewer matches than runs.
        for i, s, e in self._auto.find_matches_as_indexes(skel, overlapping=True):
            if s:
                j = bisect_left(ends, s)
                if j == len(ends) or ends[j] != s:
                    continue  # starts inside a word
            j = bisect_left(ends, e)
            if ends[j] != e:
                rest = raw[e : ends[j]]
                if rest not in ("s", "es"):
                    continue  # ends inside a word (a plural is fine)
            for c, letters, status, term in self._found[i]:
                if letters is not None and raw[s:e] != letters:
                    continue
                if (
                    letters is None
                    and self._case_only
                    and self._case_only.get((self._keys[i], c.id)) == raw[s:e]
                ):
                    continue  # the bad form as written: not this accepted form
                if when is not None and term is not None and term.valid_status is not None:
                    status = self.timeline.status(term, when)  # the status at that date
                if status.accepted:
                    # An accepted form that is the concept's abbreviation ("COP27") is one.
                    is_abbr = term is None or term.text in c.abbr
                    accepted.setdefault(c.id, []).append((s, e, is_abbr))
                elif term is not None:  # always: only abbreviations have no Term, and they are admitted
                    bad.append((s, e, term, c))
        # A bad form inside an accepted form of its concept is fine (UN Environment Programme).
        # So is one inside a longer bad form of its concept (the Ministry of Infrastructure and
        # Water Management inside the Netherlands one, both not yet valid in 2016): one finding.
        at = _Offsets(text, ends)
        bad = [
            (at(s), at(e - 1) + 1, t, c)
            for s, e, t, c in bad
            if not any(a <= s and e <= b for a, b, _ in accepted.get(c.id, []))
            and not any(c2 is c and a <= s and e <= b and b - a > e - s for a, b, _, c2 in bad)
        ]
        spans = {cid: _merged(at, found) for cid, found in accepted.items()}
        return set(accepted), bad, spans

    def bad_uses(self, text: str, when: Period | None = None) -> list[tuple[int, int, Term, Concept]]:
        return self.scan(text, when)[1]

    def own_spans(
        self, text: str, source: str, hits: list[Hit], when: Period | None = None
    ) -> dict[str, list[Span]]:
        """:meth:`spans` of a translation of ``source`` (its glossary ``hits``) without the
        mentions that lie inside the span of another concept the source names ("UNEP" inside
        "UNEP Economy Division", "sustainable public procurement" inside "… Sustainable Public
        Procurement Programme" when the source has 联合国环境规划署经济司 or 可持续公共采购计划):
        that English renders the longer concept, as the source's longest match gives the shorter
        term no hit of its own there. Unless the source joins the two itself (:func:`joined`):
        then the longer name may carry the shorter term's mention."""
        ids = {h.concept.id for h in hits}
        return covered_removed(self.spans(text, when), ids, joined(source, hits))

    def nested(self, concept: Concept, zh_text: str) -> list[tuple[Concept, str]]:
        """The glossary concepts nested in ``concept`` as the source names it (``zh_text``, the
        term matched): (concept, its English as written in the form) for each concept whose
        English lies inside an accepted English form of ``concept`` and whose Chinese lies
        inside ``zh_text`` (可持续采购 in 《毛里求斯建筑业可持续采购概述》, "sustainable
        procurement" in its description). The longest nested names only: 公共采购 inside
        可持续公共采购 is part of that one."""
        key = (concept.id, zh_text)
        if key not in self._nested:
            out: dict[str, tuple[Concept, str]] = {}
            for form in concept.terms_in("en", Status.PREFERRED, Status.ADMITTED):
                inside = self.spans(form.text)
                found = covered_removed(inside, set(inside) - {concept.id})
                for cid, spans in found.items():
                    other = self.glossary.get(cid)
                    if cid == concept.id or other is None or cid in out:
                        continue
                    if any(t.lang == "zh" and t.text in zh_text and t.text != zh_text for t in other.terms):
                        s, e, _ = spans[0]
                        out[cid] = (other, form.text[s:e])
            self._nested[key] = list(out.values())
        return self._nested[key]

    def numbered_forms(self, concept: Concept) -> LazyPattern | None:
        """Pattern for the English forms of ``concept`` when its name holds a number (十年方案框架
        = 10YFP, 四大支柱行动 = four pillars, 2030年议程 = 2030 Agenda): those numbers are names.
        None when the concept has no number in its name. The pattern of
        :func:`sppterm.en.compile_forms`, compiled for a text that may hold a form."""
        if concept.id not in self._numbered:
            english = [t.text for t in concept.terms if t.lang == "en"] + concept.abbr
            if any(_NUMERAL.search(t.text) for t in concept.terms if t.lang == "zh"):
                forms = english
            else:
                forms = [f for f in english if re.search(r"\d", f)]
            self._numbered[concept.id] = _forms_pattern(forms) if forms else None
        return self._numbered[concept.id]

    def in_coordination(self, concept: Concept, text: str) -> bool:
        """True when ``text`` names ``concept`` inside a coordination that shares the name's
        last word: a name ending in a number in a list of numbers under one plural head
        ("Sustainable Development Goals 12 and 13", "SDGs 12, 13 and 17" name SDG 12), or a
        name ending in a noun among names sharing it in the plural ("the Basel, Rotterdam and
        Stockholm Conventions" names the Basel Convention). For term-missing, once the plain
        forms are not found."""
        if concept.id not in self._coordinated:
            parts = []
            forms = [t.text for t in concept.terms_in("en", Status.PREFERRED, Status.ADMITTED)]
            for form in forms + concept.abbr:
                m = _TRAILING_NUMBER.fullmatch(form.strip())
                words = [w for w in re.split(r"[\s\-‐‑–—]+", form.strip()) if w]
                if m is not None:
                    head = en._SEP.join(re.escape(w) for w in re.split(r"[\s\-‐‑–—]+", m.group(1)) if w)
                    p = rf"(?<!\w){head}s?\s*(?:\d+{_LIST_SEP})*{m.group(2)}(?!\d)"
                elif len(words) >= 2 and words[-1][:1].isupper() and words[-1].isalpha():
                    # Basel(, Rotterdam) and Stockholm Conventions: each other member is a
                    # capitalised name of one to four words; the shared noun in the plural.
                    head = en._SEP.join(re.escape(w) for w in words[:-1])
                    member = r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}"
                    p = rf"(?<!\w){head}(?:{_LIST_SEP}{member})+\s+{re.escape(words[-1])}s(?!\w)"
                    # case as written: the members are names
                    parts.append((p, (needle(" ".join(words[:-1]), False), words[-1] + "s"), False))
                    continue
                else:
                    continue
                fold = not en._case_sensitive(form)
                pieces = (needle(m.group(1), fold), m.group(2))
                parts.append((f"(?i:{p})" if fold else p, pieces, fold))
            self._coordinated[concept.id] = LazyPattern(parts) if parts else None
        pattern = self._coordinated[concept.id]
        return pattern is not None and pattern.search(text) is not None

    def interrupted(self, concept: Concept, text: str) -> bool:
        """True when ``text`` names a common-noun ``concept`` (type ``concept``, a lower-case
        form of two words or more) with one modifier before its head noun: "sustainable public
        food procurement" for 食品可持续公共采购, "public works procurement". For term-missing,
        once the plain forms are not found."""
        if concept.id not in self._interrupted:
            parts = []
            if concept.type == "concept":
                for t in concept.terms_in("en", Status.PREFERRED, Status.ADMITTED):
                    words = re.split(r"[\s\-‐‑–—]+", t.text.strip())
                    if len(words) >= 2 and t.text.islower() and all(w.isalpha() for w in words):
                        head = en._SEP.join(re.escape(w) for w in words[:-1])
                        p = rf"(?<!\w){head}\s+(?!{_STOPS}\b)[a-z]+\s+{re.escape(words[-1])}s?(?!\w)"
                        pieces = (needle(" ".join(words[:-1]), True), needle(words[-1], True))
                        parts.append((p, pieces, True))
            self._interrupted[concept.id] = LazyPattern(parts, re.IGNORECASE) if parts else None
        pattern = self._interrupted[concept.id]
        return pattern is not None and pattern.search(text) is not None


# -- patterns compiled on first need ---------------------------------------------------------
# The characters outside ASCII that a case-insensitive ASCII letter matches in Python's re
# (İ ı ~ i, ſ ~ s, Kelvin sign ~ k): folded to that letter, so lower case plus this fold maps
# every text a case-insensitive ASCII literal matches onto the literal itself.
_CASE_ODD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})
_ASCII_RUN = re.compile(r"[A-Za-z0-9]+")


@lru_cache(maxsize=16)
def _folded(text: str) -> str:
    return text.translate(_CASE_ODD).lower()


@lru_cache(maxsize=4096)
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def needle(literal: str, folded: bool) -> str:
    """The longest run of ASCII letters and digits of ``literal`` (text a pattern matches as
    written, bar separators), in lower case when the pattern ignores case: every match holds it."""
    run = max(_ASCII_RUN.findall(literal), key=len, default="")
    return run.lower() if folded else run


def needles(literal: str, folded: bool) -> tuple[str, ...]:
    """Every run of ASCII letters and digits of ``literal`` (:func:`needle`'s candidates), once
    each, in lower case when the pattern ignores case: every match of a form holds them all."""
    runs = dict.fromkeys(_ASCII_RUN.findall(literal.lower() if folded else literal))
    return tuple(runs) or ("",)


class LazyPattern:
    """The alternation of regex ``parts``, compiled for the parts a text may match.

    Each part comes with pieces of text every match of it contains (:func:`needle`,
    :func:`needles`); a part whose pieces a text lacks matches nowhere in it, so the text is
    searched with the alternation of the other parts, in their order (the same matches: at
    each position the first part matching wins, and a part left out matches at none), and a
    text holding the pieces of no part is answered without compiling. The rules ask for a
    pattern per concept of a unit's source, and compiling them all cost more than the matching
    (about 1,100 compiles per 5,000 units); a compile costs about its pattern's length.
    ``join`` makes the pattern text of a list of parts ("|".join by default). With the fast
    paths off (:func:`sppterm.glossary.matcher.fast_paths`) every text is matched by the whole
    pattern."""

    def __init__(
        self,
        parts: Sequence[tuple[str, tuple[str, ...], bool]],
        flags: int = 0,
        join: Callable[[list[str]], str] = "|".join,
    ) -> None:
        self._parts = [p for p, _, _ in parts]
        self._join = join
        self.pattern = join(self._parts)
        self.flags = flags
        self._pieces = [(pieces, folded) for _, pieces, folded in parts]  # "" is in every text
        self._open = not fast_paths()
        # the parts of the pattern compiled so far, and its text
        self._state: tuple[frozenset[int], str] = (frozenset(), "")

    def _pattern_for(self, text: str) -> str | None:
        """The pattern text for ``text``: of the parts it may match, and of those texts before
        asked for (which match nowhere in this one: the same matches), so that a pattern
        compiles once or a few times, not once for every combination of its parts met; None
        when the text may match no part."""
        if self._open:
            return self.pattern
        lowered: str | None = None
        needed = set()
        for k, (pieces, folded) in enumerate(self._pieces):
            if folded:
                lowered = _folded(text) if lowered is None else lowered
                if all(p in lowered for p in pieces):
                    needed.add(k)
            elif all(p in text for p in pieces):
                needed.add(k)
        if not needed:
            return None
        chosen, pattern = self._state  # one tuple: read and replaced whole
        if needed <= chosen:
            return pattern
        chosen = chosen | needed
        parts = [part for k, part in enumerate(self._parts) if k in chosen]
        pattern = self.pattern if len(parts) == len(self._parts) else self._join(parts)
        self._state = (chosen, pattern)
        return pattern

    def search(self, text: str) -> re.Match[str] | None:
        pattern = self._pattern_for(text)
        return None if pattern is None else _compiled(pattern, self.flags).search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pattern = self._pattern_for(text)
        return iter(()) if pattern is None else _compiled(pattern, self.flags).finditer(text)


def _forms_pattern(forms: list[str]) -> LazyPattern:
    """:func:`sppterm.en.compile_forms` of ``forms`` as a :class:`LazyPattern` (the same
    pattern text, forms in the same order), each form wanting all its runs of letters."""
    parts = []
    for f in sorted(set(forms), key=lambda f: (-len(f), f)):
        fold = not en._case_sensitive(f)
        parts.append((f, needles(f, fold), fold))
    return LazyPattern(parts, join=en.forms_pattern)


def covered_removed(
    spans: Mapping[str, list[Span]], source: set[str], kept: Set[tuple[str, str]] = frozenset()
) -> dict[str, list[Span]]:
    """``spans`` (concept id → spans) without each span that lies inside a longer span of
    another concept of ``source``, unless the pair (inner, outer) is in ``kept``; concepts left
    with no span are dropped. Names are short, so each span is compared with the few covering
    candidates that start near it."""
    cover = sorted((s, e, cid) for cid in source for s, e, _ in spans.get(cid, []))
    if not cover:
        return dict(spans)
    starts = [s for s, _, _ in cover]
    reach = max(e - s for s, e, _ in cover)
    out: dict[str, list[Span]] = {}
    for cid, found in spans.items():
        keep = []
        for a, b, abbr in found:
            lo, hi = bisect_left(starts, a - reach), bisect_right(starts, a)
            if not any(
                c != cid and s <= a and b <= e and e - s > b - a and (cid, c) not in kept
                for s, e, c in cover[lo:hi]
            ):
                keep.append((a, b, abbr))
        if keep:
            out[cid] = keep
    return out


_BREAK = re.compile(r"[，。；！？,;!?、]|和|与|及|或|以及|并")  # a clause ends, or a list goes on
_JOIN_GAP = 12  # characters between two joined names, other names left out


def joined(source: str, hits: list[Hit]) -> set[tuple[str, str]]:
    """Pairs of concepts (both orders) whose mentions the source writes as one phrase: side by
    side in one clause, with no comma or conjunction between them and at most
    :data:`_JOIN_GAP` other characters (names left out). 可持续公共采购 + 塑料指南 (the guidance
    *Sustainable Public Procurement of Plastics*), 可持续发展目标——促进可持续消费和生产(SDG12)
    ("Sustainable Development Goal 12"), 《…战略》为通过可持续消费和生产: the English may fold
    one into the other's name. 中国政府绿色采购和中国环境标志 is a list: not joined."""
    out: set[tuple[str, str]] = set()
    ordered = sorted(hits, key=lambda h: h.start)
    for i, a in enumerate(ordered):
        gap, end = 0, a.end
        for b in ordered[i + 1 :]:
            piece = source[end : b.start]
            gap += len(piece)
            if gap > _JOIN_GAP or _BREAK.search(piece):
                break
            if a.concept.id != b.concept.id:
                out |= {(a.concept.id, b.concept.id), (b.concept.id, a.concept.id)}
            end = max(end, b.end)
    return out


_TRAILING_NUMBER = re.compile(r"(.*?[^\d\s])\s*(\d+)")  # a name ending in a number: SDG 12
_LIST_SEP = r"(?:\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+)"  # 12, 13 and 17
_NUMERAL = re.compile(r"\d|[一二两三四五六七八九十百千]")


def _merged(at: _Offsets, found: list[tuple[int, int, bool]]) -> list[Span]:
    """Key spans of one concept → text spans, overlapping ones (three pillars inside three
    pillars of action) merged; a merged span is an abbreviation only if all its parts are."""
    if len(found) == 1:  # most concepts are named once in a unit
        s, e, abbr = found[0]
        return [(at(s), at(e - 1) + 1, abbr)]
    out: list[Span] = []
    for s, e, abbr in sorted(found):
        if out and s < out[-1][1]:
            ps, pe, pa = out[-1]
            out[-1] = (ps, max(pe, e), pa and abbr)
        else:
            out.append((s, e, abbr))
    return [(at(s), at(e - 1) + 1, a) for s, e, a in out]


def _letters(s: str) -> str:
    return "".join(c for c in s if c.isalnum())


# -- content words, for glossary English that is a description (verified: false) ----------
_WORD = re.compile(r"[^\W\d_]+(?:['’]s)?")
_STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        """a an the of for on in into to and or by with from at as via its their this that these
        those is are be was were it they which who whose than over under through between about""",
    )
)


_STOPS = "(?:" + "|".join(sorted(_STOPWORDS)) + ")"


def _stem(word: str) -> str:
    """A light English stem: lower case, no possessive or plural ending (technologies =
    technology, Mauritius's = Mauritius). Further inflection is met by :func:`_same_word`."""
    w = word.lower()
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def content_words(text: str) -> list[str]:
    """The stems of the words of ``text`` that carry meaning (stopwords dropped), in order."""
    return [st for st in (_stem(m.group(0)) for m in _WORD.finditer(text)) if st not in _STOPWORDS]


def _same_word(a: str, b: str) -> bool:
    """Two stems of one word: equal, or one starts the other and they share five letters or
    more (mainstream/mainstreaming, circular/circularity, digital/digitalising)."""
    return a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)))


def _missing_words(
    form: str,
    target_words: _Words,
    named_in_target: set[str],
    en_terms: EnglishTerms,
    own: str,
    nested: frozenset[str] = frozenset(),
) -> tuple[list[str], int, list[str], int]:
    """(content words of ``form`` absent from the target, how many content words it has, the
    same two for the words outside the ``nested`` concepts' English).

    A glossary concept named inside ``form`` counts as one word, met by any of its accepted
    forms in the target (sustainable public procurement in the form, SPP in the target)."""
    covered = 0
    rest = outside = form
    for cid, spans in en_terms.spans(form).items():
        if cid == own:
            continue
        for s, e, _ in spans:
            if cid in named_in_target:
                rest = rest[:s] + " " * (e - s) + rest[e:]
                covered += 1
            if cid in nested or cid in named_in_target:
                outside = outside[:s] + " " * (e - s) + outside[e:]
    words, other = list(dict.fromkeys(content_words(rest))), list(dict.fromkeys(content_words(outside)))
    missing = [w for w in words if not _found(w, target_words)]
    return missing, len(words) + covered, [w for w in other if not _found(w, target_words)], len(other)


class _Words:
    """The content-word stems of a translation, asked whether they hold a word by
    :func:`_same_word`: by lookup and bisection, not by comparing with every word."""

    def __init__(self, words: Iterable[str]) -> None:
        self.set = set(words)
        self.sorted = sorted(self.set)

    def has(self, word: str) -> bool:
        if word in self.set:
            return True
        if len(word) < 5:
            return False
        i = bisect_left(self.sorted, word)  # a longer word starting with this one sorts next
        if i < len(self.sorted) and self.sorted[i].startswith(word):
            return True
        return any(word[:k] in self.set for k in range(5, len(word)))  # one it starts with


def _found(word: str, target_words: _Words) -> bool:
    """Whether the target holds ``word``: ``any(_same_word(word, t) for t in target_words)``."""
    return target_words.has(word)


@dataclass(frozen=True)
class Gap:
    """How far a translation is from an unverified concept's descriptive English."""

    missing: list[str]  # content words of the closest accepted form absent from the target
    share: float  # the share of that form's content words found
    unmet: list[tuple[Concept, list[str]]] = field(default_factory=list)  # nested, words missing
    nested: bool = False  # the description holds glossary concepts the source names too
    rest_half: bool = False  # half or more of the words outside them found


def _paraphrase_gap(
    concept: Concept, zh_text: str, target: str, present: set[str], en_terms: EnglishTerms
) -> Gap:
    """For an unverified concept absent by name (``zh_text``: its Chinese as the source has it),
    the gap to the accepted English form the target comes closest to, and the nested glossary
    concepts (:meth:`EnglishTerms.nested`) the target does not render: neither by an accepted
    form nor by the content words the description gives them."""
    target_words = _Words(content_words(target))
    nested = en_terms.nested(concept, zh_text)
    unmet = []
    for other, written in nested:
        if other.id not in present:
            lost = [w for w in dict.fromkeys(content_words(written)) if not _found(w, target_words)]
            if lost:
                unmet.append((other, lost))
    ids = frozenset(c.id for c, _ in nested)
    best: Gap | None = None
    for t in concept.terms_in("en", Status.PREFERRED, Status.ADMITTED):
        missing, total, lost, others = _missing_words(
            t.text, target_words, present, en_terms, concept.id, ids
        )
        share = 1 - len(missing) / total if total else 0.0
        if best is None or share > best.share:
            best = Gap(missing, share, unmet, bool(nested), 2 * len(lost) <= others)
    return best if best is not None else Gap([], 0.0, unmet, bool(nested))


def paraphrase_severity(gap: Gap) -> str | None:
    """The policy for unverified concepts: None (a faithful paraphrase: every content word, or
    all but one of four or more), WARNING (half or more of them), ERROR (fewer than half: the
    concept is not rendered).

    A description holding glossary concepts that the source's Chinese holds too (a title
    《毛里求斯建筑业可持续采购概述》 with 可持续采购 in it) is held to those concepts: each is
    rendered (an accepted form, or the content words the description gives it) or the unit is
    at least a warning naming it; once they all are, the rest is the paraphrase's freedom and
    half its content words are enough ("harnessing public procurement to tackle the climate
    challenge" for "using public procurement to address the climate challenge")."""
    if gap.nested and not gap.unmet and gap.rest_half:
        return None
    if not gap.missing or (len(gap.missing) == 1 and gap.share >= 0.75):
        return WARNING if gap.unmet else None
    return WARNING if gap.share >= 0.5 else ERROR


# -- a term inside a longer word -----------------------------------------------------------
# Chinese makes agent and place nouns of a common noun with a bound suffix: 采购 "procurement",
# 采购商/采购者/采购方/采购人/采购员 "buyer, purchaser". The longer word is another concept (public
# buyers are no public procurement), so its rendering does not hold the shorter term's English.
# A suffix character that begins a word of its own is a compound instead (公共采购商品 "public
# procurement of goods", 公共采购方面 "in public procurement"): the term is still there.
_BOUND = frozenset("商者方人员家国师户")
_WORD_AFTER = frozenset(
    re.findall(
        r"\S+",
        """商品 商业 商务 商会 商标 商店 商场 商机 商定 方面 方式 方法 方案 方向 方针 方便 方可 人类
        人民 人口 人权 人力 人工 人体 人们 国家 国际 国内 国外 国有 国情 家庭 家具 家电 家居 家用 户外
        师范""",
    )
)


# Two-character heads that make an agent noun the same way: 公共采购机构 "public procurers,
# procuring entities", 采购单位 "procuring entity" (an English rendering need not hold the term).
_BOUND_WORDS = frozenset({"机构", "单位"})


def bound_at(text: str, end: int) -> bool:
    """True when the character at ``end`` is a bound suffix continuing the word before it
    (商 in 公共采购商, 机构 in 公共采购机构), not the start of a word of its own (商品, 方面)."""
    two = text[end : end + 2]
    return two in _BOUND_WORDS or (text[end : end + 1] in _BOUND and two not in _WORD_AFTER)


def rendered_hits(hits: list[Hit], source: str) -> list[Hit]:
    """The hits a translation must render: a common-noun concept (type ``concept``) followed
    by a bound suffix is part of an agent or place noun, another concept, and is left out.
    Names (organisations, places, programmes...) keep their hit: 中国人 is still China's."""
    return [h for h in hits if h.concept.type != "concept" or not bound_at(source, h.end)]


class TermMissing(Rule):
    id = "term-missing"
    severity_why = """
        Error: the glossary is the series' agreed English, so a concept rendered otherwise is
        wrong. For concepts with `verified: false` (descriptive English) a paraphrase missing
        some content words is a warning, since a reviser must judge whether the meaning is
        kept; one with fewer than half of them is an error.
        """
    title = "Glossary term in the source, none of its English forms in the target"
    severity = ERROR
    uses_glossary = True
    impact_by_concept = True  # term is the concept id: glossary impact counts changed concepts only
    what = """
        The Chinese source contains a glossary concept (longest match: 采购 inside 可持续公共采购
        is not a separate hit) and the English contains none of its accepted forms: preferred,
        admitted or abbreviation. Matching tolerates capitals, plurals and possessives, and
        hyphen, en dash or space between words (life-cycle, life cycle). Deprecated Chinese
        variants count as their concept (十年框架方案 expects 10YFP).

        Concepts marked `verified: false` have no attested English name: their English is a
        description, and a faithful paraphrase is right. For them the content words are
        required, not the phrase: stopwords dropped, plural and inflection free (technology =
        technologies, mainstream = mainstreaming), word order free, a glossary concept inside
        the description met by any of its forms (SPP for sustainable public procurement). Every
        content word, or all but one of four or more, is clean; half or more is a warning that
        names the missing words; fewer than half is an error (the concept is not rendered).
        A description holding glossary concepts whose Chinese the source's term holds too (a
        title 《毛里求斯建筑业可持续采购概述》 with 可持续采购 in it) is held to those: each is
        rendered by an accepted form or by the content words the description gives it, else a
        warning names it ("green procurement" in the title's paraphrase); once they all are,
        half the other content words make a faithful paraphrase. A verified title's English is
        the whole evidence: the terms inside it are its wording.

        Counted where it is: English inside the English of a longer concept the source also
        names renders that concept, not the shorter one ("UNEP" in "UNEP Economy Division",
        "China" in "China Environmental Label"), as the source's longest match gives the shorter
        term no hit of its own inside the longer one; unless the source writes the two as one
        phrase (side by side in a clause, no comma or conjunction between: 可持续公共采购塑料指南
        → "Sustainable Public Procurement of Plastics"). Also rendered: a common-noun term with
        one modifier before its head ("sustainable public food procurement"); not required: a
        term inside an agent noun (公共采购商, 公共采购机构 "public procurers"). Markup the
        placeholders do not know (<u>, <br/>) splits no term. A concept named only inside a
        longer name and then by its head noun ("the Asia Pacific Green Public Procurement
        Network … in the region" for 亚太地区) is rendered: a back-reference within the unit.
        A deprecated or forbidden form of a concept nested in the source's term is
        term-forbidden's one finding.
        """
    why = """
        The glossary is the series' agreed English: a concept translated freely in one place
        ("green buying" for 可持续公共采购) reads as a different thing, and readers and search
        engines no longer find it. A description is not a name, so only its meaning is held to;
        a partial paraphrase may be right or may drop part of the meaning, which a reviser
        decides (warning), while a rendering with little of the description is wrong (error).
        """
    example = """
        `可持续公共采购是推动变革的有力杠杆。` translated as "Green buying is a powerful lever
        for change.":

            x.po:2:1: term-missing 可持续公共采购 (spp) is not translated as
            sustainable public procurement (SPP)

        `利用数字技术促进循环经济的新倡议` (unverified) translated as "a new initiative to use
        digital technology to promote the circular economy": clean.

        Fix: use the suggested English, or add a missing accepted form to the glossary.
        Suppress one unit with the PO flag `#, ignore-term-missing`.
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if unit.target is None or unit.english_source:
            return
        source = strip(unit.key)
        hits = rendered_hits(ctx.zh_matcher.find(source), source)
        if not hits:
            return
        target = strip(unit.target)
        when = ctx.when(unit)
        _, bad = ctx.en_terms.scan(target, when)
        present = set(ctx.en_terms.own_spans(target, source, hits, when))
        inside = ctx.en_terms.spans(target, when)  # with the names inside longer names
        # A concept whose deprecated/forbidden English is used is reported by term-forbidden, one
        # whose abbreviation is misspelt (BMUUV) by term-abbreviation.
        seen: set[str] = {c.id for _, _, _, c in bad}
        misspelt = misspelt_abbreviations(target, [h.concept for h in hits], present, ctx.glossary)
        seen |= {c.id for _, _, c, _ in misspelt}
        for hit in hits:
            c = hit.concept
            if c.id in seen:
                continue
            seen.add(c.id)
            if c.id in present or ctx.en_terms.in_coordination(c, target):
                continue
            if ctx.en_terms.interrupted(c, target):
                continue
            if c.id in inside and _head_mentions(target, c, inside[c.id]):
                continue  # named inside a longer name, then "the region": a back-reference
            if any(n.id in seen and n.id not in present for n, _ in ctx.en_terms.nested(c, hit.text)):
                continue  # a wrong form of a name inside it: term-forbidden's one finding
            severity: str | None = ERROR
            english = _english_at(c, ctx, when)
            message = f"{hit.text} ({c.id}) is not translated as {english[0]}"
            if not c.verified:
                gap = _paraphrase_gap(c, hit.text, target, present, ctx.en_terms)
                severity = paraphrase_severity(gap)
                unmet = "".join(
                    f"; the term {n.zh} ({n.id}) inside it is not rendered (no {', '.join(lost)})"
                    for n, lost in gap.unmet
                )
                message += (
                    f" (unverified, descriptive English: {gap.share:.0%} of its content words found"
                    + (f", missing {', '.join(gap.missing)}" if gap.missing else "")
                    + f"{unmet})"
                )
            if severity is not None:
                yield self.finding(
                    unit,
                    message,
                    term=c.id,
                    suggestion=english[1],
                    severity=severity,
                    side="source",
                    span=unstripped(unit.key, hit.start, hit.end),
                )


def follows_glossary(unit: CheckUnit, ctx: Context) -> bool:
    """True when the unit's English renders every concept of its Chinese as term-missing
    requires (an accepted form; for unverified concepts a faithful paraphrase) and uses no
    deprecated or forbidden form: the glossary's judgement of one translation."""
    source, target = strip(unit.key), strip(unit.target or "")
    when = ctx.when(unit)
    _, bad = ctx.en_terms.scan(target, when)
    if bad:
        return False
    hits = rendered_hits(ctx.zh_matcher.find(source), source)
    present = set(ctx.en_terms.own_spans(target, source, hits, when))
    for hit in hits:
        c = hit.concept
        if c.id in present or ctx.en_terms.in_coordination(c, target) or ctx.en_terms.interrupted(c, target):
            continue
        if c.verified or paraphrase_severity(_paraphrase_gap(c, hit.text, target, present, ctx.en_terms)):
            return False
    return True


def _english_at(concept: Concept, ctx: Context, when: Period | None) -> tuple[str, str]:
    """(label, preferred English) of ``concept`` at a bulletin's date: the English label, or the
    preferred term valid then when the concept's name has changed since."""
    term = ctx.en_terms.timeline.preferred(concept, "en", when)
    if term is None or term.text == concept.en:
        return concept.english_label(), concept.en
    return term.text, term.text


class TermForbidden(Rule):
    id = "term-forbidden"
    severity_why = """
        Error: a forbidden form, or a deprecated one alone, names the concept wrongly. Warning
        for a deprecated form beside an accepted one ("UNEP, formerly UN Environment"): usually
        a deliberate mention of the old name, which a reviser may keep. An accepted form inside
        the deprecated one is not beside it, and the concept's being unverified changes nothing:
        a known-wrong former form stays wrong when the preferred one is absent.
        """
    title = "Deprecated or forbidden English term in the target"
    severity = ERROR
    uses_glossary = True
    impact_level = WARNING  # a newly deprecated form is a warning, and glossary impact shows it
    what = """
        The English uses a form the glossary marks forbidden or deprecated, e.g. "SPP Program",
        "Framework for Programmes", "UN Environment". A forbidden form is an error; so is a
        deprecated one, unless the unit also names the concept by an accepted form ("the United
        Nations Environment Programme (UNEP, formerly UN Environment)"), which is a warning;
        an accepted form inside the deprecated one does not count ("Circular Built Environment"
        in "Circular Built Environment programme" is an error, verified concept or not). A
        form inside an accepted form of the same concept is not reported ("UN Environment"
        inside "UN Environment Programme"). A bad form that differs from an accepted form of
        its concept only by case matches as written and wins ("Friends of Sustainable
        Consumption and Production" is deprecated, "friends of sustainable consumption and
        production" admitted). The concept is then not reported again by term-missing: one
        finding for one wrong name.
        """
    why = """
        Forbidden forms are wrong names (US spelling of a UN programme, an outdated title).
        A deprecated form alone is the concept under a name it no longer has, so the unit is
        wrong and must fail CI; beside the right name it is usually a deliberate mention of the
        old name, which a reviser may keep.
        """
    example = """
        "The SPP Program published its annual report.":

            x.po:3:5: term-forbidden 'SPP Program' is forbidden (UN house style spells
            "programme"); use 'One Planet network Sustainable Public Procurement Programme'

        Fix: use the preferred English the message suggests.
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target or unit.english_source:
            return
        when = ctx.when(unit)
        bad = ctx.en_terms.scan(strip(unit.target), when)[1]
        spans = ctx.en_terms.spans(strip(unit.target), when) if bad else {}
        for start, end, term, concept in bad:
            # An accepted form counts only outside the concept's bad forms: the preferred
            # "Circular Built Environment" inside the deprecated "… programme" is no second name.
            alongside = term.status is not Status.FORBIDDEN and any(
                not any(c2 is concept and b0 <= s and e <= b1 for b0, b1, _, c2 in bad)
                for s, e, _ in spans.get(concept.id, [])
            )
            why = f" ({term.note})" if term.note else ""
            also = "; the unit also has an accepted form" if alongside else ""
            use = _english_at(concept, ctx, when)[1]
            # a name of another time says when it was used ('was used 2017–2019; since 2020: …')
            dated = out_of_time(term, concept, use, when, ctx.en_terms.timeline, "'", term.note)
            said = dated or f"is {term.status.value}{why}; use '{use}'"
            span = unstripped(unit.target, start, end)
            # Fixed only where the words are the glossary's form exactly (no plural or possessive
            # the preferred form would have to take over).
            exact = unit.target[span[0] : span[1]] == term.text and bool(use)
            yield self.finding(
                unit,
                f"'{term.text}' {said}{also}",
                term=f"{concept.id}:{term.text}",
                suggestion=use,
                severity=WARNING if alongside else ERROR,
                side="target",
                span=span,
                fix=Fix(span[0], span[1], use) if exact else None,
            )


class TermCount(Rule):
    severity_why = """
        Error: pronouns, head nouns ("the network") and abbreviations count as renderings, so a
        mention left over is one the English renders as something else: a mistranslation.
        """
    id = "term-count"
    title = "Concept named more often in the source than rendered in the target"
    severity = ERROR
    uses_glossary = True
    impact_by_concept = True
    what = """
        The Chinese names a glossary concept two or more times, in distinct places (not one
        stretch pasted twice), and the English renders it fewer times, though at least once. A
        mention is a term of the concept: the same term repeated, or its full name and then its
        short form (中环联合认证中心 … 中环联合); not a second mention: a short title defined in
        brackets (简称《…》), a short form in brackets right after the name (联合国环境规划署
        （环境署）), a short form of a publication beside its full title, and a variant inside a
        title (the title's wording).
        Renderings counted: every accepted form (preferred, admitted, abbreviation), an
        abbreviation in brackets after the name excepted; "the/this/its + the head noun of a form"
        ("the network", "the Programme", "the guidelines"), the head noun and a number ("… and
        Goal 13") and pronouns of the concept's number beyond the Chinese's own (it, and "Its"
        starting a sentence, for a singular name; they, them, "Their" for a plural one), each
        for one mention of one concept ("them" for the governments is no mention of the
        network; 该机构 rendered "It" renders 该机构, and 这也… rendered "It also…" renders 这,
        not the name; "it is necessary to…", "it is expected that…" stand for nothing). A
        capitalised head noun that begins another name ("the Programme on Sustainable
        Lifestyles", "the Network for Business Sustainability") is no mention. A mid-sentence
        "its" ("their") renders a name the Chinese repeats as a possessor (亚太绿色公共采购网的
        工作计划 → "its workplan"), once per such mention. "The former" and "the latter" are
        singular pronouns; "the organization" (institution, body) renders an organization.
        A mention inside the English of a longer concept the source names is that concept's,
        as for term-missing.
        Not reported when the English has fewer sentences than the Chinese (two sentences
        merged, so one mention may carry both), when it is far shorter than the Chinese (a
        dropped clause: the omission rule's finding), and not for concepts term-missing or
        term-forbidden report.
        """
    why = """
        A second mention translated as something else ("the Asian Ecolabelling Network" for
        the second 亚太绿色公共采购网) is a mistranslation that the name rules cannot see: the
        name is there once, so term-missing is satisfied. Pronouns, head nouns and abbreviations
        on second use are normal English and are counted, so what is left is wrong (error).
        """
    example = """
        `亚太绿色公共采购网召开首次会议。亚太绿色公共采购网由UNEP发起。` translated as "The Asia
        Pacific Green Public Procurement Network held its first meeting. The Asian Ecolabelling
        Network was launched by UNEP.":

            x.po:5:1: term-count 亚太绿色公共采购网 (ap-gpp-network) occurs 2 times in the
            source, rendered 1 time: Asia Pacific Green Public Procurement Network

        Fix: render every mention (a pronoun or "the network" is enough).
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target or unit.english_source:
            return
        source = strip(unit.key)
        hits = rendered_hits(ctx.zh_matcher.find(source), source)
        counts = _repeats(source, hits)
        twice = set(counts)
        if not twice:
            return
        target = strip(unit.target)
        when = ctx.when(unit)
        _, bad = ctx.en_terms.scan(target, when)
        spans = ctx.en_terms.own_spans(target, source, hits, when)
        twice -= {c.id for _, _, _, c in bad}
        twice &= set(spans)
        if twice and "(" in target:  # a wrong name beside the abbreviation: term-abbreviation's
            twice -= {c.id for w in misnamed(target, ctx.en_terms, ctx.glossary, when) for c in w.owners}
        if not twice or len(en.sentences(target)) < len(zh.sentences(source)) or _short_for(source, target):
            return
        pronouns = _free_pronouns(source, target, hits)
        for hit in hits:
            c = hit.concept
            if c.id not in twice:
                continue
            twice.discard(c.id)
            named = spans.get(c.id, [])
            mentions = _mentions(target, named)
            rendered = mentions + _head_mentions(target, c, named, generic=True)
            # A pronoun stands for one mention of one concept: those of the concept's number
            # (it/its, they/them/their) not spent on the Chinese's own 该/它们 or another concept.
            plural = _plural(c)
            count, terms = counts[c.id]
            used = min(pronouns[plural], max(0, count - rendered))
            pronouns[plural] -= used
            rendered += used
            if rendered < count:
                said = f"occurs {count} times"
                if len(terms) > 1:
                    said = f"is named {count} times ({', '.join(terms)})"
                yield self.finding(
                    unit,
                    f"{terms[0]} ({c.id}) {said} in the source, rendered "
                    f"{mentions} time{'s' if mentions != 1 else ''}: {c.english_label()}",
                    term=c.id,
                    suggestion=c.en,
                    side="source",
                    span=unstripped(unit.key, hit.start, hit.end),
                )


def _repeats(source: str, hits: list[Hit]) -> dict[str, tuple[int, list[str]]]:
    """Concept id → (how often the source names it, by which Chinese terms), for concepts
    named twice or more: by one term repeated, or by several terms of the concept (the full
    name, then its short form: 中环联合认证中心 … 中环联合), whichever counts more. Not
    mentions: a short title defined in brackets (简称《塑料采购指南》), a short form in brackets
    right after the name (联合国环境规划署（环境署）), and a publication's short form beside its
    full title (titles are counted by one term). Occurrences whose surroundings are identical
    too are one stretch of the source pasted twice (a slip of the Chinese), translated once,
    and are not counted."""
    by_term: dict[tuple[str, str], list[Hit]] = {}
    by_concept: dict[str, list[Hit]] = {}
    last_end: dict[str, int] = {}
    titles = [m.span() for m in _TITLE.finditer(source)] if "《" in source else []
    for h in hits:
        if _SHORT_TITLE.search(source, max(0, h.start - 6), h.start):
            continue
        by_term.setdefault((h.concept.id, h.text), []).append(h)
        end = last_end.get(h.concept.id)
        last_end[h.concept.id] = h.end
        if h.concept.type == "publication" or (end is not None and source[end : h.start] in ("(", "（")):
            continue
        if not any(a < h.start and h.end < b for a, b in titles):  # a title's wording is the title's
            by_concept.setdefault(h.concept.id, []).append(h)
    out: dict[str, tuple[int, list[str]]] = {}
    groups = [(cid, same) for (cid, _), same in by_term.items()]
    groups += [(cid, every) for cid, every in by_concept.items() if len({h.text for h in every}) > 1]
    for cid, same in groups:
        contexts = {(source[max(0, h.start - 4) : h.start], source[h.end : h.end + 4]) for h in same}
        if len(same) >= 2 and len(contexts) > 1 and len(same) > out.get(cid, (0, []))[0]:
            out[cid] = (len(same), list(dict.fromkeys(h.text for h in same)))
    return out


def _free_pronouns(source: str, target: str, hits: list[Hit]) -> dict[bool, int]:
    """English pronouns left to render named mentions, singular (it, its) and plural (they,
    them, their; key True): those beyond the Chinese's own pronouns and demonstratives (该机构
    → "It", 它们 → "they" render those, not a second mention of a name). A mid-sentence "its"
    or "their" counts where the Chinese repeats a name as a possessor (亚太绿色公共采购网的工作
    计划 → "its workplan"), once for each such repeated mention; elsewhere it is the English's
    own ("held its first meeting")."""
    singular = len(_PRONOUN_SG.findall(target)) - len(_DUMMY_IT.findall(target))
    singular += len(_FORMER_LATTER.findall(target))  # "the latter": one of two names before
    plural = len(_PRONOUN_PL.findall(target))
    seen: set[str] = set()
    possessors = {False: 0, True: 0}
    for h in sorted(hits, key=lambda h: h.start):
        if h.concept.id in seen and source.startswith("的", h.end):
            possessors[_plural(h.concept)] += 1
        seen.add(h.concept.id)
    if possessors[False]:
        singular += min(possessors[False], len(_ITS.findall(target)))
    if possessors[True]:
        plural += min(possessors[True], len(_THEIR.findall(target)))
    return {
        False: max(0, singular - len(_ZH_ANAPHOR_SG.findall(source))),
        True: max(0, plural - len(_ZH_ANAPHOR_PL.findall(source))),
    }


_FORMER_LATTER = re.compile(r"\b[Tt]he\s+(?:former|latter)\b")
_ITS, _THEIR = re.compile(r"\bits\b"), re.compile(r"\btheir\b")  # in lower case: mid-sentence


def _plural(concept: Concept) -> bool:
    """The concept's preferred English is a plural: its head noun ends in s (Sustainable
    Development Goals, nationally determined contributions; not Programme, Network, Process)."""
    w = re.sub(r"['’]s$", "", _head_word(concept.en))
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is"))


_TITLE = re.compile(r"《[^《》]{0,200}》")
# 这 as a pronoun (这也成为…, 这是…: "It has become…"), not as a determiner (这项服务, 这一挑战).
_ZH_ANAPHOR_SG = re.compile(r"它(?!们)|该|这(?=[也是将就使为已既还都便又会可能])")
_ZH_ANAPHOR_PL = re.compile(r"它们|他们|她们")
_SHORT_TITLE = re.compile(r"简称[“《\"]?$")  # (简称《…》), (以下简称“…”): a short name being defined
# A possessive renders a mention at a sentence's start ("Its members" for 国际绿色采购网的成员);
# "held its first meeting" beside the name renders none. Its/Their + a head noun: counted here.
_PRONOUN_SG = re.compile(r"\b[Ii]t\b|(?:^|(?<=[.!?;:]\s))Its\b")
# "It is necessary for governments to …", "it is expected that …": an "it" standing for nothing.
_DUMMY_IT = re.compile(
    r"\b[Ii]t\s+(?:is|was|will\s+be|would\s+be|has\s+been|had\s+been)\s+"
    r"(?:(?:also|very|particularly|especially|therefore|thus|now|increasingly)\s+)?"
    r"(?:(?:important|necessary|essential|vital|crucial|critical|difficult|possible|impossible|clear"
    r"|urgent|imperative|worth\s+noting|noteworthy)\s+(?:that|to|for)"
    r"|(?:expected|estimated|hoped|recommended|noted|reported|believed|understood)\s+that)\b"
)
_PRONOUN_PL = re.compile(r"\b(?:[Tt]hey|[Tt]hem)\b|(?:^|(?<=[.!?;:]\s))Their\b")
_DETERMINED = re.compile(
    r"\b(?:the|this|that|these|those|(?<![.!?;:]\s)(?<!^)its|(?<![.!?;:]\s)(?<!^)their|such)\s+(?=[“\"‘']?([^\W\d_]+))",
    re.IGNORECASE,  # a lookahead: "that the secretariat" holds "the secretariat"
)


def _mentions(text: str, named: list[Span]) -> int:
    """Mentions by name: an abbreviation in brackets right after the name is the same mention
    ("International Green Purchasing Network (IGPN)")."""
    n = 0
    prev_end = -1
    for s, e, abbr in named:
        if not (abbr and prev_end >= 0 and text[prev_end:s].strip() == "("):
            n += 1
        prev_end = e
    return n


def _head_mentions(text: str, concept: Concept, named: list[Span], generic: bool = False) -> int:
    """Mentions by a determiner and the head noun of one of the concept's English forms
    ("the network", "the Programme", "the guidelines" for global guidelines for procurement
    of …), or by the head noun and a number ("Sustainable Development Goal 12 … and Goal 13":
    可持续发展目标13 rendered in a coordination), outside the spans where it is named in full."""
    heads = {h for t in concept.terms_in("en", Status.PREFERRED, Status.ADMITTED) if (h := _head(t.text))}
    if generic and concept.type == "organisation":
        heads |= _GENERIC_HEADS  # "the organization" for the institute named before
    if not heads:
        return 0
    n = 0
    for m in _DETERMINED.finditer(text):
        if _stem(m.group(1)) in heads and not any(s <= m.start(1) < e for s, e, _ in named):
            if m.group(1)[0].isupper() and _NAME_GOES_ON.match(text, m.end(1)):
                continue  # "the Programme on Sustainable Lifestyles": another name
            n += 1
    for m in _NUMBERED_HEAD.finditer(text):
        if _stem(m.group(1)) in heads and not any(s <= m.start(1) < e for s, e, _ in named):
            n += 1
    return n


_GENERIC_HEADS = frozenset({"organization", "organisation", "institution", "body"})
_NAME_GOES_ON = re.compile(r"\s+(?:of|for|on)\s+(?:the\s+)?[A-Z]")  # a capitalised head begins a name
_NUMBERED_HEAD = re.compile(r"\b([A-Z][a-z]+)\s+\d")  # Goal 13, Target 12.7


def _head(form: str) -> str:
    """The head noun of an English name (:func:`_head_word`), stemmed."""
    w = _head_word(form)
    return _stem(w) if w else ""


def _head_word(form: str) -> str:
    """The head noun of an English name as written, lower case: its last word before the
    first preposition (guidelines in "global guidelines for procurement of …")."""
    head = ""
    for m in _WORD.finditer(form):
        w = m.group(0).lower()
        if w in _STOPWORDS:
            if head:
                break
            continue
        head = w
    return head


def _short_for(source: str, target: str) -> bool:
    """True when the English is far shorter than the Chinese predicts (fewer than two letters
    per ideograph; the series never goes below 2.4): a dropped clause, for the omission rule."""
    return sum(c.isalpha() for c in target) < 2 * zh.count_ideographs(source)


class SourceVariant(Rule):
    severity_why = """
        Info: the finding is about the Chinese, which the translator does not change; it is
        information for the terminologist and the editors, not a translation error. A correct
        translation of a variant source is a correct translation: info findings fail no CI
        (not even `--fail-level warning`) and the corpus measure (bench/check_quality.py)
        does not count them as flagging a unit.
        """
    id = "source-variant"
    title = "Deprecated Chinese variant in the source"
    severity = INFO
    source_only = True
    reads_english = False  # about the Chinese: reported even where Chinese is left in the English
    once_per_source = True
    uses_glossary = True
    what = """
        The Chinese uses a variant or erroneous form recorded as deprecated in the glossary
        (十年框架方案, 经济与合作组织, 全球述评…). Runs on source_zh/*.md and on the sources of
        PO/XLIFF units (once per block when both are checked).
        """
    why = """
        For editors and the terminologist: the source is reported, not changed. The
        translation should still use the concept's right English (term-missing holds it to
        that), and a translator who trusts the variant may not find the term. Run
        `sppterm check --rule source-variant --fail-level info` to list them as failures.
        """
    example = """
        `十年框架方案理事会召开会议。`:

            source_zh/2022-04.md:4:1: source-variant source uses 十年框架方案理事会, a deprecated
            variant of 十年方案框架理事会

        Fix: nothing in the translation; tell the editors of the Chinese bulletin.
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        when = ctx.when(unit)
        timeline = ctx.en_terms.timeline
        for hit in ctx.zh_matcher.find(strip(unit.key)):
            if timeline.status(hit.term, when) is Status.DEPRECATED:
                why = f" ({hit.term.note})" if hit.term.note else ""
                now = timeline.preferred(hit.concept, "zh", when)
                now_text = now.text if now is not None else hit.concept.zh
                dated = out_of_time(hit.term, hit.concept, now_text, when, timeline, "", hit.term.note)
                said = f"which {dated}" if dated else f"a deprecated variant of {now_text}{why}"
                yield self.finding(
                    unit,
                    f"source uses {hit.text}, {said}",
                    term=f"{hit.concept.id}:{hit.text}",
                    suggestion=now_text,
                    side="source",
                    span=unstripped(unit.key, hit.start, hit.end),
                )
