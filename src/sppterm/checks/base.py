"""The check model: units to check, rules that describe themselves, findings."""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:  # for the annotations only: no import at run time
    from sppterm.checks.terms import EnglishTerms
    from sppterm.glossary.matcher import ZhMatcher
    from sppterm.glossary.model import Glossary
    from sppterm.glossary.validity import Period

ERROR, WARNING, INFO = "error", "warning", "info"
LEVELS = {INFO: 0, WARNING: 1, ERROR: 2}


@dataclass(slots=True)  # slots: a 200,000-unit check holds every unit at once
class CheckUnit:
    """One bilingual unit (or a source-only block) as the checks see it."""

    path: str  # the file the finding points at
    line: int
    key: str  # the source text (the unit key)
    target: str | None  # None for source-only inputs (source_zh/*.md)
    fuzzy: bool = False
    flags: frozenset[str] = frozenset()
    role: str = ""
    bulletin: str = ""
    source_ref: str = ""  # source_zh/ID.md the unit comes from, when known
    english_source: bool = False  # the source block is already English (pre-filled)
    file: str = ""  # the file as read (for locating findings in it), "" when not from a file

    @property
    def untranslated(self) -> bool:
        return self.target is not None and (not self.target.strip() or self.fuzzy)


@dataclass(frozen=True, slots=True)
class Fix:
    """A safe automatic fix: replace ``target[start:end]`` (the unit's msgstr as written) with
    ``text``. ``sppterm check --fix`` applies it (checks.fix); SARIF carries it as ``fixes``."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Finding:
    rule: str
    severity: str
    path: str
    line: int
    message: str
    key: str = ""  # the unit key
    term: str = ""  # the term or value concerned, part of the fingerprint
    suggestion: str = ""
    column: int = 1
    target: str | None = None
    # What the finding is about: "source" (the msgid) or "target" (the msgstr), and the span
    # (start, end) of the words concerned in that text, None for the whole text. Reports turn
    # them into physical positions (checks.locations.place): line/column above, and these.
    side: str = ""
    span: tuple[int, int] | None = None
    end_line: int = 0
    end_column: int = 0  # exclusive, as SARIF's
    unit_line: int = 0  # the unit's own line (its msgid): line may be moved onto the msgstr
    fix: Fix | None = None  # a replacement in the target that makes the finding go away

    @property
    def fingerprint(self) -> str:
        """Stable across line moves: rule, unit key and term only."""
        h = hashlib.sha256(f"{self.rule}\x1f{self.key}\x1f{self.term}".encode()).hexdigest()
        return h[:32]


class Rule:
    """A check rule: its metadata and behaviour flags as class attributes, its logic in
    :meth:`check` (one unit) or :meth:`check_series` (all units at once).

    Everything that reads rules (the runner, the reports, ``sppterm rules``, ``glossary
    impact``) asks these attributes and never compares ids, so a new rule is one class in its
    module, one entry in :data:`sppterm.checks.registry.INFOS` (its metadata, read without
    importing the module; tests/test_rules.py compares the two) and its labelled corpus cases.
    The documentation follows ruff's rule pages: what it does, why it matters, an example.
    """

    id: ClassVar[str]  # the stable code: in reports, PO flags (#, ignore-ID), config and baselines
    title: ClassVar[str]  # one line
    severity: ClassVar[str]  # the default severity of its findings (a finding may set its own)
    what: ClassVar[str]  # what it reports
    why: ClassVar[str]  # why that matters to the bulletins
    example: ClassVar[str]  # a finding and its fix
    # Why the default severity is what it is: what is wrong fails CI (error), what a reviser
    # must judge does not (warning). Shown by ``sppterm rules`` and in the SARIF help.
    severity_why: ClassVar[str] = ""

    source_only: ClassVar[bool] = False  # also runs on source-only inputs (source_zh/*.md)
    series: ClassVar[bool] = False  # runs once over all units (check_series), not per unit
    # A precondition: on a unit where it is unmet (unmet() is true) only precondition rules run,
    # since the other findings would be consequences of it (translate-toolkit's preconditions).
    # Where it is partly unmet (partly_unmet(): Chinese left in the English) the rules that
    # read the English words (reads_english) skip the unit too; the others still run.
    precondition: ClassVar[bool] = False
    reads_english: ClassVar[bool] = True
    # When a source file and the PO/XLIFF of the same source are checked together, report on the
    # source file only: the finding is about the Chinese, which both carry.
    once_per_source: ClassVar[bool] = False
    uses_glossary: ClassVar[bool] = False  # its findings depend on the glossary (glossary impact)
    # glossary impact: the lowest severity it reports for this rule, and whether only findings
    # on a changed concept count (then the finding's ``term`` is the concept id).
    impact_level: ClassVar[str] = ERROR
    impact_by_concept: ClassVar[bool] = False
    # True when no finding of the rule is ever an error (none sets its own severity above the
    # default, which is below error): a gate counting only errors (a release build) skips it.
    never_error: ClassVar[bool] = False

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        """Findings on one unit (per-unit rules)."""
        return ()

    def check_series(self, units: list[CheckUnit], ctx: Context) -> Iterable[Finding]:
        """Findings over the whole series at once (rules with ``series = True``)."""
        return ()

    def unmet(self, unit: CheckUnit) -> bool:
        """For a precondition rule: True when ``unit`` fails it, so the other rules skip it."""
        return False

    def partly_unmet(self, unit: CheckUnit) -> bool:
        """For a precondition rule: True when ``unit`` fails it in part, so the rules that read
        the English words (``reads_english``) skip it."""
        return False

    @property
    def doc(self) -> str:
        """The documentation as one Markdown text (``sppterm rules ID``, SARIF help)."""
        return "\n\n".join(f"## {head}\n\n{body}" for head, body in self.sections())

    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) of the What / Why / Severity / Example documentation, dedented."""
        return [
            ("What it does", _dedent(self.what)),
            ("Why it matters", _dedent(self.why)),
            (f"Severity: {self.severity}", _dedent(self.severity_why)),
            ("Example", _dedent(self.example)),
        ]

    def __repr__(self) -> str:
        return f"<rule {self.id}>"

    def finding(
        self,
        unit: CheckUnit,
        message: str,
        term: str = "",
        suggestion: str = "",
        severity: str | None = None,
        column: int = 1,
        *,
        side: str = "",
        span: tuple[int, int] | None = None,
        fix: Fix | None = None,
    ) -> Finding:
        """A finding of this rule on ``unit`` (default severity unless given).

        ``side`` and ``span`` say where: ``span`` is (start, end) in the unit's ``key``
        (side "source") or ``target`` (side "target", the default when the unit has one).
        ``column`` alone is a 1-based start in the source (the older form). ``fix``: a safe
        replacement in the target (see :class:`Fix`)."""
        if span is None and column > 1:
            span, side = (column - 1, column), side or "source"
        side = side or ("target" if unit.target is not None else "source")
        return Finding(
            self.id,
            severity or self.severity,
            unit.path,
            unit.line,
            message,
            unit.key,
            term,
            suggestion,
            span[0] + 1 if span else 1,
            unit.target,
            side,
            span,
            unit.line,
            span[1] + 1 if span else 1,
            unit.line,
            fix,
        )


def _dedent(text: str) -> str:
    return textwrap.dedent(text).strip()


@dataclass
class Context:
    """What rules share: the glossary matchers, built once per run."""

    glossary: Glossary
    zh_matcher: ZhMatcher
    en_terms: EnglishTerms
    options: dict[str, object] = field(default_factory=dict)
    # Bulletin id → its date (bulletin.dates.read_periods): the terms valid at a unit's
    # bulletin are the ones the rules accept. Empty: every unit undated (today's glossary).
    dates: Mapping[str, Period] = field(default_factory=dict)

    def when(self, unit: CheckUnit) -> Period | None:
        """The date of ``unit``'s bulletin, None when unknown."""
        return self.dates.get(unit.bulletin) if self.dates else None
