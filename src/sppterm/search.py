"""Concordance (``sppterm search``): a string or regex across every PO unit of the series, both
sides, with the bulletin, unit and line of each hit, as Xbench searches a whole project.

A literal search (the default) ignores case and full-width/half-width differences (``ＳＤＧ`` finds
``SDG``, ``，`` finds ``,``) and scans the folded text of all units at once (the warm index,
:mod:`sppterm.units.po_index`). A regular expression (``regex=True``: the ``regex`` module's
syntax, Python's ``re`` run instead where it finds the same matches, see :class:`Pattern`)
matches the text as written, unit by unit, so ``^`` and ``$`` are a unit's start and end; it
runs under a time budget, so a catastrophic pattern ends with a message instead of hanging.
Before it runs, the literal strings every match must contain (:func:`required_literals`, read
from the ``re`` parse tree) are looked for in the raw bytes of all units at once, and the
regex runs only on the units that hold them. Filters: bulletins, translated or untranslated
units, and units with findings of a rule (the checker runs on the units that matched, not on
the series). ``glossary=True`` also searches the glossary's terms, abbreviations, definitions
and notes.
"""

from __future__ import annotations

import contextlib
import re
import re._constants as sre_constants  # type: ignore[import-not-found]  # the parser `re` uses
import re._parser as sre_parser  # type: ignore[import-not-found]
import signal
import threading
import time
import warnings
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from sppterm.errors import InputError
from sppterm.textio import display_path
from sppterm.units.po_index import Index, Row, fold, has_odd_character, load_index
from sppterm.zh import has_cjk

if TYPE_CHECKING:
    from sppterm.config import Config
    from sppterm.glossary.model import Glossary

_C = sre_constants
SIDES = {"zh": ("msgid",), "en": ("msgstr",), "both": ("msgid", "msgstr")}
BUDGET = 2.0  # seconds a regular expression may take over the whole series
Span = tuple[int, int]
_T = TypeVar("_T")


class BadPattern(InputError):
    """A pattern that cannot be searched for (bad regex, too slow, empty)."""


@dataclass
class Query:
    pattern: str
    regex: bool = False
    side: str = "both"  # zh, en or both
    bulletins: Sequence[str] = ()  # none: every bulletin
    translated: bool | None = None  # only translated (True) or untranslated/fuzzy (False) units
    rule: str = ""  # only units with findings of this rule
    glossary: bool = False  # also the glossary's terms and notes
    budget: float = BUDGET


@dataclass
class Hit:
    """A unit with matches: spans in its Chinese (msgid) and English (msgstr)."""

    row: Row
    zh: list[Span] = field(default_factory=list)
    en: list[Span] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)  # 'rule: message' of the --rule findings

    @property
    def state(self) -> str:
        if self.row.fuzzy:
            return "fuzzy"
        return "translated" if self.row.msgstr.strip() else "untranslated"


@dataclass
class GlossaryHit:
    """A match in a glossary concept: which field, its text and the spans."""

    concept: str
    path: str
    line: int
    field: str  # zh/en term with its status, abbr, definition, note
    text: str
    spans: list[Span]


@dataclass
class Result:
    query: Query
    hits: list[Hit]
    glossary: list[GlossaryHit] = field(default_factory=list)
    units: int = 0  # units searched
    seconds: float = 0.0  # the search itself (index loaded)


class _Alarm(Exception):
    """SIGALRM: the budget of a regex run by ``re`` is spent."""


def _alarm_free() -> bool:
    """Whether this call may time ``re`` with SIGALRM: on the main thread (signals go there)
    of a system with interval timers, no handler installed and no timer running (a test's
    time limit, an application's own alarm: then the ``regex`` module's timeouts serve)."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) is signal.SIG_DFL
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


class Pattern:
    """A compiled query: :meth:`spans` in one text, :meth:`rows` over an index.

    A regular expression is the ``regex`` module's (version 0: Python's ``re`` syntax, and
    more). Where ``re`` finds the same matches, ``re`` runs it instead, since importing
    ``regex`` costs ~10 ms of a 40 ms search: a pattern ``re`` reads the same way
    (:func:`_parse`), not case-insensitive, searched unit by unit (``regex`` scans the joined
    series many times faster), on a unit with no character the two modules classify
    differently when the pattern has ``\\w``, ``\\s``, ``\\d`` or ``\\b``
    (:func:`~sppterm.units.po_index.has_odd_character`), and on the main thread, where a
    SIGALRM timer keeps its time budget (``re`` checks for signals while it matches, so a
    catastrophic pattern stops). Elsewhere ``regex`` runs with its own timeouts."""

    def __init__(self, text: str, is_regex: bool = False, budget: float = BUDGET) -> None:
        if not text:
            raise BadPattern.at("PATTERN", None, "empty pattern")
        if "\0" in text:
            raise BadPattern.at("PATTERN", None, "the pattern holds a NUL character")
        self.text, self.is_regex, self.budget = text, is_regex, budget
        self._deadline = 0.0
        self._armed = False  # inside budgeted() with the alarm set
        self._rx: Any = None  # compiled by the regex module, on first need
        self._re: re.Pattern[str] | None = None  # compiled by re, where it gives the same matches
        if is_regex:
            tree = _parse(text)
            self._classes = tree is None or any(
                op is _C.CATEGORY or (op is _C.AT and av in (_C.AT_BOUNDARY, _C.AT_NON_BOUNDARY))
                for op, av in _walk(list(tree))
            )
            if tree is not None and not _case_insensitive(tree):
                with contextlib.suppress(re.error, OverflowError, RecursionError, ValueError):
                    self._re = re.compile(text)
            if self._re is None:
                self._regex()  # a bad pattern is reported now
            # Longest first: the first one picks the candidate units, the others confirm them.
            found = required_literals(text)
            self._atoms = sorted(dict.fromkeys(found), key=lambda a: -len(a.encode("utf-8")))
            self._whole_series = unit_bound(text)
        else:
            self._literal = re.compile(re.escape(fold(text)))
            self._bytes = re.compile(re.escape(fold(text).encode("utf-8")))

    def _regex(self) -> Any:
        """The pattern compiled by the ``regex`` module (imported here, only when needed)."""
        if self._rx is None:
            import regex

            try:
                self._rx = regex.compile(self.text, regex.V0)
            except (regex.error, OverflowError, RecursionError, ValueError) as e:
                raise BadPattern.at("PATTERN", None, f"bad regular expression {self.text!r}: {e}") from None
        return self._rx

    def start(self) -> None:
        """Start the time budget (a regex search may not run longer in all)."""
        self._deadline = time.monotonic() + self.budget

    def spans(self, text: str) -> list[Span]:
        """Where the pattern matches ``text`` (non-empty, non-overlapping matches)."""
        if not self.is_regex:
            return [m.span() for m in self._literal.finditer(fold(text))]
        if not self._deadline:
            self.start()
        odd = self._classes and self._re is not None and has_odd_character(text)
        return self.budgeted(lambda: self._matches(text, odd))

    def budgeted(self, work: Callable[[], _T]) -> _T:
        """``work()``, whose regex matching must end within what is left of the budget: for
        ``re``, under one alarm (four system calls, so a loop over units is timed as one
        call); the ``regex`` module times each call itself."""
        if self._armed or not self.is_regex:
            return work()
        if self._deadline - time.monotonic() <= 0:
            raise self._too_slow()
        if self._re is not None and not _alarm_free():  # no timer for re: regex everywhere
            self._regex()
            self._re = None
        if self._re is None:
            return work()
        previous = signal.signal(signal.SIGALRM, self._on_alarm)
        try:
            self._armed = True
            signal.setitimer(signal.ITIMER_REAL, max(self._deadline - time.monotonic(), 1e-6))
            try:
                return work()
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
                self._armed = False  # an alarm handled after this is void
        except _Alarm:
            raise self._too_slow() from None
        finally:
            signal.signal(signal.SIGALRM, previous)

    def _on_alarm(self, signum: int, frame: object) -> None:
        if self._armed:
            raise _Alarm

    def _too_slow(self) -> InputError:
        return BadPattern.at(
            "PATTERN", None, f"regular expression {self.text!r} took over {self.budget:g} s: simplify it"
        )

    def _matches(self, text: str, odd: bool = True, by_re: bool = True) -> list[Span]:
        """The regex's non-empty matches in ``text`` (inside :meth:`budgeted`); ``odd``: the
        text may hold a character the modules classify differently."""
        if by_re and self._re is not None and not (odd and self._classes):
            return [m.span() for m in self._re.finditer(text) if m.end() > m.start()]
        compiled, left = self._regex(), self._deadline - time.monotonic()
        try:
            if left <= 0:
                raise TimeoutError
            return [m.span() for m in compiled.finditer(text, timeout=left) if m.end() > m.start()]
        except TimeoutError:
            raise self._too_slow() from None

    def rows(self, index: Index, field_: str, keep: Sequence[bool] | None = None) -> dict[int, list[Span]]:
        """Row → spans in ``field_`` (msgid or msgstr) of every row (where ``keep`` allows)."""
        if not self.is_regex:  # one scan of the folded field of all rows
            out: dict[int, list[Span]] = {}
            for m in self._bytes.finditer(index.folded[field_]):
                k, span = index.folded_match(field_, m.start(), m.end())
                if keep is None or keep[k]:
                    out.setdefault(k, []).append(span)
            return out
        index.raw[field_]  # the column checked (a corrupt one parsed again) before the clock runs
        self.start()
        return self.budgeted(lambda: self._regex_rows(index, field_, keep))

    def _regex_rows(self, index: Index, field_: str, keep: Sequence[bool] | None) -> dict[int, list[Span]]:
        out: dict[int, list[Span]] = {}
        needle = self._atoms[0].encode("utf-8") if self._atoms else b""
        rare = bool(needle) and index.count(field_, needle, len(index) // 8 + 1) * 8 <= len(index)
        if self._whole_series and not rare:
            # one scan of all units at once (see unit_bound), unless a rare literal picks few
            joined, starts = index.joined(field_)
            for a, b in self._matches(joined, by_re=False):
                k = bisect_right(starts, a) - 1
                if keep is None or keep[k]:
                    out.setdefault(k, []).append((a - starts[k], b - starts[k]))
            return out
        if needle:  # only the units holding the longest required literal
            rest = self._atoms[1:]
            candidates = index.rows_holding(field_, needle)
            texts: Iterable[tuple[int, str]] = ((k, index.text(field_, k)) for k in candidates)
        else:
            rest, texts = [], enumerate(index.texts(field_))
        odd = index.odd[field_]
        for k, text in texts:
            if (keep is None or keep[k]) and text and all(a in text for a in rest):
                found = self._matches(text, bool(odd[k]))
                if found:
                    out[k] = found
        return out


def _walk(seq: list[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
    """Every node of an ``re`` parse tree, depth first (the items of a set too)."""
    for op, av in seq:
        yield op, av
        if op is _C.SUBPATTERN:
            yield from _walk(list(av[3]))
        elif op in _REPEATS:
            yield from _walk(list(av[2]))
        elif op is _C.BRANCH:
            for b in av[1]:
                yield from _walk(list(b))
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            yield from _walk(list(av[1]))
        elif op is _C.ATOMIC_GROUP:
            yield from _walk(list(av))
        elif op is _C.GROUPREF_EXISTS:
            for b in av[1:]:
                if b is not None:
                    yield from _walk(list(b))
        elif op is _C.IN:
            yield from av


def _case_insensitive(tree: Any) -> bool:
    """Whether any part of the pattern ignores case (the modules' case folding differs)."""
    return bool(tree.state.flags & re.IGNORECASE) or any(
        op is _C.SUBPATTERN and av[1] & re.IGNORECASE for op, av in _walk(list(tree))
    )


# A brace the `regex` module may read as fuzzy matching ({e<=1}) and `re` as literal text: a
# pattern with a brace that is no plain repeat count gets no prefilter.
_ODD_BRACE = re.compile(r"\{(?!\d*(?:,\d*)?\})")
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)


def _parse(pattern: str) -> Any:
    """The ``re`` parse tree of ``pattern``, or None where ``re`` and ``regex`` may read it
    differently: ``re`` cannot parse it, or warns (``[[:alpha:]]``), or a brace is no plain
    repeat count (``regex`` reads ``{e<=1}`` as fuzzy matching)."""
    if _ODD_BRACE.search(pattern):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            return sre_parser.parse(pattern)
        except (re.error, Warning, RecursionError, OverflowError, ValueError, TypeError):
            return None


def required_literals(pattern: str) -> list[str]:
    """Literal strings that every match of ``pattern`` contains, read from the ``re`` parse
    tree: runs of literal characters in the top-level sequence, in groups and in repeats of at
    least one (``\\bin 20[0-9]{2}, measures`` → ``in 20``, ``, measures``); none from an
    alternation, an optional part or a case-insensitive one. The search uses the ``regex``
    module, whose syntax is wider: a pattern the two may read differently (:func:`_parse`)
    gives none, so the list never names a string a match could lack."""
    tree = _parse(pattern)
    if tree is None or tree.state.flags & re.IGNORECASE:
        return []
    out: list[str] = []
    _literal_runs(list(tree), out)
    # \x00 in a pattern: NUL separates the units in the index, so a literal never holds one
    return [piece for a in out for piece in a.split("\0") if piece]


def _literal_runs(seq: list[tuple[Any, Any]], out: list[str]) -> None:
    run: list[str] = []
    for op, av in seq:
        if op is sre_constants.LITERAL:
            run.append(chr(av))
            continue
        if op is sre_constants.AT:  # zero width (^, \b): the run goes on
            continue
        out.append("".join(run))
        run = []
        if op is sre_constants.SUBPATTERN:
            _, add_flags, _, sub = av
            if not add_flags & re.IGNORECASE:
                _literal_runs(list(sub), out)
        elif op in _REPEATS and av[0] >= 1:
            _literal_runs(list(av[2]), out)
        elif op is sre_constants.ATOMIC_GROUP:
            _literal_runs(list(av), out)
    out.append("".join(run))


def search(index: Index, query: Query) -> list[Hit]:
    """The units of ``index`` the query matches, in file and line order (no rule filter:
    :func:`search_project` applies that)."""
    if query.side not in SIDES:
        raise BadPattern.at("--side", None, f"side must be one of {', '.join(SIDES)}")
    pattern = Pattern(query.pattern, query.regex, query.budget)
    keep = _kept(index, query)
    found = {f: pattern.rows(index, f, keep) for f in SIDES[query.side]}
    rows = sorted(set().union(*found.values()))
    zh, en = found.get("msgid", {}), found.get("msgstr", {})
    return [Hit(r, zh.get(k, []), en.get(k, [])) for k, r in zip(rows, index.rows(rows), strict=True)]


def _kept(index: Index, query: Query) -> list[bool] | None:
    """Which rows the bulletin and state filters keep (None: all)."""
    if not query.bulletins and query.translated is None:
        return None
    wanted = {k for k, p in enumerate(index.paths) if not query.bulletins or _stem(p) in query.bulletins}
    out = []
    for k in range(len(index)):
        done = index.translated[k] and not index.fuzzy[k]
        ok = index.file[k] in wanted and (query.translated is None or query.translated == done)
        out.append(ok)
    return out


def _stem(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name[:-3] if name.endswith(".po") else name


def search_glossary(glossary: Glossary, pattern: Pattern, side: str = "both") -> list[GlossaryHit]:
    """Matches in the concepts' terms (of the side's languages), abbreviations, definitions and notes."""
    langs = {"zh": ("zh",), "en": ("en",), "both": ("zh", "en")}[side]
    out = []
    for c in glossary:
        fields: list[tuple[str, str, int]] = [
            (f"{t.lang} {t.status.value}", t.text, t.line or c.line) for t in c.terms if t.lang in langs
        ]
        fields += [(f"{t.lang} note", t.note, t.line or c.line) for t in c.terms if t.note]
        if "en" in langs:
            fields += [("abbr", a, c.line) for a in c.abbr]
        fields += [("definition", c.definition, c.line), ("note", c.note, c.line)]
        for name, text, line in fields:
            spans = pattern.spans(text) if text else []
            if spans:
                out.append(GlossaryHit(c.id, c.path, line, name, text, spans))
    return out


def search_project(cfg: Config, query: Query) -> Result:
    """Search a project's PO files (and glossary) as ``sppterm search`` does."""
    index = load_index(cfg.po_dir, cfg.root)
    t0 = time.perf_counter()
    hits = search(index, query)
    seconds = time.perf_counter() - t0
    if query.rule:
        hits = _with_findings(cfg, hits, query.rule)
    gloss: list[GlossaryHit] = []
    if query.glossary:
        from sppterm.glossary import load_glossary

        glossary, pattern = load_glossary(cfg.glossary), Pattern(query.pattern, query.regex, query.budget)
        pattern.start()  # one budget (and one alarm) for all the concepts' fields
        gloss = pattern.budgeted(lambda: search_glossary(glossary, pattern, query.side))
        for g in gloss:
            g.path = display_path(g.path, cfg.root)
    return Result(query, hits, gloss, len(index), seconds)


def _with_findings(cfg: Config, hits: list[Hit], rule: str) -> list[Hit]:
    """The hits whose units have findings of ``rule`` (the checker run on these units only,
    with the project's options: severities, baseline, the terms valid at each bulletin)."""
    from sppterm.bulletin.dates import read_periods
    from sppterm.checks import project, runner
    from sppterm.checks.base import CheckUnit
    from sppterm.glossary import load_glossary

    try:
        opts = project.options(cfg, [], only=[rule])
    except project.UnknownRule:
        raise InputError.at("--rule", None, f"unknown rule {rule!r} (see 'sppterm rules')") from None
    opts.dates = read_periods(cfg.source)
    units = [
        CheckUnit(
            h.row.path,
            h.row.line,
            h.row.msgid,
            h.row.msgstr,
            h.row.fuzzy,
            frozenset(h.row.flags),
            h.row.role,
            h.row.bulletin,
            h.row.source_ref.rpartition(":")[0] or h.row.source_ref,
            h.row.role == "english" or not has_cjk(h.row.msgid),
            file=str(cfg.root / h.row.path),
        )
        for h in hits
    ]
    by_unit: dict[tuple[str, int], list[str]] = {}
    for f in runner.run(units, load_glossary(cfg.glossary), opts):
        by_unit.setdefault((f.path, f.unit_line or f.line), []).append(f"{f.rule}: {f.message}")
    out = []
    for h in hits:
        found = by_unit.get((h.row.path, h.row.line))
        if found:
            h.findings = found
            out.append(h)
    return out


# What never matches NUL, the separator of the joined units: \d, \w, \s (not their negations).
_NUL_FREE_CATEGORIES = {_C.CATEGORY_DIGIT, _C.CATEGORY_WORD, _C.CATEGORY_SPACE}


def unit_bound(pattern: str) -> bool:
    """Whether ``pattern`` finds the same matches in the units joined by NUL as in each unit
    alone, so one scan of the joined text replaces one per unit (20,000 calls cost more than
    the matching). True when no part of it can match NUL — then no match crosses from one
    unit into the next — and nothing in it looks outside the match: no ``^ $ \\A \\Z`` (a
    unit's start and end), no look-around. ``\\b`` is allowed: NUL is no word character, as
    the edge of a string is not. Anything else (``.``, ``[^…]``, ``\\W``, a pattern the two
    modules may read differently) is searched unit by unit."""
    tree = _parse(pattern)
    return tree is not None and _nul_free(list(tree))


def _nul_free(seq: list[tuple[Any, Any]]) -> bool:
    for op, av in seq:
        if op is _C.LITERAL:
            ok = av != 0
        elif op is _C.IN:
            ok = all(
                (o is _C.LITERAL and a != 0)
                or (o is _C.RANGE and a[0] != 0)
                or (o is _C.CATEGORY and a in _NUL_FREE_CATEGORIES)
                for o, a in av
            )  # a NEGATE item (a negated set) fails every test
        elif op is _C.AT:
            ok = av in (_C.AT_BOUNDARY, _C.AT_NON_BOUNDARY)
        elif op is _C.SUBPATTERN:
            ok = _nul_free(list(av[3]))
        elif op in _REPEATS:
            ok = _nul_free(list(av[2]))
        elif op is _C.ATOMIC_GROUP:
            ok = _nul_free(list(av))
        elif op is _C.BRANCH:
            ok = all(_nul_free(list(b)) for b in av[1])
        else:  # ANY, NOT_LITERAL, look-around, conditionals: unit by unit
            ok = op is _C.GROUPREF  # a back reference repeats text the rest matched
        if not ok:
            return False
    return True
