"""``sppterm glossary lint``: conflicts and ambiguities a terminologist should resolve."""

from __future__ import annotations

import datetime
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import ahocorasick_rs

from sppterm.glossary.model import Concept, Glossary, Status, Term
from sppterm.glossary.validity import Period, Timeline, looks_like_date, parse_date

# Severities: errors and warnings fail the lint; info is reported for awareness only.
ERROR, WARNING, INFO = "error", "warning", "info"
FAILING = {ERROR, WARNING}

RULES: dict[str, tuple[str, str]] = {
    "duplicate-id": (ERROR, "two concepts share an id"),
    "zh-shared": (ERROR, "a Chinese term is claimed by two concepts"),
    "status-conflict": (ERROR, "a term is preferred in one place and deprecated/forbidden in another"),
    "no-preferred": (ERROR, "a concept has no preferred term in Chinese or English"),
    "preferred-forbidden": (ERROR, "the preferred English of one concept is forbidden by another"),
    "unknown-related": (WARNING, "a related id names no concept"),
    "shared-en": (WARNING, "two concepts have the same preferred English term"),
    "overlap": (WARNING, "two Chinese terms overlap in the corpus without one containing the other"),
    "overlap-potential": (INFO, "two Chinese terms could overlap (not seen in the corpus)"),
    "term-formula": (ERROR, "a term begins with =, +, -, @, tab or CR (a spreadsheet runs it as a formula)"),
    "term-whitespace": (ERROR, "a term has leading/trailing whitespace, a line break or a control character"),
    "nested": (INFO, "a Chinese term lies inside another concept's term (longest match wins)"),
    "case-only": (
        INFO,
        "a deprecated or forbidden English form differs from an accepted one only by case (as written wins)",
    ),
    "validity-bound": (ERROR, "a valid_from/valid_until is neither a real date nor a bulletin of the series"),
    "validity-order": (ERROR, "a term's valid_from comes after its valid_until"),
    "validity-status": (WARNING, "a deprecated or forbidden term has a validity, which changes nothing"),
    "preferred-overlap": (
        ERROR,
        "two preferred terms of a concept in one language are valid on the same day",
    ),
    "preferred-gap": (ERROR, "a concept has no valid preferred term between two of its preferred terms"),
}


@dataclass(frozen=True)
class LintFinding:
    rule: str
    path: str
    line: int
    message: str

    @property
    def severity(self) -> str:
        return RULES[self.rule][0]

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.rule}: {self.message}"


def _overlap(a: str, b: str) -> int:
    """Length of the longest proper suffix of ``a`` that is a prefix of ``b`` (≥ 1 char)."""
    for n in range(min(len(a), len(b)) - 1, 0, -1):
        if a[-n:] == b[:n]:
            return n
    return 0


Add = Callable[[str, Concept | Term, Concept, str], None]
Use = tuple[Term, Concept]  # a term and the concept it belongs to
TermUses = dict[tuple[str, str], list[Use]]  # (lang, text) → its uses


def lint(
    glossary: Glossary, corpus: list[str] | None = None, dates: Mapping[str, Period] | None = None
) -> list[LintFinding]:
    """All findings, in a stable order (file, line, rule).

    ``corpus`` (the Chinese bulletins' text) turns overlaps that actually occur into warnings;
    overlaps of two or more characters that do not occur are reported as info only. ``dates``
    (bulletin id → date, :func:`sppterm.bulletin.dates.read_periods`) resolves validity bounds
    that name a bulletin; None: such bounds are not checked (no series to check them against).
    """
    out: list[LintFinding] = []

    def add(rule: str, where: Concept | Term, concept: Concept, msg: str) -> None:
        out.append(LintFinding(rule, concept.path, getattr(where, "line", 0) or concept.line, msg))

    _concept_problems(glossary, add)
    by_text = _term_uses(glossary)
    _shared_terms(by_text, add)
    _preferred_english_clashes(glossary, by_text, add)
    _hygiene(glossary, add)
    _case_only(glossary, add)
    _validity(glossary, dates, add)
    _nesting_and_overlap(glossary, "\n".join(corpus or []), add)
    return sorted(out, key=lambda f: (f.path, f.line, f.rule, f.message))


def _concept_problems(glossary: Glossary, add: Add) -> None:
    """duplicate-id, no-preferred and unknown-related: what each concept gets wrong by itself."""
    seen_ids: dict[str, Concept] = {}
    for c in glossary:
        if c.id in seen_ids:
            first = seen_ids[c.id]
            add("duplicate-id", c, c, f"id {c.id!r} already used at {first.path}:{first.line}")
        else:
            seen_ids[c.id] = c
        for lang in ("zh", "en"):
            if c.preferred(lang) is None:
                add("no-preferred", c, c, f"concept {c.id!r} has no preferred {lang} term")
        for rid in c.related:
            if rid not in seen_ids and glossary.get(rid) is None:
                add("unknown-related", c, c, f"concept {c.id!r}: related id {rid!r} not found")


def _term_uses(glossary: Glossary) -> TermUses:
    """Every term by (language, text), with the concept of each use."""
    by_text: TermUses = defaultdict(list)
    for c in glossary:
        for t in c.terms:
            by_text[(t.lang, t.text)].append((t, c))
    return by_text


def _shared_terms(by_text: TermUses, add: Add) -> None:
    """zh-shared (a Chinese term of two concepts) and status-conflict (a term preferred in one
    place and deprecated or forbidden in another)."""
    for (lang, text), uses in by_text.items():
        concepts = {c.id for _, c in uses}
        if lang == "zh" and len({id(c) for _, c in uses}) > 1:
            t, c = uses[-1]
            others = ", ".join(sorted(concepts - {c.id})) or c.id
            add("zh-shared", t, c, f"Chinese term {text!r} of {c.id!r} also belongs to {others}")
        statuses = {t.status for t, _ in uses}
        bad = statuses & {Status.DEPRECATED, Status.FORBIDDEN}
        if Status.PREFERRED in statuses and bad:
            t, c = next((t, c) for t, c in uses if t.status in bad)
            pref = next(c2.id for t2, c2 in uses if t2.status is Status.PREFERRED)
            add(
                "status-conflict",
                t,
                c,
                f"{lang} term {text!r} is preferred in {pref!r} but {t.status.value} in {c.id!r}",
            )


def _preferred_english_clashes(glossary: Glossary, by_text: TermUses, add: Add) -> None:
    """preferred-forbidden (another concept forbids a concept's preferred English) and
    shared-en (two concepts prefer the same English, reported once, on the later one)."""
    for c in glossary:
        pref = c.preferred("en")
        if pref is None:
            continue
        for t, other in by_text.get(("en", pref.text), []):
            if other is not c and t.status is Status.FORBIDDEN:
                add(
                    "preferred-forbidden",
                    t,
                    other,
                    f"{other.id!r} forbids {pref.text!r}, the preferred English of {c.id!r}",
                )
            if (
                other is not c
                and t.status is Status.PREFERRED
                and c.line < other.line
                and "shared-en" not in other.lint_ignore + c.lint_ignore
            ):
                add("shared-en", t, other, f"{other.id!r} and {c.id!r} both prefer the English {pref.text!r}")


# OWASP's CSV injection list: a cell starting with one of these is a formula to a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}  # controls, line breaks, format characters (ZWSP, bidi, BOM)


def term_problem(text: str) -> tuple[str, str] | None:
    """(rule, why) when a term is unsafe or unclean to export and match, else None."""
    if text.startswith(FORMULA_START):
        return "term-formula", f"begins with {text[0]!r}, which a spreadsheet reads as a formula"
    if not text:
        return "term-whitespace", "is empty"
    if text[0].isspace() or text[-1].isspace():
        return "term-whitespace", "has leading or trailing whitespace"
    bad = next((ch for ch in text if unicodedata.category(ch) in _INVISIBLE), None)
    if bad is not None:
        kind = (
            "a line break" if bad in "\n\r\x0b\x0c\x85\u2028\u2029" else "an invisible or control character"
        )
        return "term-whitespace", f"contains {kind} (U+{ord(bad):04X})"
    return None


def _hygiene(glossary: Glossary, add: Add) -> None:
    """Every term and abbreviation (any language, any status) must be safe in a spreadsheet
    cell of an export and free of invisible characters that would stop it ever matching."""
    for c in glossary:
        forms: list[tuple[Concept | Term, str, str]] = [
            (t, t.text, f"{t.lang} {t.status.value} term") for t in c.terms
        ]
        forms += [(c, a, "abbreviation") for a in c.abbr]
        for where, text, what in forms:
            problem = term_problem(text)
            if problem:
                add(problem[0], where, c, f"{what} {text!r} of {c.id!r} {problem[1]}")


def _case_only(glossary: Glossary, add: Add) -> None:
    """case-only: the checks match English forms in any case, except a bad form whose letters
    equal an accepted form's but for case: that one matches as written and wins (term-forbidden).
    Terminologists should know case decides there ("Friends of Sustainable Consumption and
    Production" deprecated, "friends of sustainable consumption and production" admitted)."""
    for c in glossary:
        accepted: dict[str, str] = {}
        for t in c.terms_in("en", Status.PREFERRED, Status.ADMITTED):
            accepted.setdefault("".join(ch for ch in t.text if ch.isalnum()).lower(), t.text)
        for t in c.terms_in("en", Status.DEPRECATED, Status.FORBIDDEN):
            same = accepted.get("".join(ch for ch in t.text if ch.isalnum()).lower())
            if same is not None and same != t.text:
                add(
                    "case-only",
                    t,
                    c,
                    f"{t.status.value} {t.text!r} of {c.id!r} differs from accepted {same!r} only by "
                    "case: the checks match it as written, and it wins there",
                )


def _validity(glossary: Glossary, dates: Mapping[str, Period] | None, add: Add) -> None:
    """validity-bound, validity-order, validity-status (each term's interval) and
    preferred-overlap, preferred-gap (a concept's preferred terms in one language, which must
    follow each other without overlap or gap: one valid preferred term at every date)."""
    timeline = Timeline(dates)
    for c in glossary:
        for t in c.terms:
            if t.valid_status is None:
                continue
            ok = True
            for key, bound in (("valid_from", t.valid_from), ("valid_until", t.valid_until)):
                why = _bound_problem(bound, dates)
                if why:
                    ok = False
                    add(
                        "validity-bound", t, c, f"{t.lang} term {t.text!r} of {c.id!r}: {key} {bound!r} {why}"
                    )
            lo, hi = timeline.interval(t)
            if ok and lo > hi:
                add(
                    "validity-order",
                    t,
                    c,
                    f"{t.lang} term {t.text!r} of {c.id!r} is valid from {t.valid_from} ({lo}) "
                    f"until {t.valid_until} ({hi}): the interval is empty",
                )
            if not t.valid_status.accepted:
                add(
                    "validity-status",
                    t,
                    c,
                    f"{t.lang} term {t.text!r} of {c.id!r} is {t.valid_status.value} at every date: "
                    "its validity changes nothing (give an accepted status, or drop the validity)",
                )
        for lang in ("zh", "en"):
            _preferred_sequence(c, lang, timeline, add)


def _bound_problem(bound: str, dates: Mapping[str, Period] | None) -> str:
    """Why a validity bound cannot be resolved, "" when it can (or cannot be told here)."""
    if not bound:
        return ""
    if looks_like_date(bound):
        return "" if parse_date(bound) is not None else "is no real date"
    if dates is None or bound in dates:
        return ""
    known = ", ".join(sorted(dates)) or "none"
    return f"is neither an ISO date (YYYY-MM-DD) nor a bulletin of the series (known: {known})"


def _preferred_sequence(c: Concept, lang: str, timeline: Timeline, add: Add) -> None:
    preferred = [t for t in c.terms if t.lang == lang and t.declared is Status.PREFERRED]
    if len(preferred) < 2:
        return
    spans = sorted(((*timeline.interval(t), t) for t in preferred), key=lambda x: (x[0], x[1]))
    for i, (lo1, hi1, t1) in enumerate(spans):
        for lo2, hi2, t2 in spans[i + 1 :]:
            if lo2 <= hi1 and lo1 <= hi2:
                both = max(lo1, lo2), min(hi1, hi2)
                add(
                    "preferred-overlap",
                    t2,
                    c,
                    f"{c.id!r} has two preferred {lang} terms valid {_days(*both)}: "
                    f"{t1.text!r} and {t2.text!r} (give them valid_from/valid_until that do not overlap)",
                )
    reach = spans[0][1]
    for lo, hi, t in spans[1:]:
        if reach < datetime.date.max and lo > reach + datetime.timedelta(days=1):
            gap = reach + datetime.timedelta(days=1), lo - datetime.timedelta(days=1)
            add(
                "preferred-gap",
                t,
                c,
                f"{c.id!r} has no valid preferred {lang} term {_days(*gap)}, before {t.text!r}",
            )
        reach = max(reach, hi)


def _days(lo: datetime.date, hi: datetime.date) -> str:
    """An interval of days in words (open ends: 'until …', 'from …', 'at every date')."""
    if lo == datetime.date.min and hi == datetime.date.max:
        return "at every date"
    if lo == datetime.date.min:
        return f"until {hi.isoformat()}"
    if hi == datetime.date.max:
        return f"from {lo.isoformat()}"
    return f"from {lo.isoformat()} to {hi.isoformat()}" if lo != hi else f"on {lo.isoformat()}"


def _nesting_and_overlap(glossary: Glossary, corpus_text: str, add: Add) -> None:
    """Chinese terms of different concepts that nest or overlap: ambiguous for matching.

    Indexed, not all pairs: an Aho–Corasick automaton of the distinct Chinese texts finds the
    terms inside each term (nesting) and every term occurrence in the corpus; overlaps of two or
    more characters come from an index of term prefixes, one-character overlaps (which only
    count when seen) from adjacent occurrences in the corpus. Findings are exactly those of
    comparing every ordered pair of terms of different concepts.
    """
    terms = _ZhTerms.of(glossary)
    if terms is None:
        return
    _nested(terms, add)
    seen = _overlaps_seen(terms, corpus_text)
    _overlaps(terms, _overlap_candidates(terms, seen), seen, add)


@dataclass
class _ZhTerms:
    """The distinct Chinese term texts, the uses of each, and an automaton that finds them."""

    uses: dict[str, list[Use]]
    texts: list[str]
    auto: ahocorasick_rs.AhoCorasick

    @classmethod
    def of(cls, glossary: Glossary) -> _ZhTerms | None:
        """None when there is no Chinese term (an automaton needs at least one)."""
        uses: dict[str, list[Use]] = {}
        for t, c in glossary.zh_terms():
            uses.setdefault(t.text, []).append((t, c))
        texts = [t for t in uses if t]
        return cls(uses, texts, ahocorasick_rs.AhoCorasick(texts)) if texts else None

    def pairs(self, t1: str, t2: str, rule: str) -> Iterator[tuple[Use, Use]]:
        """The uses of ``t1`` and ``t2`` by two different concepts that do not ignore ``rule``."""
        for e1 in self.uses[t1]:
            for e2 in self.uses[t2]:
                if e1[1] is not e2[1] and rule not in e1[1].lint_ignore + e2[1].lint_ignore:
                    yield e1, e2


def _nested(terms: _ZhTerms, add: Add) -> None:
    """nested: a term of one concept inside a term of another (longest match wins)."""
    for t2 in terms.texts:
        inside = {i for i, _, _ in terms.auto.find_matches_as_indexes(t2, overlapping=True)}
        for t1 in sorted(terms.texts[i] for i in inside if terms.texts[i] != t2):
            for (a, ca), (_, cb) in terms.pairs(t1, t2, "nested"):
                add("nested", a, ca, f"{t1!r} ({ca.id}) lies inside {t2!r} ({cb.id})")


def _overlaps_seen(terms: _ZhTerms, corpus_text: str) -> set[tuple[str, str, int]]:
    """(t1, t2, k) for each t1 + t2[k:] in the corpus: t2 starts k characters before t1 ends."""
    seen: set[tuple[str, str, int]] = set()
    starts: dict[int, list[int]] = defaultdict(list)
    found = terms.auto.find_matches_as_indexes(corpus_text, overlapping=True) if corpus_text else []
    for i, s, _ in found:
        starts[s].append(i)
    for i, _, e in found:
        t1 = terms.texts[i]
        for k in range(1, len(t1)):
            for j in starts.get(e - k, ()):
                if len(terms.texts[j]) > k:
                    seen.add((t1, terms.texts[j], k))
    return seen


def _overlap_candidates(terms: _ZhTerms, seen: set[tuple[str, str, int]]) -> dict[tuple[str, str], int]:
    """(t1, t2) → the longest overlap where t1 ends with a start of t2: two or more characters
    from an index of term prefixes, one character only where the corpus shows it."""
    prefixes: dict[str, list[str]] = defaultdict(list)
    for t in terms.texts:
        for k in range(2, len(t)):
            prefixes[t[:k]].append(t)
    candidates: dict[tuple[str, str], int] = {}
    for t1 in terms.texts:
        for k in range(len(t1) - 1, 1, -1):
            for t2 in prefixes.get(t1[-k:], ()):
                candidates.setdefault((t1, t2), k)  # longest overlap first
    for t1, t2, k in seen:
        if k == 1 and _overlap(t1, t2) == 1:
            candidates[(t1, t2)] = 1
    return candidates


def _overlaps(
    terms: _ZhTerms, candidates: dict[tuple[str, str], int], seen: set[tuple[str, str, int]], add: Add
) -> None:
    """overlap (seen in the corpus) and overlap-potential: only one of two overlapping terms can
    match, unless one contains the other or their join is itself a term."""
    for (t1, t2), n in candidates.items():
        if t1 in t2 or t2 in t1:
            continue
        joined = t1 + t2[n:]
        if joined in terms.uses:
            continue  # the joined text is itself a term: longest match settles it
        rule = "overlap" if (t1, t2, n) in seen else "overlap-potential"
        for (a, ca), (_, cb) in terms.pairs(t1, t2, "overlap"):
            add(
                rule,
                a,
                ca,
                f"{t1!r} ({ca.id}) ends with {t1[-n:]!r}, which starts "
                f"{t2!r} ({cb.id}): in {joined!r} only one can match",
            )


def failing(findings: list[LintFinding]) -> list[LintFinding]:
    return [f for f in findings if f.severity in FAILING]
