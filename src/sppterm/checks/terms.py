"""Terminology rules: term-missing, term-forbidden, source-variant."""

from __future__ import annotations

import re
from collections.abc import Iterable

import ahocorasick

from sppterm import en
from sppterm.checks.base import ERROR, WARNING, CheckUnit, Context, Finding, Rule
from sppterm.glossary.model import Concept, Glossary, Status
from sppterm.units.placeholders import strip


class EnglishTerms:
    """English side of the glossary: accepted-form patterns per concept (compiled on first
    use) and one automaton over every deprecated or forbidden form."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._accepted: dict[str, object] = {}
        self._auto = ahocorasick.Automaton()
        for c in glossary:
            for t in c.terms_in("en", Status.DEPRECATED, Status.FORBIDDEN):
                key = en.fold(t.text)
                if key not in self._auto:
                    self._auto.add_word(key, [])
                self._auto.get(key).append((t, c))
        self._has_bad = len(self._auto) > 0
        if self._has_bad:
            self._auto.make_automaton()

    def numbered_forms(self):
        """One pattern for every English form (any status) that contains a digit: numbers in
        names (10YFP, G20, 2030 Agenda, 10-Year Framework…) are not quantities."""
        if not hasattr(self, "_numbered"):
            numeral = re.compile(r"\d|[一二两三四五六七八九十百千]")
            forms = []
            for c in self.glossary:
                english = [t.text for t in c.terms if t.lang == "en"] + c.abbr
                if any(numeral.search(t.text) for t in c.terms if t.lang == "zh"):
                    forms += english  # 四大支柱行动 = four pillars: the number is in the name
                else:
                    forms += [f for f in english if re.search(r"\d", f)]
            self._numbered = en.compile_forms(forms)
        return self._numbered

    def accepted(self, concept: Concept):
        pat = self._accepted.get(concept.id)
        if pat is None:
            pat = self._accepted[concept.id] = en.compile_forms(concept.accepted_en())
        return pat

    def bad_uses(self, text: str) -> list[tuple[int, int, object, Concept]]:
        """(start, end, term, concept) of deprecated/forbidden English forms, whole words only,
        unless the span is part of an accepted form of the same concept."""
        if not self._has_bad:
            return []
        folded = en.fold(text)
        out = []
        for end, uses in self._auto.iter_long(folded):
            key = en.fold(uses[0][0].text)
            start = end - len(key) + 1
            before = folded[start - 1] if start > 0 else " "
            after = folded[end + 1 : end + 2] or " "
            if before.isalnum() or (after.isalnum() and after not in "s"):
                continue
            for term, concept in uses:
                pat = self.accepted(concept)
                if pat and any(m.start() <= start and m.end() >= end + 1 for m in pat.finditer(text)):
                    continue
                out.append((start, end + 1, term, concept))
        return out


def _english_of(c: Concept) -> str:
    abbr = [a for a in c.abbr if a != c.en]
    return c.en + (f" ({', '.join(abbr)})" if abbr else "")


class TermMissing(Rule):
    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if unit.target is None or unit.english_source:
            return
        target = strip(unit.target)
        # A concept whose deprecated/forbidden English is used is reported by term-forbidden.
        seen: set[str] = {c.id for _, _, _, c in ctx.en_terms.bad_uses(target)}
        for hit in ctx.zh_matcher.find(strip(unit.key)):
            c = hit.concept
            if c.id in seen:
                continue
            seen.add(c.id)
            pat = ctx.en_terms.accepted(c)
            if pat is not None and not pat.search(target):
                yield self.finding(
                    unit,
                    f"{hit.text} ({c.id}) is not translated as {_english_of(c)}",
                    term=c.id,
                    suggestion=c.en,
                    column=hit.start + 1,
                )


class TermForbidden(Rule):
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
