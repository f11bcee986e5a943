"""The check model: units to check, rules with stable ids, findings."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

ERROR, WARNING, INFO = "error", "warning", "info"
LEVELS = {INFO: 0, WARNING: 1, ERROR: 2}


@dataclass
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

    @property
    def untranslated(self) -> bool:
        return self.target is not None and (not self.target.strip() or self.fuzzy)


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

    @property
    def fingerprint(self) -> str:
        """Stable across line moves: rule, unit key and term only."""
        h = hashlib.sha256(f"{self.rule}\x1f{self.key}\x1f{self.term}".encode()).hexdigest()
        return h[:32]


@dataclass
class Rule:
    id: str
    severity: str
    title: str
    doc: str
    source_only: bool = False  # also runs on source-only inputs

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:  # pragma: no cover
        return ()

    def finding(
        self,
        unit: CheckUnit,
        message: str,
        term: str = "",
        suggestion: str = "",
        severity: str | None = None,
        column: int = 1,
    ) -> Finding:
        return Finding(
            self.id,
            severity or self.severity,
            unit.path,
            unit.line,
            message,
            unit.key,
            term,
            suggestion,
            column,
            unit.target,
        )


@dataclass
class Context:
    """What rules share: the glossary matchers, built once per run."""

    glossary: object
    zh_matcher: object
    en_terms: object
    options: dict = field(default_factory=dict)
