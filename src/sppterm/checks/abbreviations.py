"""The term-abbreviation rule: an abbreviation that is not the glossary's for the name it stands by.

Two mistakes the name rules cannot see, because the full name is right or the token is no
glossary form at all: a wrong abbreviation in brackets after a correct name ("Netherlands
Ministry of Infrastructure and Water Management (RWS)" where the glossary has IenW, often
copied from a Chinese source that has it wrong), and a misspelt abbreviation standing alone
("BMUUV" for BMUV, "ICI" for IKI).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from sppterm import en
from sppterm.checks.base import ERROR, CheckUnit, Context, Finding, Rule
from sppterm.checks.locations import unstripped
from sppterm.glossary.model import Concept, Glossary
from sppterm.placeholders import strip

# An abbreviation-like token: letters and digits, joined by - + & (CI-SCP, UNEA-4, WSIS+20).
_TOKEN = re.compile(r"(?<![\w\-+&])[^\W_]+(?:[\-+&][^\W_]+)*")
# What may follow a matched name before its bracket: a plural or possessive ending, spaces.
_BRACKET = re.compile(r"(?:['’]?s|es)?\s*\(([^()]{1,40})\)")


@dataclass(frozen=True)
class _Index:
    known: frozenset[str]  # every abbreviation and every case-sensitive word of an English form
    owner: dict[str, list[Concept]]  # abbreviation → the concepts that have it


_CACHE: dict[int, tuple[Glossary, _Index]] = {}


def _index(glossary: Glossary) -> _Index:
    """Built once per glossary (the runner keeps one glossary for a whole run)."""
    cached = _CACHE.get(id(glossary))
    if cached is not None and cached[0] is glossary:
        return cached[1]
    owner: dict[str, list[Concept]] = {}
    known: set[str] = set()
    for c in glossary:
        for a in c.abbr:
            owner.setdefault(a, []).append(c)
            known.add(a)
        for t in c.terms:
            if t.lang == "en":
                known.update(w for w in _TOKEN.findall(t.text) if en._case_sensitive(w))
    index = _Index(frozenset(known), owner)
    _CACHE.clear()
    _CACHE[id(glossary)] = (glossary, index)
    return index


def _abbreviation_like(token: str) -> bool:
    return len(token) >= 2 and en._case_sensitive(token)


def misspelt_abbreviations(
    target: str, concepts: Sequence[Concept], present: set[str], glossary: Glossary
) -> list[tuple[int, str, Concept, str]]:
    """(position, token, concept, its abbreviation) for each token of ``target`` that is no
    glossary abbreviation but one edit away from the abbreviation of a concept in ``concepts``
    (the source's) that the target does not name otherwise: BMUUV for BMUV, ICI for IKI.

    A concept the target names is left out, so UNDP beside UNEP is not taken for a typo."""
    wanted = [(c, a) for c in concepts if c.id not in present for a in c.abbr if len(a) >= 3]
    if not wanted:
        return []
    known = _index(glossary).known
    out: list[tuple[int, str, Concept, str]] = []
    seen: set[str] = set()
    for m in _TOKEN.finditer(target):
        token = m.group(0)
        if token in known or not _abbreviation_like(token) or len(token) < 3:
            continue
        for c, a in wanted:
            if c.id not in seen and token[0] == a[0] and Levenshtein.distance(token, a, score_cutoff=1) <= 1:
                seen.add(c.id)
                out.append((m.start(), token, c, a))
    return out


class TermAbbreviation(Rule):
    severity_why = """
        Error: an abbreviation identifies a body as much as its name does; a wrong one names
        another organisation or none.
        """
    id = "term-abbreviation"
    title = "Abbreviation that is not the glossary's for the name beside it, or a misspelt one"
    severity = ERROR
    uses_glossary = True
    what = """
        Two cases. (1) A glossary name in the English is followed by an abbreviation in brackets
        (letters with two capitals or more, before any comma: "(RWS)", "(UNEP, formerly …)")
        that is not among the abbreviations of that name's concept, nor of any concept whose
        name ends at the same place. An abbreviation of another concept is accepted when that
        concept is in the source too. A concept without abbreviations in the glossary, and
        brackets holding no abbreviation ("(Déclaration de Chaillot)"), are not checked.
        (2) A token that is no glossary abbreviation but one letter away from the abbreviation
        of a concept of the source that the English does not otherwise name ("BMUUV" for BMUV);
        term-missing is then not reported for that concept.
        """
    why = """
        An abbreviation identifies an organisation as much as its name does: "(RWS)" after the
        ministry's name names its agency Rijkswaterstaat, and "BMUUV" is nobody. The Chinese
        bulletins themselves carry such slips (荷兰基础设施与环境部（RWS）, BMUUV), and a
        translation that copies them is wrong, so both cases are errors.
        """
    example = """
        "… and the Netherlands Ministry of Infrastructure and Water Management (RWS).":

            x.po:4:1: term-abbreviation '(RWS)' after 'Netherlands Ministry of Infrastructure
            and Water Management' is not its abbreviation IenW (RWS is Rijkswaterstaat)

        Fix: use the glossary's abbreviation the message names.
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target or unit.english_source:
            return
        target = strip(unit.target)
        source = [h.concept for h in ctx.zh_matcher.find(strip(unit.key))]
        reported: set[int] = set()
        if "(" in target:
            yield from self._bracketed(unit, target, {c.id for c in source}, ctx, reported)
        present = ctx.en_terms.scan(target)[0]
        for start, token, concept, abbr in misspelt_abbreviations(target, source, present, ctx.glossary):
            if start in reported:
                continue
            yield self.finding(
                unit,
                f"'{token}' is not an abbreviation in the glossary; {concept.en} is {abbr}",
                term=f"{concept.id}:{token}",
                suggestion=abbr,
                side="target",
                span=unstripped(unit.target or "", start, start + len(token)),
            )

    def _bracketed(
        self, unit: CheckUnit, target: str, in_source: set[str], ctx: Context, reported: set[int]
    ) -> Iterable[Finding]:
        owner = _index(ctx.glossary).owner
        ending: dict[int, list[tuple[int, Concept]]] = {}
        for cid, spans in ctx.en_terms.spans(target).items():
            concept = ctx.glossary.get(cid)
            if concept is None:
                continue
            for s, e, is_abbr in spans:
                if not is_abbr:
                    ending.setdefault(e, []).append((s, concept))
        for end, named in sorted(ending.items()):
            m = _BRACKET.match(target, end)
            if m is None:
                continue
            token = re.split(r"[,;]", m.group(1))[0].strip()
            if not _abbreviation_like(token) and token not in owner:
                continue
            if any(token in c.abbr for _, c in named) or not any(c.abbr for _, c in named):
                continue
            others = [c for c in owner.get(token, []) if c.id in in_source]
            if others:
                continue
            start, concept = min(((s, c) for s, c in named if c.abbr), key=lambda sc: sc[0])
            whose = owner.get(token)
            also = f" ({token} is {whose[0].en})" if whose else ""
            reported.add(m.start(1))
            yield self.finding(
                unit,
                f"'({token})' after '{target[start:end]}' is not its abbreviation "
                f"{', '.join(concept.abbr)}{also}",
                term=f"{concept.id}:{token}",
                suggestion=concept.abbr[0],
                side="target",
                span=unstripped(unit.target or "", m.start(1), m.start(1) + len(token)),
            )
