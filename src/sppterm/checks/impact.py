"""``sppterm glossary impact``: the units a glossary change affects, and which of them now fail.

The glossary package says what changed (:mod:`sppterm.glossary.impact`); this module re-runs
the rules whose findings depend on the glossary (``uses_glossary``) on the affected units and
keeps what each rule's flags say the change is answerable for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sppterm.checks.base import LEVELS, CheckUnit, Finding, Rule
from sppterm.checks.registry import BY_ID, RULES
from sppterm.checks.runner import Options, load_units, run
from sppterm.config import Config
from sppterm.glossary import load_glossary
from sppterm.glossary.impact import Change, affected_keys, diff, glossary_at
from sppterm.glossary.model import Glossary


@dataclass
class Impact:
    """A glossary change, the translated units it affects and their findings now."""

    ref: str
    change: Change
    units: list[CheckUnit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def headline(self) -> str:
        """``concepts changed since REF: 1 changed, 0 added, 0 removed (gpp)``."""
        ch = self.change
        return (
            f"concepts changed since {self.ref}: {len(ch.changed)} changed, {len(ch.added)} added, "
            f"{len(ch.removed)} removed" + (f" ({', '.join(ch.ids)})" if ch.ids else "")
        )

    def rows(self) -> list[list[object]]:
        """Per file: its affected units and how many findings they now have."""
        return [
            [path, sum(u.path == path for u in self.units), sum(f.path == path for f in self.findings)]
            for path in sorted({u.path for u in self.units})
        ]


def glossary_rules() -> list[Rule]:
    """The rules whose findings depend on the glossary, in registry order."""
    return [r for r in RULES if r.uses_glossary]


def reported(finding: Finding, change: Change) -> bool:
    """Whether ``glossary impact`` reports ``finding``: at or above its rule's ``impact_level``,
    and, for a rule with ``impact_by_concept``, about a concept the change touched."""
    rule = BY_ID[finding.rule]
    if LEVELS[finding.severity] < LEVELS[rule.impact_level]:
        return False
    return not rule.impact_by_concept or finding.term in change.ids


def impact_of(change: Change, units: list[CheckUnit], glossary: Glossary, ref: str = "HEAD") -> Impact:
    """Check the translated ``units`` holding a changed concept's Chinese against ``glossary``."""
    translated = [u for u in units if u.target]
    keys = affected_keys(change, [u.key for u in translated])
    hit = [u for u in translated if u.key in keys]
    rules = [r.id for r in glossary_rules()]
    findings = [f for f in run(hit, glossary, Options(rules=rules)) if reported(f, change)]
    return Impact(ref, change, hit, findings)


def glossary_impact(cfg: Config, ref: str = "HEAD") -> Impact:
    """The impact on the project's PO files of the glossary's changes since git revision ``ref``."""
    new = load_glossary(cfg.glossary)
    change = diff(glossary_at(ref, cfg.root, cfg.glossary), new)
    files: list[Path] = sorted(cfg.po_dir.glob("*.po"))
    return impact_of(change, load_units(files, cfg.root), new, ref)
