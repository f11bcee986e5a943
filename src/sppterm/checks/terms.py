"""Terminology rules: term-missing, term-forbidden, source-variant."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate

import ahocorasick_rs

from sppterm import en
from sppterm.checks.base import ERROR, WARNING, CheckUnit, Context, Finding, Rule
from sppterm.glossary.model import Concept, Glossary, Status, Term
from sppterm.placeholders import strip

_ALNUM = re.compile(r"[^\W_]+")


def alnum_key(text: str) -> str:
    """Letters and digits of ``text`` in lower case.

    Not :func:`sppterm.zh.skeleton` (NFKC-folded, for comparing headings): nothing is
    normalised here, so the k-th character of the key is the k-th letter or digit of ``text``
    (:func:`_text_offset` maps reported spans back that way).

    Matching on this key makes case, hyphens, en dashes, spaces and punctuation between
    words irrelevant (life-cycle = life cycle = lifecycle; ICLEI – Local = ICLEI-Local).
    """
    return "".join(_ALNUM.findall(text)).lower()


def _text_offset(text: str, k: int) -> int:
    """Position in ``text`` of the k-th letter or digit (only for the rare reported spans)."""
    seen = 0
    for m in _ALNUM.finditer(text):
        n = m.end() - m.start()
        if seen + n > k:
            return m.start() + (k - seen)
        seen += n
    return len(text)


class EnglishTerms:
    """The English side of the glossary as one automaton over the letters and digits of every English
    form (accepted, deprecated, forbidden, abbreviations): one pass over a translation tells
    which concepts it names and which bad forms it uses, whatever the glossary's size."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
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
        self._numbered: dict[str, re.Pattern[str] | None] = {}
        self._last: tuple[str, tuple[set[str], list[tuple[int, int, Term, Concept]]]] | None = None
        self._keys = list(entries)
        self._entries = entries
        self._auto = (
            ahocorasick_rs.AhoCorasick(self._keys, matchkind=ahocorasick_rs.MatchKind.Standard)
            if entries
            else None
        )

    def scan(self, text: str) -> tuple[set[str], list[tuple[int, int, Term, Concept]]]:
        """(ids of concepts named by an accepted form, bad uses as (start, end, term, concept)).

        term-missing, term-forbidden and number all ask about the same translation in turn:
        the last result is kept so each unit is scanned once."""
        if self._last is not None and self._last[0] == text:
            return self._last[1]
        result = self._scan(text)
        self._last = (text, result)
        return result

    def _scan(self, text: str) -> tuple[set[str], list[tuple[int, int, Term, Concept]]]:
        if self._auto is None:
            return set(), []
        runs = _ALNUM.findall(text)
        raw = "".join(runs)
        skel = raw.lower()
        ends = list(accumulate(map(len, runs)))
        run_ends = set(ends)
        run_starts = {0, *ends}
        accepted: dict[str, list[tuple[int, int]]] = {}
        bad = []
        for i, s, e in self._auto.find_matches_as_indexes(skel, overlapping=True):
            if s not in run_starts:
                continue  # starts inside a word
            if e not in run_ends:
                rest = raw[e : ends[bisect_left(ends, e)]]
                if rest not in ("s", "es"):
                    continue  # ends inside a word (a plural is fine)
            for c, letters, status, term in self._entries[self._keys[i]]:
                if letters is not None and raw[s:e] != letters:
                    continue
                if status.accepted:
                    accepted.setdefault(c.id, []).append((s, e))
                elif term is not None:  # always: only abbreviations have no Term, and they are admitted
                    bad.append((s, e, term, c))
        # A bad form inside an accepted form of its concept is fine (UN Environment Programme).
        bad = [
            (_text_offset(text, s), _text_offset(text, e - 1) + 1, t, c)
            for s, e, t, c in bad
            if not any(a <= s and e <= b for a, b in accepted.get(c.id, []))
        ]
        return set(accepted), bad

    def bad_uses(self, text: str) -> list[tuple[int, int, Term, Concept]]:
        return self.scan(text)[1]

    def numbered_forms(self, concept: Concept) -> re.Pattern[str] | None:
        """Pattern for the English forms of ``concept`` when its name holds a number (十年方案框架
        = 10YFP, 四大支柱行动 = four pillars, 2030年议程 = 2030 Agenda): those numbers are names.
        None when the concept has no number in its name."""
        if concept.id not in self._numbered:
            english = [t.text for t in concept.terms if t.lang == "en"] + concept.abbr
            if any(_NUMERAL.search(t.text) for t in concept.terms if t.lang == "zh"):
                forms = english
            else:
                forms = [f for f in english if re.search(r"\d", f)]
            self._numbered[concept.id] = en.compile_forms(forms) if forms else None
        return self._numbered[concept.id]


_NUMERAL = re.compile(r"\d|[一二两三四五六七八九十百千]")


def _letters(s: str) -> str:
    return "".join(c for c in s if c.isalnum())


class TermMissing(Rule):
    id = "term-missing"
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
        """
    why = """
        The glossary is the series' agreed English: a concept translated freely in one place
        ("green buying" for 可持续公共采购) reads as a different thing, and readers and search
        engines no longer find it.
        """
    example = """
        `可持续公共采购是推动变革的有力杠杆。` translated as "Green buying is a powerful lever
        for change.":

            x.po:2:1: term-missing 可持续公共采购 (spp) is not translated as
            sustainable public procurement (SPP)

        Fix: use the suggested English, or add a missing accepted form to the glossary.
        Suppress one unit with the PO flag `#, ignore-term-missing`.
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if unit.target is None or unit.english_source:
            return
        hits = ctx.zh_matcher.find(strip(unit.key))
        if not hits:
            return
        present, bad = ctx.en_terms.scan(strip(unit.target))
        # A concept whose deprecated/forbidden English is used is reported by term-forbidden.
        seen: set[str] = {c.id for _, _, _, c in bad}
        for hit in hits:
            c = hit.concept
            if c.id in seen:
                continue
            seen.add(c.id)
            if c.id not in present:
                yield self.finding(
                    unit,
                    f"{hit.text} ({c.id}) is not translated as {c.english_label()}",
                    term=c.id,
                    suggestion=c.en,
                    column=hit.start + 1,
                )


class TermForbidden(Rule):
    id = "term-forbidden"
    title = "Deprecated or forbidden English term in the target"
    severity = ERROR
    uses_glossary = True
    impact_level = WARNING  # a newly deprecated form is a warning, and glossary impact shows it
    what = """
        The English uses a form the glossary marks forbidden (error) or deprecated (warning),
        e.g. "SPP Program" or "Framework for Programmes". A form inside an accepted form of the
        same concept is not reported ("UN Environment" inside "UN Environment Programme").
        """
    why = """
        Forbidden forms are wrong names (US spelling of a UN programme, an outdated title);
        deprecated ones are on their way out. Either makes the series inconsistent with the
        organisations' own usage.
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
        for start, _end, term, concept in ctx.en_terms.bad_uses(strip(unit.target)):
            sev = ERROR if term.status is Status.FORBIDDEN else WARNING
            why = f" ({term.note})" if term.note else ""
            yield self.finding(
                unit,
                f"'{term.text}' is {term.status.value}{why}; use '{concept.en}'",
                term=f"{concept.id}:{term.text}",
                suggestion=concept.en,
                severity=sev,
                column=start + 1,
            )


class SourceVariant(Rule):
    id = "source-variant"
    title = "Deprecated Chinese variant in the source"
    severity = WARNING
    source_only = True
    once_per_source = True
    uses_glossary = True
    what = """
        The Chinese uses a variant or erroneous form recorded as deprecated in the glossary
        (十年框架方案, 经济与合作组织, 全球述评…). Runs on source_zh/*.md and on the sources of
        PO/XLIFF units (once per block when both are checked).
        """
    why = """
        For editors: the source is reported, not changed. The translation should still use the
        concept's right English, and a translator who trusts the variant may not find the term.
        """
    example = """
        `十年框架方案理事会召开会议。`:

            source_zh/2022-04.md:4:1: source-variant source uses 十年框架方案理事会, a deprecated
            variant of 十年方案框架理事会

        Fix: nothing in the translation; tell the editors of the Chinese bulletin.
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        for hit in ctx.zh_matcher.find(strip(unit.key)):
            if hit.term.status is Status.DEPRECATED:
                why = f" ({hit.term.note})" if hit.term.note else ""
                yield self.finding(
                    unit,
                    f"source uses {hit.text}, a deprecated variant of {hit.concept.zh}{why}",
                    term=f"{hit.concept.id}:{hit.text}",
                    suggestion=hit.concept.zh,
                    column=hit.start + 1,
                )
