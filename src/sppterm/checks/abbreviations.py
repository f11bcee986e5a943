"""The term-abbreviation rule: an abbreviation that is not the glossary's for the name it stands by.

Two mistakes the name rules cannot see, because the full name is right or the token is no
glossary form at all: a wrong abbreviation in brackets after a correct name ("Netherlands
Ministry of Infrastructure and Water Management (RWS)" where the glossary has IenW, often
copied from a Chinese source that has it wrong), and a misspelt abbreviation standing alone
("BMUUV" for BMUV, "ICI" for IKI). And the converse: a spelt-out name attached to a right
abbreviation that is not the glossary's name for it ("World Trade Organization (UNWTO)",
"circular private procurement (CPP)"): without this the abbreviation alone satisfies
term-missing and term-count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from sppterm import en
from sppterm.checks.base import ERROR, CheckUnit, Context, Finding, Rule
from sppterm.checks.locations import unstripped
from sppterm.glossary.model import Concept, Glossary, Status
from sppterm.placeholders import strip

if TYPE_CHECKING:
    from sppterm.checks.terms import EnglishTerms
    from sppterm.glossary.validity import Period

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


# -- a spelt-out name attached to an abbreviation ---------------------------------------------
# Words that may stand inside a name between its capitalised words.
_CONNECTORS = frozenset(re.findall(r"\S+", "of for and the on in at to & de du des la le et für und – -"))
_SHORT_STOP = re.compile(r"[A-Z][a-z]{0,2}\.")  # St. Dr. Co.: an abbreviation, not a sentence end
_WORDS = re.compile(r"[^\W_]+")
_ENDING = re.compile(r"(?:['’]?s|es|['’])?")  # plural or possessive between a name and "("
_AFTER = re.compile(r"\s*\(([^()]{1,120})\)")  # "ABBR (Name)"
_REACH = 300  # characters looked at before an abbreviation: longer than any name
CLOSE = 80  # rapidfuzz ratio from which a lower-case phrase is taken for a garbled name


@dataclass(frozen=True)
class Misnamed:
    """A name attached to an abbreviation that is not an accepted English form of it."""

    start: int  # the name's span in the target
    end: int
    abbr: str
    at: int  # where the abbreviation starts
    owners: tuple[Concept, ...]  # the concepts that have the abbreviation (usually one)
    other: Concept | None  # the glossary concept the name does belong to, if any


def misnamed(
    target: str, en_terms: EnglishTerms, glossary: Glossary, when: Period | None = None
) -> list[Misnamed]:
    """Names attached to a glossary abbreviation ("Name (ABBR)", "ABBR (Name)") that are no
    accepted form (at ``when``) of a concept having that abbreviation.

    A name is what stands right beside the bracket: two or more capitalised words (with of,
    for, and... between them), another concept's accepted form, or a lower-case phrase within
    :data:`CLOSE` of an accepted form (circular private procurement). Accepted forms match as
    term-missing matches them (case, hyphens, plurals, possessives free); a deprecated or
    forbidden form there is left to term-forbidden."""
    if "(" not in target:
        return []
    names: dict[int, list[tuple[int, str]]] = {}  # end → (start, concept id) of full forms
    abbrs: dict[tuple[int, int], list[str]] = {}
    for cid, found in en_terms.spans(target, when).items():
        for s, e, is_abbr in found:
            if is_abbr:
                abbrs.setdefault((s, e), []).append(cid)
            else:
                names.setdefault(e, []).append((s, cid))
    if not abbrs:
        return []
    bad_ends = {(e, c.id) for _, e, _, c in en_terms.bad_uses(target, when)}
    out: list[Misnamed] = []
    for (s, e), ids in sorted(abbrs.items()):
        owners = tuple(c for cid in ids if (c := glossary.get(cid)) is not None)
        lead = max(0, s - _REACH)  # a name is short: every look-back is bounded (linear time)
        before = target[lead:s].rstrip()
        if before.endswith("(") and re.match(r"\s*[),;]", target[e : e + _REACH]):
            end = lead + len(before[:-1].rstrip())
            if _split_name(target, end, e, owners):
                continue
            start = _name_start(target, end)
            verdict = _judge(glossary, target, start, end, owners, names, bad_ends)
        elif (m := _AFTER.match(target, e)) is not None and not before.endswith("("):
            first = re.split(r"[,;:]", m.group(1))[0].rstrip()
            a = m.start(1) + len(first) - len(first.lstrip())
            end = m.start(1) + len(first)
            if target[a : a + 4].lower() == "the ":
                a += 4
            start = a if _capitalised(target[a:end]) else None
            verdict = _judge(glossary, target, start, end, owners, names, bad_ends, whole=(a, end))
        else:
            continue
        if verdict is not None:
            out.append(Misnamed(verdict[0], verdict[1], target[s:e], s, owners, verdict[2]))
    return out


def _judge(
    glossary: Glossary,
    text: str,
    start: int | None,
    end: int,
    owners: tuple[Concept, ...],
    names: dict[int, list[tuple[int, str]]],
    bad_ends: set[tuple[int, str]],
    whole: tuple[int, int] | None = None,
) -> tuple[int, int, Concept | None] | None:
    """(start, end, other concept) of a wrong name ending at ``end``; None when the name is
    right, is no name, or is a bad form term-forbidden reports. ``start``: where a capitalised
    name begins (None: none there); ``whole``: the bracket's text, for "ABBR (Name)"."""
    mine = {c.id for c in owners}
    lo = whole[0] if whole else -1
    ends = [e for e in range(max(0, end - 3), end + 1) if _ENDING.fullmatch(text, e, end)]
    for e in ends:
        for s, cid in names.get(e, []):
            if cid in mine and s >= lo:
                return None  # an accepted form of the abbreviation's concept
        if any((e, cid) in bad_ends for cid in mine):
            return None  # a deprecated or forbidden name: term-forbidden's finding
    # The longest other concept's name ending here, when it is the whole name.
    # (One word, "IGPN (Japan)", is a note on the body, not a name for it.)
    others = [
        (s, cid)
        for e in ends
        for s, cid in names.get(e, [])
        if cid not in mine and s >= lo and len(_WORDS.findall(text, s, e)) >= 2
    ]
    if others:
        s, cid = min(others)
        first = start if start is not None else (whole[0] if whole else s)
        if s <= first:
            return s, end, glossary.get(cid)
    if start is not None:
        return start, end, None
    best = _closest(text, lo if whole else 0, end, owners)
    if best is not None:
        return best[0], end, None
    spelt = _initials_start(text, lo if whole else 0, end, owners)
    if spelt is not None:
        return spelt, end, None
    phrase = None if whole else _phrase_start(text, end, owners)
    return (phrase, end, None) if phrase is not None else None


# Words that end a noun phrase read backwards from "(ABBR)": what precedes them is no part of it.
_PHRASE_STOP = frozenset(
    re.findall(
        r"\S+",
        """the a an this that these those its their his her our your of for and or nor but in
        on at to by with from as into through under about via than such is are was were be
        been being has have had will would can could may might must should which who whom""",
    )
)
_SPACED = re.compile(r"\S+")
_PHRASE_WORDS = 6  # longer than the bulletins' long forms before an abbreviation


def _phrase_start(text: str, end: int, owners: tuple[Concept, ...]) -> int | None:
    """Start of a wrong long form before "(ABBR)": two words or more of one noun phrase (read
    back to a function word or punctuation) that are no accepted form of ``owners``, whose
    abbreviation stands for a name of two words or more ("public catering (PFP)" for
    sustainable public food procurement). One word ("the programme (SPP)") is a back-reference
    to a name, not a long form, and is left alone."""
    if not any(
        len(_WORDS.findall(t.text)) >= 2
        for c in owners
        for t in c.terms_in("en", Status.PREFERRED, Status.ADMITTED)
    ):
        return None
    start: int | None = None
    count = 0
    for m in reversed(list(_SPACED.finditer(text, max(0, end - _REACH), end))):
        word = m.group(0)
        if not _WORDS.fullmatch(word) or word.lower() in _PHRASE_STOP or count == _PHRASE_WORDS:
            break  # punctuation or a quote ends the phrase, as does a function word
        start, count = m.start(), count + 1
    if count < 2:
        return None
    # A description ending in a class noun ("the certification body (CEC)", "the regional
    # network (IGPN)") refers to the body as "the programme (SPP)" does; a phrase ending in
    # another head ("public catering (PFP)") names something else.
    last = text[start:end].split()[-1].lower().rstrip("’'s")
    return None if last in _CLASS_NOUNS else start


# Head nouns of a description of a body, programme, event or document, not of a name.
_CLASS_NOUNS = frozenset(
    re.findall(
        r"\S+",
        """body organization organisation centre center agency institution institute ministry
        department office authority secretariat network programme program initiative project
        platform group committee council forum conference meeting event partnership alliance
        coalition association federation foundation bank fund facility commission union
        report guide guidance framework plan strategy declaration agreement convention""",
    )
)


def _split_name(text: str, end: int, after: int, owners: tuple[Concept, ...]) -> bool:
    """An accepted form of ``owners`` written around its bracket: "27th Conference of the
    Parties (COP27) to the United Nations Framework Convention on Climate Change" (the
    words before ``end`` and after the bracket closing from ``after``)."""
    close = text.find(")", after)
    if close < 0:
        return False
    head = [w.lower() for w in _WORDS.findall(text, max(0, end - _REACH), end)]
    tail = [w.lower() for w in _WORDS.findall(text, close + 1, close + 1 + _REACH)]
    for c in owners:
        for t in c.terms_in("en", Status.PREFERRED, Status.ADMITTED):
            form = [w.lower() for w in _WORDS.findall(t.text)]
            for k in range(1, len(form)):
                if head[-k:] == form[:k] and tail[: len(form) - k] == form[k:]:
                    return True
    return False


def _name_start(text: str, end: int) -> int | None:
    """Start of the capitalised name ending at ``end`` (two capitalised words or more, with
    connectors between them and none first), None when there is none."""
    start: int | None = None
    caps = 0
    base = max(0, end - _REACH)
    for m in reversed(list(re.finditer(r"\S+", text[base:end]))):
        word = m.group(0)
        core = word.lstrip("“\"‘'([")
        if core.endswith((",", ";", ":", ")", "”")) or (
            core.endswith(".") and not _SHORT_STOP.fullmatch(core)
        ):
            break
        bare = core.rstrip(".")
        if bare.lower() in _CONNECTORS:
            pass
        elif bare[:1].isupper() or bare[:1].isdigit():
            caps += 1
            start = base + m.start() + len(word) - len(core)
        else:
            break
        if core is not word and len(core) != len(word):
            break  # an opening quote or bracket begins the name
    return start if caps >= 2 else None


def _capitalised(text: str) -> bool:
    """Two capitalised words or more, and no lower-case word other than connectors: a name."""
    words = text.split()
    caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return caps >= 2 and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _CONNECTORS for w in words)


def _closest(text: str, lo: int, end: int, owners: tuple[Concept, ...]) -> tuple[int, float] | None:
    """(start, ratio) of the run of words ending at ``end`` closest to an accepted English form
    of ``owners``, when within :data:`CLOSE` of it (a garbled lower-case name)."""
    words = list(_WORDS.finditer(text, max(lo, end - _REACH), end))
    best: tuple[int, float] | None = None
    for c in owners:
        for t in c.terms_in("en", Status.PREFERRED, Status.ADMITTED):
            form = " ".join(_WORDS.findall(t.text.lower()))
            k = form.count(" ") + 1
            for n in range(max(1, k - 1), k + 2):
                if n > len(words):
                    break
                run = words[-n:]
                ratio = fuzz.ratio(" ".join(w.group(0).lower() for w in run), form)
                if ratio >= CLOSE and (best is None or ratio > best[1]):
                    best = (run[0].start(), ratio)
    return best


def _initials_start(text: str, lo: int, end: int, owners: tuple[Concept, ...]) -> int | None:
    """Start of the lower-case words ending at ``end`` whose initials spell an abbreviation of
    ``owners`` ("digital public information (DPI)", connectors skipped: "… and production
    (SCP)"): a long form, though no accepted one and not close to one."""
    words = [m for m in _WORDS.finditer(text, max(lo, end - _REACH), end)]
    for c in owners:
        for a in c.abbr:
            letters = a[:-1] if a.endswith("s") and a[:-1].isupper() else a
            if len(letters) < 2 or not letters.isalpha() or not letters.isupper():
                continue
            want = list(letters.lower())
            at = None
            for w in reversed(words):
                word = w.group(0)
                if not want:
                    break
                if word[:1].islower() and word[0] == want[-1]:
                    want.pop()
                    at = w.start()
                elif word.lower() in _CONNECTORS and at is not None:
                    continue
                else:
                    break
            if not want and at is not None:
                return at
    return None


def alnum(text: str) -> str:
    """Letters and digits of ``text`` in lower case (a finding's stable term)."""
    return "".join(_WORDS.findall(text)).lower()


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


def _fits(token: str, named: list[tuple[int, Concept]], target: str, after: int) -> bool:
    """The bracket's ``token`` goes with the names ending before it: it is the abbreviation of
    the whole (outermost) name, or of a name inside it when the whole has none or its own
    follows ("… Framework Convention on Climate Change (UNFCCC), COP27"). Otherwise an inner
    name's abbreviation does not do for the whole: "Environmental Development Center of the
    Ministry of Ecology and Environment (MEE)" names the ministry, not the Center (EDC)."""
    first = min(s for s, _ in named)
    outer = [c for s, c in named if s == first]
    if any(token in c.abbr for c in outer):
        return True
    if not any(token in c.abbr for s, c in named if s > first):
        return False
    own = [a for c in outer for a in c.abbr]
    near = target[after : after + 40]
    return not own or any(re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", near) for a in own)


class TermAbbreviation(Rule):
    severity_why = """
        Error: an abbreviation identifies a body as much as its name does; a wrong one names
        another organisation or none, and a wrong name beside a right abbreviation is a wrong
        name all the same.
        """
    id = "term-abbreviation"
    title = "Abbreviation and the name beside it that do not go together, or a misspelt abbreviation"
    severity = ERROR
    uses_glossary = True
    what = """
        Three cases. (1) A glossary name in the English is followed by an abbreviation in
        brackets (letters with two capitals or more, before any comma: "(RWS)", "(UNEP, formerly
        …)") that is not among the abbreviations of that name's concept, nor of any concept
        whose name ends at the same place. A concept without abbreviations in the glossary, and
        brackets holding no abbreviation ("(Déclaration de Chaillot)"), are not checked. The
        bracket goes with the whole name: the abbreviation of a name inside it does not do
        ("Environmental Development Center of the Ministry of Ecology and Environment (MEE)":
        the Center is EDC) unless the whole has none or its own follows ("… Convention on
        Climate Change (UNFCCC), COP27"). (2) A token that is no glossary abbreviation but one
        letter away from the abbreviation of a concept of the source that the English does not
        otherwise name ("BMUUV" for BMUV); term-missing is then not reported for that concept.
        (3) A glossary abbreviation with a spelt-out name attached ("Name (ABBR)", "ABBR
        (Name)") where the name is no accepted form (preferred or admitted, valid at the
        bulletin's date) of a concept having that abbreviation: two or more capitalised words
        ("World Trade Organization (UNWTO)", "St. Peter's Hospital (SPHI)"), another concept's
        name ("Asia Pacific Green Public Procurement Network (IGPN)"), or a lower-case phrase
        close to an accepted form (rapidfuzz ratio 80 or more: "circular private procurement
        (CPP)"). Accepted forms match as term-missing matches them: case, hyphens, a leading
        "the", plurals and possessives are free ("Organisation for Economic Cooperation and
        Development (OECD)", "the UN Environment Programme's (UNEP)"), and a name written around
        its bracket is whole ("27th Conference of the Parties (COP27) to the United Nations
        Framework Convention on Climate Change"). A lower-case phrase whose initials spell the
        abbreviation is a long form too ("digital public information (DPI)", "national
        development commitments (NDCs)"), and so is an accepted form that is the abbreviation
        itself (COP27 beside "United Nations Convention on Climate Change"). So is any phrase of
        two words or more right before "(ABBR)", read back to a function word or punctuation,
        when ABBR stands for a name of two words or more ("public catering (PFP)" for
        sustainable public food procurement); one word ("the programme (SPP)") or a
        description ending in a class noun ("the certification body (CEC)") is a
        back-reference, not a long form. A deprecated or
        forbidden form there is term-forbidden's finding. An abbreviation several concepts share
        accepts the names of all of them. term-count does not count a concept so named.
        """
    why = """
        An abbreviation identifies an organisation as much as its name does: "(RWS)" after the
        ministry's name names its agency Rijkswaterstaat, and "BMUUV" is nobody. The Chinese
        bulletins themselves carry such slips (荷兰基础设施与环境部（RWS）, BMUUV), and a
        translation that copies them is wrong, so both cases are errors. A right abbreviation
        does not make a wrong name right: "World Trade Organization (UNWTO)" names a body that
        exists, and "International Institute of Sustainable Development" is no one's name;
        without this check the abbreviation alone satisfied term-missing and term-count.
        """
    example = """
        "… and the Netherlands Ministry of Infrastructure and Water Management (RWS).":

            x.po:4:1: term-abbreviation '(RWS)' after 'Netherlands Ministry of Infrastructure
            and Water Management' is not its abbreviation IenW (RWS is Rijkswaterstaat)

        "The report was led by the World Trade Organization (UNWTO).":

            x.po:6:1: term-abbreviation 'World Trade Organization' beside (UNWTO) is not the
            glossary's name for UNWTO; use 'World Tourism Organization'

        Fix: use the glossary's abbreviation or name the message names.
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target or unit.english_source:
            return
        target = strip(unit.target)
        source = [h.concept for h in ctx.zh_matcher.find(strip(unit.key))]
        reported: set[int] = set()
        if "(" in target:
            yield from self._bracketed(unit, target, {c.id for c in source}, ctx, reported)
        present = ctx.en_terms.scan(target, ctx.when(unit))[0]  # the names valid at the bulletin's date
        for start, token, concept, abbr in misspelt_abbreviations(target, source, present, ctx.glossary):
            if start in reported:
                continue
            reported.add(start)
            yield self.finding(
                unit,
                f"'{token}' is not an abbreviation in the glossary; {concept.en} is {abbr}",
                term=f"{concept.id}:{token}",
                suggestion=abbr,
                side="target",
                span=unstripped(unit.target or "", start, start + len(token)),
            )
        when = ctx.when(unit)
        in_source = {c.id for c in source}
        for w in misnamed(target, ctx.en_terms, ctx.glossary, when):
            if w.at in reported:
                continue
            # The concept meant: the one of the source among those having the abbreviation.
            meant = next((c for c in w.owners if c.id in in_source), w.owners[0])
            preferred = ctx.en_terms.timeline.preferred(meant, "en", when)
            use = preferred.text if preferred is not None else meant.en
            name = target[w.start : w.end]
            whose = f", the name of {w.other.en}" if w.other is not None and w.other.en != name else ""
            also = f" (the name of {w.other.id})" if w.other is not None and not whose else whose
            yield self.finding(
                unit,
                f"'{name}' beside ({w.abbr}) is not the glossary's name for {w.abbr}{also}; use '{use}'",
                term=f"{meant.id}:{alnum(name)}",
                suggestion=use,
                side="target",
                span=unstripped(unit.target or "", w.start, w.end),
            )

    def _bracketed(
        self, unit: CheckUnit, target: str, in_source: set[str], ctx: Context, reported: set[int]
    ) -> Iterable[Finding]:
        owner = _index(ctx.glossary).owner
        ending: dict[int, list[tuple[int, Concept]]] = {}
        for cid, spans in ctx.en_terms.spans(target, ctx.when(unit)).items():
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
            if not any(c.abbr for _, c in named) or _fits(token, named, target, m.end()):
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
